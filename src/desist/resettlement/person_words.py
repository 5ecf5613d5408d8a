"""The words on the person's own page, in English and Welsh (Welsh Language Scheme).

Kept beside the page rather than in the shared catalogue so the two languages are reviewed
together; every string the person sees is here (the page shows no codes or staff words).
"""

from __future__ import annotations

from desist.errors import Refused

WORDS = {
    "en": {
        "title": "Your plan for leaving prison",
        "start_title": "See your plan for leaving prison",
        "start_intro": "Enter the code your officer gave you and your date of birth. The code "
                       "works once and lasts 7 days.",
        "code": "Code",
        "code_hint": "6 letters and numbers, for example K7M2QX",
        "date_of_birth": "Date of birth",
        "date_hint": "For example, 27 3 1990",
        "continue": "Continue",
        "other_language": "Cymraeg",
        "other_lang": "cy",
        "hello": "Hello {name}",
        "release": "You are due to be released on {date}.",
        "next_appointment": "Your next appointment",
        "no_appointment": "No appointment is booked yet. Your officer will tell you when it is.",
        "when": "When",
        "where": "Where",
        "what": "What",
        "help": "Help being arranged for you",
        "no_help": "Nothing has been arranged yet.",
        "by": "by {date}",
        "done": "Done",
        "to_do": "Being arranged",
        "contacts": "Who to contact",
        "officer": "Your probation officer",
        "office": "Office",
        "phone": "Phone",
        "not_assigned": "Your probation officer has not been chosen yet. Call the office.",
        "areas": "What your plan covers",
        "signed_out": "This page closes after an hour. Ask your officer for a new code to come "
                      "back.",
        "wrong": "That code and date of birth do not match. Check them and try again.",
        "locked": "This code is locked after 5 wrong tries. Ask your officer for a new code.",
        "used": "This code has already been used. Ask your officer for a new code.",
        "expired": "This code has expired. Ask your officer for a new code.",
        "rate_limited": "Too many tries. Wait 15 minutes and try again.",
        "enter_code": "Enter your code",
        "enter_date_of_birth": "Enter your date of birth",
    },
    "cy": {
        "title": "Eich cynllun ar gyfer gadael y carchar",
        "start_title": "Gweld eich cynllun ar gyfer gadael y carchar",
        "start_intro": "Rhowch y cod a roddodd eich swyddog i chi a'ch dyddiad geni. Mae'r cod "
                       "yn gweithio unwaith ac yn para 7 diwrnod.",
        "code": "Cod",
        "code_hint": "6 llythyren a rhif, er enghraifft K7M2QX",
        "date_of_birth": "Dyddiad geni",
        "date_hint": "Er enghraifft, 27 3 1990",
        "continue": "Parhau",
        "other_language": "English",
        "other_lang": "en",
        "hello": "Helo {name}",
        "release": "Disgwylir i chi gael eich rhyddhau ar {date}.",
        "next_appointment": "Eich apwyntiad nesaf",
        "no_appointment": "Does dim apwyntiad wedi'i drefnu eto. Bydd eich swyddog yn dweud "
                          "wrthych pryd mae.",
        "when": "Pryd",
        "where": "Ble",
        "what": "Beth",
        "help": "Help sy'n cael ei drefnu i chi",
        "no_help": "Does dim wedi'i drefnu eto.",
        "by": "erbyn {date}",
        "done": "Wedi'i wneud",
        "to_do": "Yn cael ei drefnu",
        "contacts": "Pwy i gysylltu â nhw",
        "officer": "Eich swyddog prawf",
        "office": "Swyddfa",
        "phone": "Ffôn",
        "not_assigned": "Nid yw eich swyddog prawf wedi'i ddewis eto. Ffoniwch y swyddfa.",
        "areas": "Beth mae eich cynllun yn ei gynnwys",
        "signed_out": "Mae'r dudalen hon yn cau ar ôl awr. Gofynnwch i'ch swyddog am god newydd "
                      "i ddod yn ôl.",
        "wrong": "Nid yw'r cod a'r dyddiad geni yn cyfateb. Gwiriwch nhw a rhowch gynnig arall.",
        "locked": "Mae'r cod hwn wedi'i gloi ar ôl 5 cynnig anghywir. Gofynnwch i'ch swyddog am "
                  "god newydd.",
        "used": "Mae'r cod hwn wedi'i ddefnyddio'n barod. Gofynnwch i'ch swyddog am god newydd.",
        "expired": "Mae'r cod hwn wedi dod i ben. Gofynnwch i'ch swyddog am god newydd.",
        "rate_limited": "Gormod o gynigion. Arhoswch 15 munud a rhowch gynnig arall.",
        "enter_code": "Rhowch eich cod",
        "enter_date_of_birth": "Rhowch eich dyddiad geni",
    },
}

# Pathway names as the person reads them.
PATHWAYS = {
    "en": {
        "accommodation": "Somewhere to live", "attitudes": "Thinking and behaviour",
        "children_families": "Family and children", "drugs_alcohol": "Drugs and alcohol",
        "ete": "Work, education and training", "finance_id": "Money and ID",
        "health": "Health",
    },
    "cy": {
        "accommodation": "Rhywle i fyw", "attitudes": "Meddwl ac ymddygiad",
        "children_families": "Teulu a phlant", "drugs_alcohol": "Cyffuriau ac alcohol",
        "ete": "Gwaith, addysg a hyfforddiant", "finance_id": "Arian a dogfennau adnabod",
        "health": "Iechyd",
    },
}

_OUTCOMES = {
    "person_code_locked": "locked", "person_code_locked_now": "locked",
    "person_code_used": "used", "person_code_expired": "expired",
    "person_code_rate_limited": "rate_limited",
}


def translated(error: Refused, lang: str) -> Refused:
    """The refusal in the person's language (the code says which message)."""
    key = _OUTCOMES.get(error.code, "wrong")
    return Refused(WORDS[lang][key], code=error.code, field="code")
