"""Unpaid-work test data: a project, a session today, people with UPW who are assessed."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from desist.unpaid_work import services, summary
from desist.unpaid_work.models import Project, Session
from tests import factories as f


def project(provider, *, supervisor=None, **kw) -> Project:
    fields = dict(name="Riverside clean-up", type="group", site="Riverside Park, Gateshead",
                  beneficiary="Gateshead Council", capacity=14, hi_vis=True)
    fields.update(kw)
    return Project.objects.create(provider=provider, supervisor=supervisor, **fields)


def session(project_, *, on=None, seats=None, **kw) -> Session:
    return Session.objects.create(project=project_, on=on or timezone.localdate(),
                                  starts_at=dt.time(9), ends_at=dt.time(16, 30),
                                  transport_seats=seats, **kw)


def upw_person(provider, *, hours=120, sentenced=dt.date(2026, 6, 1), assessed=True, user=None,
               **kw):
    person = f.PersonFactory(provider=provider, **kw)
    sentence = f.SentenceFactory(person=person, sentence_date=sentenced, start_date=sentenced,
                                 expected_end_date=sentenced + dt.timedelta(days=365))
    f.RequirementFactory(sentence=sentence, type="upw", rar_days=None, upw_hours=hours)
    summary.refresh([person.pk])  # as the writer of a sentence does (ADR 0015)
    if assessed:
        services.assessment_record(acting_user=user, person=person, assessed_on=sentenced,
                                   court_papers_seen=True)
    return person
