"""The demo providers' estate and staffing as data: venues, partners, teams, named staff.

Read by ``organisation.OrganisationBuilder``; kept apart so the builder reads as steps and the
estate as a table (operating model §1; the accessibility facts follow the Northumbria report).
"""

from __future__ import annotations

from dataclasses import dataclass

from desist.organisation.roles import Role

from . import data

# ---------------------------------------------------------------------------------------------
# The estate. Accessibility follows the Northumbria report: four of six LMCs not wheelchair
# accessible, a fifth accessible but without an accessible toilet, one private interview room
# in most LMCs (the rest are booths), evening reporting only until 18:30 one evening a week,
# neighbourhood centres without reception, women's hubs run by the women's partner.


@dataclass(frozen=True)
class VenueSpec:
    code: str
    name: str
    kind: str
    address: str
    postcode: str
    serves: tuple[str, ...]  # local authority codes
    wheelchair: bool = False
    toilet: bool = False
    rooms: int = 1
    reception: bool = True
    evening_days: tuple[int, ...] = ()
    women_only: bool = False
    partner: str = ""


NCRC_LA = {"NLD": "E06000057", "NCL": "E08000021", "NTY": "E08000022", "STY": "E08000023",
           "GHD": "E08000037", "SND": "E08000024"}
ALL_NCRC_LA = tuple(NCRC_LA.values())

NCRC_VENUES = (
    VenueSpec("HUB", "Northumbria CRC Hub", "hub",
              "Unit 4, Cobalt Business Park, Silverlink North, North Tyneside", "NE27 0QQ",
              ALL_NCRC_LA, wheelchair=True, toilet=True, rooms=2),
    VenueSpec("LMC-NCL", "Newcastle LMC", "lmc",
              "Ridley House, 12 Pilgrim Street, Newcastle upon Tyne", "NE1 6QG",
              (NCRC_LA["NCL"],), wheelchair=True, toilet=True, rooms=2, evening_days=(4,)),
    VenueSpec("LMC-SND", "Sunderland LMC", "lmc",
              "Bridge House, 24 Fawcett Street, Sunderland", "SR1 1RE",
              (NCRC_LA["SND"],), wheelchair=True, toilet=False, rooms=1, evening_days=(2,)),
    VenueSpec("LMC-NLD", "Northumberland LMC", "lmc",
              "Wansbeck House, Station Road, Ashington", "NE63 8HJ",
              (NCRC_LA["NLD"],), rooms=1),
    VenueSpec("LMC-NTY", "North Tyneside LMC", "lmc",
              "Howard Chambers, Howard Street, North Shields", "NE30 1AR",
              (NCRC_LA["NTY"],), rooms=1, evening_days=(3,)),
    VenueSpec("LMC-STY", "South Tyneside LMC", "lmc",
              "Fowler Court, Fowler Street, South Shields", "NE33 1PG",
              (NCRC_LA["STY"],), rooms=1),
    VenueSpec("LMC-GHD", "Gateshead LMC", "lmc",
              "Regent Court, Regent Street, Gateshead", "NE8 1HH",
              (NCRC_LA["GHD"],), toilet=True, rooms=3),
    VenueSpec("NC-HEX", "Hexham neighbourhood centre", "neighbourhood",
              "2 Priestpopple, Hexham", "NE46 1PS", (NCRC_LA["NLD"],),
              wheelchair=True, rooms=1, reception=False),
    VenueSpec("NC-BER", "Berwick neighbourhood centre", "neighbourhood",
              "First floor, 40 Marygate, Berwick-upon-Tweed", "TD15 1BN", (NCRC_LA["NLD"],),
              rooms=1, reception=False),
    VenueSpec("NC-ALN", "Alnwick neighbourhood centre", "neighbourhood",
              "Greenwell Road, Alnwick", "NE66 1HB", (NCRC_LA["NLD"],),
              wheelchair=True, toilet=True, rooms=1, reception=False),
    VenueSpec("WH-NCL", "Newcastle women's hub", "womens_hub",
              "The Lantern Centre, 8 Westgate Road, Newcastle upon Tyne", "NE1 3NN",
              (NCRC_LA["NCL"], NCRC_LA["GHD"], NCRC_LA["NTY"]), wheelchair=True, toilet=True,
              rooms=3, women_only=True, partner="CHP"),
    VenueSpec("WH-SND", "Sunderland women's hub", "womens_hub",
              "Hope House, 5 Toward Road, Sunderland", "SR1 2QF",
              (NCRC_LA["SND"], NCRC_LA["STY"]), wheelchair=True, toilet=True, rooms=2,
              women_only=True, partner="CHP"),
    VenueSpec("WH-BLY", "Blyth women's hub", "womens_hub",
              "12 Waterloo Road, Blyth", "NE24 1BU", (NCRC_LA["NLD"],), rooms=2,
              women_only=True, partner="CHP"),
    VenueSpec("RC-NCL", "Newcastle reporting centre", "reporting_centre",
              "Ground floor, Ridley House, 12 Pilgrim Street, Newcastle upon Tyne", "NE1 6QG",
              (NCRC_LA["NCL"],), wheelchair=True, toilet=True, rooms=0),
    VenueSpec("UPW-TV", "Team Valley unpaid work depot", "upw_depot",
              "Unit 9, Kingsway North, Team Valley, Gateshead", "NE11 0JH",
              ALL_NCRC_LA, wheelchair=False, toilet=True, rooms=0),
)

DTV_LA = {"MBR": "E06000002", "STK": "E06000004"}
DTV_VENUES = (
    VenueSpec("HUB", "Durham Tees Valley CRC Hub", "hub", "3 Corporation Road, Middlesbrough",
              "TS1 2RX", tuple(DTV_LA.values()), wheelchair=True, toilet=True, rooms=1),
    VenueSpec("LMC-TEES", "Teesside LMC", "lmc", "Centre North East, Middlesbrough", "TS1 2AA",
              tuple(DTV_LA.values()), wheelchair=True, toilet=True, rooms=2, evening_days=(2,)),
)

# Partners: code → (name, tier, services, kind)
NCRC_PARTNERS = (
    ("CHP", "Changing Paths Women's Service", 1,
     "Women's hubs: one-to-one and group support, childcare help", "women"),
    ("NRP", "Northern Recovery Partnership", 1,
     "Drug and alcohol treatment; DRR and ATR delivery", "substance"),
    ("SHH", "Safe Harbour Housing Advice", 2, "Accommodation, debt and benefits advice",
     "accommodation"),
    ("TSW", "Tyne Skills and Work", 2, "Education, training and employment", "ete"),
    ("RRN", "Respect Relationships North", 1,
     "BBR partner link work; support for partners and ex-partners", "domestic_abuse"),
    ("SCM", "Second Chance Mentoring", 3, "Peer mentoring and community integration",
     "mentoring"),
)

# Teams: code → (name, venue code, [(grade, count)]). The LMC teams' and the hub's case holders
# are sized from the caseload (``ncrc_teams``); these are the smallest teams, which the named
# logins need.
NCRC_TEAMS = (
    ("HUB", "Hub", "HUB", (("SPO", 1), ("HUB", 5), ("PSO", 2))),
    ("NCL", "Newcastle", "LMC-NCL", (("SPO", 1), ("PO", 2), ("PSO", 1))),
    ("SND", "Sunderland", "LMC-SND", (("SPO", 1), ("PO", 2), ("PSO", 1))),
    ("NLD", "Northumberland", "LMC-NLD", (("SPO", 1), ("PO", 2), ("PSO", 1))),
    ("NTY", "North Tyneside", "LMC-NTY", (("SPO", 1), ("PO", 2), ("PSO", 1))),
    ("STY", "South Tyneside", "LMC-STY", (("SPO", 1), ("PO", 2), ("PSO", 1))),
    ("GHD", "Gateshead", "LMC-GHD", (("SPO", 1), ("PO", 2), ("PSO", 1))),
    ("UPW", "Unpaid work", "UPW-TV", (("SPO", 1), ("UPW", 4))),
)

# Staffing from the caseload (§16, issue 12): enough officers that a full-time PO holds about
# 50 mixed cases at about 100% of capacity. The demand figures were measured on the default demo
# (seed 2018, 3,600 people, default weightings): the LMCs' cases carry about 30 weighted points
# per generated person, spread by local-authority weight; POs carry 85% of them (complex cases
# go to POs or trained PSOs, simple ones to untrained PSOs and agency staff); the hub's PSOs
# hold about 2 points per person (standalone unpaid work, no fixed abode). Officers are planned
# at 90% available (part-time hours, reductions).
LMC_POINTS_PER_PERSON = 30.0
HUB_POINTS_PER_PERSON = 2.0
PO_SHARE_OF_POINTS = 0.85
AVAILABILITY = 0.9
GRADE_TARGETS = {"PO": 2000.0, "PSO": 1200.0}  # workload.DEFAULT_GRADE_TARGETS
SPAN_OF_CONTROL = 14  # an SPO line manages 6–20 staff (§1)
# A real LMC team is at most a few dozen officers: a national-scale caseload would have more
# teams, not bigger ones. The demo keeps its six LMCs, so beyond about 10,000 people its officers
# are over capacity (the benchmarks' concern is speed, and a candidate list of thousands of
# officers would measure the wrong thing).
MAX_PER_GRADE = 30


def ncrc_teams(people: int) -> tuple:
    """NCRC_TEAMS with each LMC's POs and PSOs (and the hub's PSOs) sized for ``people``."""
    weights = {code: weight for code, _name, weight, _towns in data.LOCAL_AUTHORITIES}
    total = sum(weights.values())
    out = []
    for code, name, venue, grades in NCRC_TEAMS:
        least = dict(grades)
        if code in NCRC_LA:
            points = people * LMC_POINTS_PER_PERSON * weights[NCRC_LA[code]] / total
            po = min(MAX_PER_GRADE, max(least["PO"], round(
                points * PO_SHARE_OF_POINTS / (GRADE_TARGETS["PO"] * AVAILABILITY))))
            pso = min(MAX_PER_GRADE, max(least["PSO"], round(
                points * (1 - PO_SHARE_OF_POINTS) / (GRADE_TARGETS["PSO"] * AVAILABILITY))))
            spo = max(least["SPO"], -(-(po + pso) // SPAN_OF_CONTROL))
            grades = (("SPO", spo), ("PO", po), ("PSO", pso))
        elif code == "HUB":
            pso = min(MAX_PER_GRADE, max(least["PSO"], round(
                people * HUB_POINTS_PER_PERSON / (GRADE_TARGETS["PSO"] * AVAILABILITY))))
            grades = (("SPO", least["SPO"]), ("HUB", least["HUB"]), ("PSO", pso))
        out.append((code, name, venue, grades))
    return tuple(out)


# Staff outside teams: (grade, base venue, count)
NCRC_OTHER_STAFF = (("QA", "HUB", 1), ("SYS", "HUB", 1), ("RW", "HUB", 2), ("PF", "LMC-NCL", 1),
                    ("PF", "LMC-SND", 1))
DTV_TEAMS = (
    ("HUB", "Hub", "HUB", (("HUB", 1),)),
    ("TEES", "Teesside", "LMC-TEES", (("SPO", 1), ("PO", 2), ("PSO", 1))),
)

ROLE_OF_GRADE = {
    "PO": Role.RESPONSIBLE_OFFICER, "PSO": Role.RESPONSIBLE_OFFICER, "SPO": Role.MANAGER,
    "HUB": Role.HUB_ADMIN, "UPW": Role.UPW_SUPERVISOR, "RW": Role.RESPONSIBLE_OFFICER,
    "PF": Role.RESPONSIBLE_OFFICER, "QA": Role.AUDITOR, "SYS": Role.SYSADMIN,
    "PTR": Role.PARTNER_CASEWORKER,
}

# (team code, grade, nth of that grade in the team) → (username, gender, fixed specialisms)
NCRC_NAMED = {
    ("NCL", "PO", 0): ("officer", "female",
                       ("oasys", "domestic_abuse", "child_safeguarding", "womens_champion",
                        "trained_complex")),
    ("NCL", "PO", 1): ("granted", "male", ("oasys", "domestic_abuse", "trained_complex")),
    ("NCL", "PSO", 0): ("pso", "male", ("self_assessment",)),
    ("NCL", "SPO", 0): ("manager", "female", ("oasys", "domestic_abuse", "child_safeguarding")),
    ("HUB", "HUB", 0): ("hub", "female", ()),
    ("UPW", "UPW", 0): ("upw", "male", ()),
    ("", "QA", 0): ("auditor", "female", ("oasys",)),
    ("", "SYS", 0): ("admin", "male", ()),
}
DTV_NAMED = {("TEES", "PO", 0): ("other", "female", ("oasys", "domestic_abuse"))}
