"""Case audit rounds (issue 18; inspection-framework.md; operating-model.md §15): the framework
as data, the sample drawn by the rules core, answers per key question, and ratings that
reproduce a published profile (the Northumbria CRC inspection, November 2018)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from desist.errors import Refused
from desist.organisation.roles import Role
from desist.oversight import framework as fw
from desist.oversight import selectors, services
from desist.oversight.models import AuditAnswer, AuditCase, FrameworkEdition
from desist.rules.timescales import add_months

from .. import factories as f
from ..conftest import make_staff

AS_AT = dt.date(2026, 10, 31)


@pytest.fixture
def officers(provider, team):
    return [make_staff(provider, Role.RESPONSIBLE_OFFICER, username=f"po{i}", team=team,
                       grade="PO" if i % 2 else "PSO") for i in range(14)]


@pytest.fixture
def auditors(provider, team):
    return [make_staff(provider, Role.AUDITOR, username=f"qa{i}", grade="QA", team=team)
            for i in range(2)]


def _people(provider, team, officers, n, *, start, kind="community_order", upw=False):
    out = []
    for i in range(n):
        person = f.PersonFactory(provider=provider, team=team, rosh="medium",
                                 gender="female" if i % 5 == 0 else "male",
                                 responsible_officer=officers[i % len(officers)])
        sentence = f.SentenceFactory(person=person, type=kind, start_date=start,
                                     sentence_date=start,
                                     release_date=start if kind == "licence" else None)
        if upw:
            f.RequirementFactory(sentence=sentence, type="upw", rar_days=None, upw_hours=100,
                                 start_date=start)
        out.append(person)
    return out


@pytest.fixture
def caseload(provider, team, officers):
    supervision = _people(provider, team, officers, 83,
                          start=add_months(AS_AT, -6) - dt.timedelta(days=10))
    upw = _people(provider, team, officers, 13, start=add_months(AS_AT, -9), upw=True)
    ttg = _people(provider, team, officers, 11, start=AS_AT - dt.timedelta(weeks=6),
                  kind="licence")
    return {"supervision": supervision, "upw": upw, "ttg": ttg}


def _start(lead, **kw):
    args = {"name": "Autumn 2026", "strands": ["supervision", "upw", "ttg"],
            "period_start": dt.date(2026, 4, 1), "period_end": AS_AT, "seed": 20261031}
    args.update(kw)
    return services.round_start(acting_user=lead.user, **args)


def test_default_edition_is_valid_and_becomes_the_rules_core_framework(db):
    data = fw.check_edition(fw.default_edition())
    framework = fw.rules_framework(data)
    assert [c for c, _ in framework.domain1_standards] == ["1.1", "1.2", "1.3", "1.4"]
    assert [s[0] for s in framework.case_standards] == ["2.1", "2.2", "2.3", "2.4", "4.1", "4.2"]
    assert framework.subsample_questions == {"2.1.3", "2.2.3", "2.3.3", "2.4.3"}
    assert framework.thresholds[0] == (80, "outstanding")
    prompts = {q.code: q.prompts for q in fw.questions(data)}
    assert "The RoSH level is correct" in prompts["2.1.3"]


def test_a_malformed_edition_is_refused_and_nothing_is_loaded(staff_by_role):
    bad = fw.default_edition()
    bad["code"] = "broken"
    bad["points"] = {"good": 2}
    with pytest.raises(Refused) as refused:
        services.edition_load(acting_user=staff_by_role[Role.SYSADMIN].user, data=bad)
    assert refused.value.code == "edition_invalid"
    assert not FrameworkEdition.objects.filter(code="broken").exists()


def test_a_round_keeps_the_edition_it_started_with(caseload, auditors):
    first = _start(auditors[0])
    new = fw.default_edition()
    new["code"] = "hmip-2027"
    new["name"] = "A later edition"
    new["thresholds"] = [[90, "outstanding"], [70, "good"], [50, "requires_improvement"],
                         [0, "inadequate"]]
    services.edition_load(acting_user=auditors[0].user, data=new)
    second = _start(auditors[0], name="Later")
    first.refresh_from_db()
    assert first.edition.code == "hmip-2018-crc"
    assert second.edition.code == "hmip-2027"


def test_sample_is_sized_capped_reserved_and_redraws_identically(caseload, auditors):
    audit_round = _start(auditors[0])
    draw = audit_round.draw
    assert draw["supervision"]["population"] == 83
    assert draw["supervision"]["size"] == 56  # Cochran, 80% confidence, 5% margin, N = 83
    assert len(draw["supervision"]["reserve"]) == 12  # 20% of 56, rounded up
    sample = AuditCase.objects.filter(round=audit_round, position="sample")
    assert sample.filter(strand="supervision").count() == 56
    per_officer = Counter(sample.values_list("officer_id", flat=True))
    assert max(per_officer.values()) <= 6
    redrawn = services.redraw(audit_round)
    for strand, stored in draw.items():
        assert redrawn[strand] == (stored["sample"], stored["reserve"])
    again = _start(auditors[0], name="Same seed")
    assert again.draw["supervision"]["sample"] == draw["supervision"]["sample"]


def test_restricted_cases_are_never_sampled(caseload, auditors):
    for person in caseload["ttg"]:
        person.restricted = True
        person.save()
    audit_round = _start(auditors[0], strands=["ttg"])
    assert not audit_round.cases.exists()


def test_themed_dip_sample_uses_the_same_machinery(caseload, auditors):
    flagged = caseload["supervision"][:9]
    for person in flagged:
        f.RegistrationFactory(person=person, type="domestic_abuse")
    audit_round = _start(auditors[0], strands=["supervision"], theme="domestic_abuse")
    assert set(audit_round.cases.values_list("person_id", flat=True)) <= {p.pk for p in flagged}
    assert audit_round.draw["supervision"]["population"] == 9


# Northumbria CRC (inspection published 2018), Annex 2: the lowest key question per standard.
NORTHUMBRIA = {"2.1.1": 30, "2.1.2": 40, "2.1.3": 35,   # 30 of 56 = 54%
               "2.2.1": 25, "2.2.2": 40, "2.2.3": 30,   # 25 of 56 = 45%
               "2.3.1": 23, "2.3.2": 30, "2.3.3": 30,   # 23 of 56 = 41%
               "2.4.1": 21, "2.4.2": 30, "2.4.3": 30,   # 21 of 56 = 38% (37.5, halves up)
               "4.1.1": 9, "4.1.2": 10, "4.1.3": 11, "4.1.4": 12,  # 9 of 13 = 69%
               "4.2.1": 6, "4.2.2": 8, "4.2.3": 9}      # 6 of 11 = 55% (54.5, halves up)


def _answer_all(audit_round, plan):
    seen: Counter = Counter()
    for case in audit_round.cases.filter(position="sample").order_by("pk"):
        answers = {}
        for q in selectors.questions_for(case):
            yes = seen[q.code] < plan[q.code]
            seen[q.code] += 1
            answers[q.code] = ("yes" if yes else "no", "Seen in the case record")
        services.audit_answers_record(acting_user=case.auditor, audit_case=case,
                                      answers=answers)


def test_entering_a_published_profile_reproduces_its_ratings(caseload, auditors):
    audit_round = _start(auditors[0])
    assert audit_round.draw["upw"]["size"] == 13 and audit_round.draw["ttg"]["size"] == 11
    services.audit_cases_assign(acting_user=auditors[0].user, audit_round=audit_round,
                                auditors=[a.user for a in auditors])
    _answer_all(audit_round, NORTHUMBRIA)
    for standard, rating in {"1.1": "requires_improvement", "1.2": "good", "1.3": "good",
                             "1.4": "requires_improvement"}.items():
        services.domain1_rate(acting_user=auditors[0].user, audit_round=audit_round,
                              standard=standard, rating=rating, evidence="Interviews")
    results = selectors.round_results(audit_round)
    got = {s["code"]: (s["rating"], s["percent"], s["driven_by"]) for s in results["standards"]}
    assert got["2.1"] == ("requires_improvement", 54, "2.1.1")
    assert got["2.2"] == ("inadequate", 45, "2.2.1")
    assert got["2.3"] == ("inadequate", 41, "2.3.1")
    assert got["2.4"] == ("inadequate", 38, "2.4.1")
    assert got["4.1"] == ("good", 69, "4.1.1")
    assert got["4.2"] == ("requires_improvement", 55, "4.2.1")
    assert results["score"] == 10
    assert results["overall"] == "requires_improvement"
    why = " ".join(r.text for s in results["standards"] if s["code"] == "2.4" for r in s["reasons"])
    assert "2.4.1" in why and "37.50%" in why
    services.round_complete(acting_user=auditors[0].user, audit_round=audit_round)
    drill = selectors.question_drilldown(audit_round, "2.2.1")
    assert len(drill) == 56 and sum(a.answer == "yes" for a in drill) == 25


def test_every_question_needs_an_answer_and_a_reason(caseload, auditors):
    audit_round = _start(auditors[0], strands=["ttg"])
    services.audit_cases_assign(acting_user=auditors[0].user, audit_round=audit_round,
                                auditors=[auditors[1].user])
    case = audit_round.cases.filter(position="sample").first()
    with pytest.raises(Refused) as refused:
        services.audit_answers_record(acting_user=auditors[1].user, audit_case=case,
                                      answers={"4.2.1": ("yes", "")})
    assert "r_4_2_1" in refused.value.problems and "q_4_2_2" in refused.value.problems
    assert not AuditAnswer.objects.exists()


def test_swapping_takes_the_next_reserve_case_with_the_reason(caseload, auditors):
    audit_round = _start(auditors[0], strands=["supervision"])
    case = audit_round.cases.filter(position="sample").first()
    expected = (audit_round.cases.filter(position="reserve", stratum=case.stratum)
                .order_by("reserve_order").first())
    new = services.audit_case_swap(acting_user=auditors[0].user, audit_case=case,
                                   reason="Transferred out of the area")
    case.refresh_from_db()
    assert new.pk == expected.pk and new.position == "sample"
    assert case.position == "swapped_out" and case.swap_reason == "Transferred out of the area"
    with pytest.raises(Refused):
        services.audit_case_swap(acting_user=auditors[0].user, audit_case=case, reason="again")
