"""Synthetic national-record bundles (Community API shaped) for the demo, tests and the bench.

Deterministic: bundle ``n`` is always the same. Nothing here is real data.
"""

from __future__ import annotations

import datetime as dt
import random

FIRST = ("Ann", "Bilal", "Carys", "Dylan", "Ewa", "Femi", "Gwen", "Harpreet", "Ioan", "Jade")
LAST = ("Ahmed", "Brown", "Clarke", "Davies", "Evans", "Fletcher", "Green", "Hughes", "Iqbal",
        "Jones")
NON_ROSH = ("ADVP", "RCPR", "RCCO", "IIOM", "ARSO", "ALSH", "AMHL", "RPIR")
ROSH = ("RLRH", "RMRH", "RHRH", "RVHR")


def crn_for(n: int) -> str:
    return f"X{n:06d}"


def bundle(n: int, *, custody: bool | None = None) -> dict:
    rng = random.Random(n)
    crn = crn_for(n)
    base = 2_000_000_000 + n * 100
    dob = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(0, 40 * 365))
    start = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(0, 600))
    is_custody = rng.random() < 0.3 if custody is None else custody
    conviction = {
        "convictionId": base + 1, "index": "1", "active": True,
        "convictionDate": start.isoformat(),
        "sentence": {
            "sentenceId": base + 2,
            "description": "CJA - Std Determinate Custody" if is_custody else "ORA Community Order",
            "sentenceType": {"code": "SC", "description": "CJA - Std Determinate Custody"}
            if is_custody else {"code": "SP", "description": "ORA Community Order"},
            "startDate": start.isoformat(),
            "expectedSentenceEndDate": (start + dt.timedelta(days=365 * 2)).isoformat(),
            "unpaidWork": None if is_custody else {"minutesOrdered": 6000,
                                                     "minutesCompleted": 60 * rng.randrange(0, 50)},
        },
    }
    requirements = {}
    if is_custody:
        released = rng.random() < 0.5
        conviction["custody"] = {
            "status": {"code": "B", "description": "Released - On Licence"} if released
            else {"code": "A", "description": "Sentenced - In Custody"},
            "keyDates": {"expectedReleaseDate": (start + dt.timedelta(days=180)).isoformat(),
                         "licenceExpiryDate": (start + dt.timedelta(days=365)).isoformat()},
            "sentenceStartDate": start.isoformat(),
        }
    else:
        requirements[str(base + 1)] = [
            {"requirementId": base + 10, "active": True, "softDeleted": False,
             "startDate": start.isoformat(),
             "requirementTypeMainCategory": {"code": "F", "description": "Rehabilitation "
                                             "Activity Requirement (RAR)"},
             "length": rng.choice((10, 20, 30)), "lengthUnit": "Days"},
            {"requirementId": base + 11, "active": True, "softDeleted": False,
             "startDate": start.isoformat(),
             "requirementTypeMainCategory": {"code": "W", "description": "Unpaid Work"},
             "requirementTypeSubCategory": {"code": "W01", "description": "Regular"},
             "length": 100, "lengthUnit": "Hours"},
        ]
    registrations = [
        {"registrationId": base + 20, "active": True,
         "type": {"code": rng.choice(ROSH), "description": "RoSH"},
         "startDate": start.isoformat()},
        {"registrationId": base + 21, "active": True,
         "type": {"code": rng.choice(NON_ROSH), "description": "Flag"},
         "startDate": start.isoformat()},
    ]
    contacts = [
        {"contactId": base + 30 + i,
         "contactStart": f"{(start + dt.timedelta(days=7 * (i + 1))).isoformat()}T10:00:00",
         "type": {"code": "COAP", "description": "Office Appointment", "appointment": True},
         "outcome": {"code": rng.choice(("ATTC", "AFTA", "AACL")), "description": "Outcome"}}
        for i in range(3)
    ]
    return {
        "crn": crn,
        "offender": {
            "offenderId": base, "firstName": rng.choice(FIRST), "surname": rng.choice(LAST),
            "dateOfBirth": dob.isoformat(), "gender": rng.choice(("Male", "Female")),
            "otherIds": {"crn": crn, "pncNumber": f"2019/{n:07d}A"},
            "contactDetails": {"addresses": [
                {"status": {"code": "M", "description": "Main Address"}, "postcode": "S1 2AB",
                 "district": "Sharrow", "town": "Sheffield", "from": "2020-01-01"}]},
            "offenderProfile": {"offenderLanguages": {"primaryLanguage": "English",
                                                      "requiresInterpreter": False}},
            "offenderManagers": [{"active": True, "softDeleted": False,
                                  "staff": {"code": "N07UATU", "forenames": "Unallocated",
                                            "surname": "Staff", "unallocated": True},
                                  "team": {"code": "N07UAT", "description": "Unallocated"},
                                  "probationArea": {"code": "N07", "description": "London"}}],
            "currentRestriction": False, "currentExclusion": False,
            "currentTier": rng.choice(("A1", "B2", "C3", "D0")),
        },
        "convictions": [conviction],
        "requirements": requirements,
        "registrations": registrations,
        "contacts": contacts,
    }
