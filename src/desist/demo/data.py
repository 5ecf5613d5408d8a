"""Static lists the demo generator draws from: names, places, courts, offences.

Everything here is synthetic. Place and court names are real (the caseload has to look like
Northumbria's), but streets, house numbers and postcode units are invented, and every phone
number is in Ofcom's range reserved for drama (07700 900000–900999). No real person's data.
"""

from __future__ import annotations

# ---------------------------------------------------------------------------------------------
# Names. Common in the North East, with smaller lists for the minority ethnic groups the
# caseload includes (weights in people.py).

MALE_FIRST = (
    "Aaron", "Adam", "Alan", "Alex", "Andrew", "Anthony", "Ashley", "Barry", "Ben", "Billy",
    "Bradley", "Brian", "Callum", "Carl", "Chris", "Craig", "Daniel", "Darren", "David", "Dean",
    "Declan", "Dylan", "Gary", "Graham", "Ian", "Jack", "Jamie", "Jason", "Jordan", "Joseph",
    "Kevin", "Kieran", "Kyle", "Lee", "Lewis", "Liam", "Mark", "Martin", "Matthew", "Michael",
    "Neil", "Nathan", "Paul", "Peter", "Philip", "Reece", "Richard", "Robert", "Ryan", "Scott",
    "Sean", "Shaun", "Stephen", "Steven", "Stuart", "Terry", "Thomas", "Tony", "Wayne", "William",
)
FEMALE_FIRST = (
    "Abigail", "Amanda", "Amy", "Angela", "Becky", "Carly", "Caroline", "Charlotte", "Chelsea",
    "Claire", "Danielle", "Dawn", "Donna", "Emma", "Gemma", "Hannah", "Hayley", "Helen", "Jade",
    "Jennifer", "Jessica", "Joanne", "Julie", "Karen", "Kate", "Kayleigh", "Kelly", "Kerry",
    "Kirsty", "Laura", "Leanne", "Linda", "Lisa", "Louise", "Lucy", "Michelle", "Natalie",
    "Nicola", "Paula", "Rachel", "Rebecca", "Sam", "Sarah", "Shannon", "Sharon", "Sophie",
    "Stacey", "Stephanie", "Tracey", "Vicky", "Zoe",
)
LAST = (
    "Allan", "Anderson", "Armstrong", "Atkinson", "Bainbridge", "Bell", "Brown", "Burns",
    "Campbell", "Carr", "Charlton", "Clark", "Cook", "Cooper", "Davison", "Dixon", "Dodds",
    "Elliott", "Ferguson", "Forster", "Gibson", "Graham", "Gray", "Hall", "Harrison", "Hedley",
    "Henderson", "Heslop", "Hope", "Hudson", "Hunter", "Hutchinson", "Jackson", "Johnson",
    "Kelly", "Kennedy", "Lamb", "Lambert", "Lee", "Marshall", "Martin", "Milburn", "Miller",
    "Mitchell", "Moore", "Murray", "Nixon", "Oliver", "Ord", "Patterson", "Pattinson", "Potts",
    "Reed", "Reay", "Richardson", "Ridley", "Robinson", "Robson", "Rutherford", "Scott",
    "Shepherd", "Simpson", "Smith", "Stephenson", "Stobbart", "Storey", "Tait", "Taylor",
    "Thompson", "Turnbull", "Turner", "Walker", "Wallace", "Watson", "Wilkinson", "Wilson",
    "Wood", "Wright", "Young",
)
# (ethnicity, first language, male first names, female first names, last names)
MINORITY_NAMES = {
    "polish": (
        ("Piotr", "Tomasz", "Krzysztof", "Marek", "Pawel", "Lukasz"),
        ("Anna", "Katarzyna", "Magdalena", "Agnieszka", "Joanna"),
        ("Nowak", "Kowalski", "Wisniewski", "Wojcik", "Kaminski", "Lewandowski"),
    ),
    "romanian": (
        ("Andrei", "Ionut", "Mihai", "Florin", "Gabriel"),
        ("Elena", "Ioana", "Maria", "Andreea"),
        ("Popescu", "Ionescu", "Stan", "Dumitru", "Constantin"),
    ),
    "lithuanian": (
        ("Tomas", "Mantas", "Darius", "Giedrius"),
        ("Ruta", "Egle", "Laura"),
        ("Kazlauskas", "Petrauskas", "Jankauskas"),
    ),
    "south_asian": (
        ("Mohammed", "Imran", "Asif", "Tariq", "Shahid", "Amir", "Rizwan", "Sanjay"),
        ("Nasreen", "Shazia", "Aisha", "Fatima", "Priya"),
        ("Khan", "Ahmed", "Hussain", "Ali", "Rahman", "Islam", "Begum", "Patel", "Singh"),
    ),
    "black": (
        ("Kwame", "Samuel", "Emmanuel", "Tunde", "Marcus", "Jerome"),
        ("Grace", "Abena", "Blessing", "Chantelle"),
        ("Mensah", "Osei", "Okafor", "Adeyemi", "Campbell", "Williams"),
    ),
    "middle_eastern": (
        ("Hassan", "Karim", "Ahmad", "Omar", "Dilshad", "Rebwar"),
        ("Leila", "Zainab", "Noor"),
        ("Mohammed", "Hassan", "Karim", "Aziz", "Rasul", "Hamid"),
    ),
    "chinese": (
        ("Wei", "Jun", "Ming", "Hao"),
        ("Li", "Mei", "Xin"),
        ("Chen", "Wang", "Li", "Zhang", "Liu"),
    ),
}

# (ethnicity label, weight %, name group or None for the North East lists, languages)
# languages: ((first_language, weight), …); English if omitted.
ETHNICITIES = (
    ("White British", 86.5, None, ()),
    ("White Irish", 0.5, None, ()),
    ("White other", 4.0, "eastern_european", ()),
    ("Gypsy or Irish Traveller", 0.5, None, ()),
    ("Mixed", 2.0, None, ()),
    ("Asian or Asian British", 3.0, "south_asian", ()),
    ("Black or Black British", 1.5, "black", ()),
    ("Arab or other ethnic group", 1.0, "middle_eastern", ()),
    ("Chinese", 0.5, "chinese", ()),
    ("Not stated", 0.5, None, ()),
)
EASTERN_EUROPEAN = (("polish", "Polish", 55), ("romanian", "Romanian", 25),
                    ("lithuanian", "Lithuanian", 20))
# Share of each minority group whose first language is not English, and that language.
MINORITY_LANGUAGES = {
    "south_asian": (0.25, ("Urdu", "Bengali", "Punjabi")),
    "black": (0.15, ("Tigrinya", "Somali", "French")),
    "middle_eastern": (0.6, ("Arabic", "Kurdish", "Farsi")),
    "chinese": (0.5, ("Mandarin", "Cantonese")),
}
RELIGIONS = (
    ("No religion", 46), ("Christian", 42), ("Muslim", 4), ("Buddhist", 0.5), ("Hindu", 0.3),
    ("Sikh", 0.3), ("Jewish", 0.2), ("Other", 1.7), ("Not stated", 5),
)
DISABILITY_NEEDS = (
    "Depression and anxiety; prefers morning appointments",
    "Dyslexia; letters to be read through with them",
    "Chronic back pain; cannot sit for long",
    "Hearing impairment; needs a quiet room",
    "Epilepsy",
    "Type 1 diabetes",
    "ADHD; short sessions work best",
    "Post-traumatic stress disorder",
    "Mobility impairment; uses a walking stick",
    "Partial sight; large-print letters",
    "Autism; needs notice of any change of officer",
    "Long-term heart condition",
)

# ---------------------------------------------------------------------------------------------
# Places. (ONS code, name, population weight, ((area, postcode district), …))

LOCAL_AUTHORITIES = (
    ("E06000057", "Northumberland", 30, (
        ("Ashington", "NE63"), ("Blyth", "NE24"), ("Cramlington", "NE23"), ("Bedlington", "NE22"),
        ("Morpeth", "NE61"), ("Hexham", "NE46"), ("Alnwick", "NE66"), ("Amble", "NE65"),
        ("Berwick-upon-Tweed", "TD15"), ("Prudhoe", "NE42"), ("Newbiggin-by-the-Sea", "NE64"),
    )),
    ("E08000021", "Newcastle upon Tyne", 31, (
        ("Byker", "NE6"), ("Walker", "NE6"), ("Heaton", "NE6"), ("Benwell", "NE4"),
        ("Elswick", "NE4"), ("Fenham", "NE4"), ("Kenton", "NE3"), ("Gosforth", "NE3"),
        ("Westerhope", "NE5"), ("Blakelaw", "NE5"), ("Scotswood", "NE15"), ("Jesmond", "NE2"),
        ("Newcastle city centre", "NE1"),
    )),
    ("E08000022", "North Tyneside", 19, (
        ("North Shields", "NE29"), ("Wallsend", "NE28"), ("Whitley Bay", "NE26"),
        ("Longbenton", "NE12"), ("Killingworth", "NE12"), ("Tynemouth", "NE30"),
        ("Howdon", "NE28"), ("Shiremoor", "NE27"),
    )),
    ("E08000023", "South Tyneside", 15, (
        ("South Shields", "NE33"), ("Simonside", "NE34"), ("Jarrow", "NE32"), ("Hebburn", "NE31"),
        ("Boldon", "NE35"), ("Whitburn", "SR6"),
    )),
    ("E08000037", "Gateshead", 19, (
        ("Gateshead", "NE8"), ("Felling", "NE10"), ("Low Fell", "NE9"), ("Birtley", "DH3"),
        ("Whickham", "NE16"), ("Blaydon", "NE21"), ("Dunston", "NE11"), ("Wrekenton", "NE9"),
    )),
    ("E08000024", "Sunderland", 28, (
        ("Sunderland city centre", "SR1"), ("Hendon", "SR2"), ("Southwick", "SR5"),
        ("Pennywell", "SR4"), ("Washington", "NE38"), ("Houghton-le-Spring", "DH4"),
        ("Hetton-le-Hole", "DH5"), ("Castletown", "SR5"), ("Farringdon", "SR3"),
        ("Redhouse", "SR5"),
    )),
)
OTHER_LOCAL_AUTHORITIES = (
    ("E06000002", "Middlesbrough", 55, (
        ("Middlesbrough", "TS1"), ("North Ormesby", "TS3"), ("Linthorpe", "TS5"),
        ("Berwick Hills", "TS3"),
    )),
    ("E06000004", "Stockton-on-Tees", 45, (
        ("Stockton-on-Tees", "TS18"), ("Thornaby", "TS17"), ("Billingham", "TS23"),
        ("Norton", "TS20"),
    )),
)
STREETS = (
    "Acacia Street", "Albion Road", "Alexandra Terrace", "Ashgrove Avenue", "Beech Grove",
    "Bells Close", "Bewick Road", "Birch Crescent", "Border Road", "Brough Park Way",
    "Chester Street", "Church Lane", "Collingwood Terrace", "Coronation Street", "Dene View",
    "Derwent Gardens", "Durham Road", "Elm Terrace", "Front Street", "Gladstone Street",
    "Grange Road", "Hadrian Road", "Hawthorn Terrace", "Heather Close", "High Street",
    "Holly Avenue", "Ivy Road", "Juniper Close", "Kingsway", "Lindisfarne Road", "Marlborough Road",
    "Meadow Rise", "Milburn Close", "Moor View", "Northumberland Street", "Oak Avenue",
    "Percy Street", "Pit Row", "Princess Street", "Quayside Walk", "Redburn Road", "Riverside Way",
    "Rowan Drive", "Sandringham Way", "Shipley Street", "Stephenson Road", "Sycamore Grove",
    "Tyne View", "Victoria Terrace", "Wansbeck Road", "Wear Street", "Westmorland Road",
    "Willow Close", "Windsor Terrace",
)
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # the letters used in the inward part of a postcode

# ---------------------------------------------------------------------------------------------
# Courts (by local authority code; the Crown Courts serve all).

MAGISTRATES = {
    "E06000057": "South East Northumberland Magistrates' Court",
    "E08000021": "Newcastle Magistrates' Court",
    "E08000022": "North Tyneside Magistrates' Court",
    "E08000023": "South Tyneside Magistrates' Court",
    "E08000037": "Newcastle Magistrates' Court",
    "E08000024": "Sunderland Magistrates' Court",
    "E06000002": "Teesside Magistrates' Court",
    "E06000004": "Teesside Magistrates' Court",
}
CROWN_COURTS = {
    "NCRC": ("Newcastle Crown Court", "Newcastle Crown Court", "Durham Crown Court"),
    "DTV": ("Teesside Crown Court",),
}

# ---------------------------------------------------------------------------------------------
# Offences: OGRS3 category → (weight for men, weight for women, descriptions)

OFFENCES = {
    "violence": (26, 16, (
        "Assault occasioning actual bodily harm", "Common assault", "Battery",
        "Assault on an emergency worker", "Wounding with intent", "Threats to kill",
        "Affray",
    )),
    "robbery": (2, 1, ("Robbery", "Attempted robbery")),
    "public_order": (8, 6, (
        "Using threatening words or behaviour", "Harassment", "Breach of restraining order",
        "Stalking", "Racially aggravated public order offence",
    )),
    "sexual_not_child": (1.2, 0.1, ("Sexual assault", "Exposure", "Voyeurism")),
    "sexual_child": (0.4, 0.05, ("Possession of indecent images of children",)),
    "soliciting": (0.1, 1.0, ("Loitering or soliciting for prostitution",)),
    "burglary_domestic": (4, 1.5, ("Burglary of a dwelling", "Attempted burglary of a dwelling")),
    "burglary_other": (2.5, 0.8, ("Burglary of a commercial premises", "Burglary of a garage")),
    "theft_non_motor": (13, 25, ("Theft from a shop", "Theft from the person", "Theft by employee",
                                 "Theft of a pedal cycle")),
    "handling": (1.5, 1.5, ("Handling stolen goods",)),
    "fraud_forgery": (3.5, 9, ("Benefit fraud", "Fraud by false representation",
                               "Possession of a false identity document")),
    "absconding_bail": (1.5, 1.5, ("Failing to surrender to bail",)),
    "taking_driving_away": (1.5, 0.5, ("Taking a vehicle without consent",
                                       "Aggravated vehicle taking")),
    "theft_from_vehicles": (1, 0.3, ("Theft from a motor vehicle",)),
    "drink_driving": (6, 4, ("Driving with excess alcohol",
                             "Failing to provide a specimen for analysis")),
    "other_motoring": (6, 3, ("Driving while disqualified", "Dangerous driving",
                              "Driving without insurance")),
    "criminal_damage": (5, 4, ("Criminal damage", "Arson (not endangering life)")),
    "drug_import_export_production": (1, 0.3, ("Production of cannabis",)),
    "drug_possession_supply": (9, 5, ("Possession with intent to supply a class A drug",
                                      "Possession of a class A drug",
                                      "Possession of cannabis")),
    "other": (6, 6, ("Breach of a criminal behaviour order", "Possession of an offensive weapon",
                     "Wasting police time", "Breach of a community order")),
}

# ---------------------------------------------------------------------------------------------
# Requirements

RAR_DAYS = ((5, 6), (10, 14), (15, 16), (20, 20), (25, 10), (30, 14), (40, 8), (50, 4),
            (60, 8))
UPW_HOURS = ((40, 6), (60, 12), (80, 14), (100, 14), (120, 12), (150, 12), (180, 8),
             (200, 10), (240, 6), (250, 2), (300, 4))
EXCLUSION_AREAS = (
    "Not to enter Newcastle city centre (zone shown on map)",
    "Not to enter Northumberland Street, Newcastle",
    "Not to enter The Bridges shopping centre, Sunderland",
    "Not to enter the Metrocentre, Gateshead",
    "Not to enter King Street, South Shields",
    "Not to enter the street where the victim lives",
)
CURFEW_DETAILS = (
    "19:00 to 07:00 at the home address, electronically monitored",
    "20:00 to 06:00 at the home address, electronically monitored",
    "21:00 to 06:00 at the home address, electronically monitored",
)
PROGRAMMES = {
    "BBR": "Building Better Relationships (BBR)",
    "TSP": "Thinking Skills Programme (TSP)",
    "Resolve": "Resolve",
}

# ---------------------------------------------------------------------------------------------
# Working hours for people in work: (starts, ends)

WORK_HOURS = (
    ("07:00", "15:30"), ("08:00", "16:30"), ("08:30", "17:00"), ("09:00", "17:00"),
    ("06:00", "14:00"), ("14:00", "22:00"), ("07:30", "16:00"),
)
PART_TIME_HOURS = (("09:00", "13:00"), ("10:00", "14:00"), ("17:00", "21:00"), ("12:00", "16:00"))

# ---------------------------------------------------------------------------------------------
# Staff names (a separate pool so officers do not share names with their caseload by design).

STAFF_FEMALE_FIRST = (
    "Alison", "Andrea", "Bethany", "Catherine", "Deborah", "Eleanor", "Fiona", "Gillian",
    "Hazel", "Jacqueline", "Janet", "Katie", "Lindsay", "Lorraine", "Margaret", "Nadia",
    "Pauline", "Rachael", "Ruth", "Sally", "Sandra", "Susan", "Wendy", "Yvonne", "Priya",
    "Aisha",
)
STAFF_MALE_FIRST = (
    "Adrian", "Colin", "Derek", "Edward", "Frank", "Gordon", "Harry", "Jonathan", "Keith",
    "Malcolm", "Nigel", "Oliver", "Raymond", "Simon", "Trevor", "Vincent", "Hamid",
)
STAFF_LAST = (
    "Appleby", "Bowes", "Brannigan", "Collier", "Cuthbertson", "Fenwick", "Gallagher", "Grey",
    "Hepple", "Irving", "Jobling", "Kirkup", "Liddle", "Lowes", "McKenna", "Nesbitt", "Percy",
    "Proctor", "Renwick", "Sanderson", "Shotton", "Swinburne", "Teasdale", "Tweddle", "Wardle",
    "Waugh", "Errington", "Hogg", "Charlton", "Mahmood",
)
