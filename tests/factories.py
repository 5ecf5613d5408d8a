"""Small, explicit factories for tests (factory_boy)."""

from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth import get_user_model

from desist.organisation.models import LocalAuthority, Owner, Partner, Provider, Staff, Team, Venue
from desist.people.models import Person, Registration
from desist.sentences.models import Offence, Requirement, Sentence

PASSWORD = "correct-horse-battery"


class OwnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Owner
        django_get_or_create = ("name",)

    name = "Test Owner Ltd"


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider
        django_get_or_create = ("code",)

    code = "TCRC"
    name = "Test CRC"
    owner = factory.SubFactory(OwnerFactory)


class LocalAuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalAuthority
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"LA{n}")
    name = factory.Sequence(lambda n: f"Borough {n}")


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    provider = factory.SubFactory(ProviderFactory)
    code = factory.Sequence(lambda n: f"V{n}")
    name = factory.Sequence(lambda n: f"Venue {n}")
    kind = "lmc"
    address = "1 High Street"
    postcode = "NE1 1AA"


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    provider = factory.SubFactory(ProviderFactory)
    code = factory.Sequence(lambda n: f"T{n}")
    name = factory.Sequence(lambda n: f"Team {n}")
    venue = factory.SubFactory(VenueFactory, provider=factory.SelfAttribute("..provider"))


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    provider = factory.SubFactory(ProviderFactory)
    code = factory.Sequence(lambda n: f"P{n}")
    name = factory.Sequence(lambda n: f"Partner {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Officer{n}")
    password = factory.django.Password(PASSWORD)


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Staff

    user = factory.SubFactory(UserFactory)
    provider = factory.SubFactory(ProviderFactory)
    role = "responsible_officer"
    staff_code = factory.Sequence(lambda n: f"S{n:04d}")
    grade = "PO"
    gender = "female"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    provider = factory.SubFactory(ProviderFactory)
    crn = factory.Sequence(lambda n: f"X{n:06d}")
    first_name = "Alex"
    last_name = factory.Sequence(lambda n: f"Person{n}")
    date_of_birth = dt.date(1990, 5, 17)
    gender = "male"
    rosh = "medium"
    previous_sanctions = 3
    first_sanction_date = dt.date(2008, 1, 10)


class SentenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sentence

    person = factory.SubFactory(PersonFactory)
    type = "community_order"
    court = "Newcastle Magistrates' Court"
    sentence_date = dt.date(2026, 6, 1)
    start_date = dt.date(2026, 6, 1)
    expected_end_date = dt.date(2027, 6, 1)


class RequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Requirement

    sentence = factory.SubFactory(SentenceFactory)
    type = "rar"
    rar_days = 20


class OffenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offence

    sentence = factory.SubFactory(SentenceFactory)
    description = "Assault occasioning actual bodily harm"
    category = "violence"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    person = factory.SubFactory(PersonFactory)
    type = "domestic_abuse"
    start_date = dt.date(2026, 6, 1)


def object_for_case(kind: str, person):
    """An object of the named kind about this case, for routes that take its id (access matrix)."""
    if kind == "task":
        from desist.worklist.services import raise_task

        task, _ = raise_task(provider_id=person.provider_id, person=person, kind="contact_gap",
                             key=f"contact_gap:{person.crn}", title="No contact for 30 days")
        return task.pk
    if kind == "officer":
        return person.responsible_officer_id
    if kind in ("reading", "check", "agency", "home_visit", "plan"):
        return _planning_object(kind, person)
    if kind == "referral":
        return person.referrals.order_by("pk").first().pk
    if kind == "service":  # a service of the partner the case is referred to
        from desist.interventions.models import Service

        partner = person.referrals.order_by("pk").first().partner
        return Service.objects.get_or_create(
            provider=person.provider, code="MATRIX", defaults={
                "name": "Matrix service", "component": "mentoring", "mode": "one_to_one",
                "partner": partner})[0].pk
    if kind == "appointment":
        from desist.appointments.models import Appointment

        start = dt.datetime(2026, 11, 2, 10, tzinfo=dt.UTC)
        return Appointment.objects.create(
            provider_id=person.provider_id, person=person, kind="officer",
            officer=person.responsible_officer, starts_at=start,
            ends_at=start + dt.timedelta(hours=1), rar_activity=True).pk
    if kind in ("absence", "breach", "letter"):
        return _compliance_object(kind, person)
    if kind == "evidence":  # an absence with an evidence file attached
        from desist.compliance.models import Absence

        pk = _compliance_object("absence", person)
        Absence.objects.filter(pk=pk).update(evidence_file=b"%PDF-1.4 note", evidence_file_name="gp.pdf")
        return pk
    if kind in ("upw_session", "upw_placement", "upw_project"):  # the case fixture is placed on a UPW session
        placement = person.upw_placements.order_by("pk").first()
        if placement is None:  # another case: place it on a session of the provider's supervisor
            from desist.organisation.models import Staff
            from tests.conftest import _place_on_upw

            _place_on_upw(person, Staff.objects.filter(provider_id=person.provider_id,
                                                       role="upw_supervisor").first())
            placement = person.upw_placements.order_by("pk").first()
        if kind == "upw_project":
            return placement.session.project_id
        return placement.session_id if kind == "upw_session" else placement.pk
    if kind in ("audit_round", "audit_case"):
        return _oversight_object(kind, person)
    if kind == "review":  # a review of the case (medium RoSH, DA: it needs countersigning)
        from desist.reviews.models import Review

        return Review.objects.create(provider_id=person.provider_id, person=person,
                                     reviewed_on=dt.date(2026, 11, 20), compliance="good",
                                     rosh_before=person.rosh, rosh_after=person.rosh,
                                     risk_change="same").pk
    if kind == "national_case":  # the case as the national record gave it (gateway read-back)
        from desist.gateway.models import NationalRecord

        NationalRecord.objects.get_or_create(person=person, defaults={
            "crn": person.crn, "checksum": "0" * 64, "view": {"crn": person.crn}})
        return person.crn
    if kind == "import_batch":
        from desist.gateway.models import ImportBatch

        return ImportBatch.objects.create(  # the case's provider has a part in the batch
            source="matrix.jsonl", checksum="0" * 64,
            shares={str(person.provider_id): dict.fromkeys(ImportBatch().counts(), 0)}).pk
    raise ValueError(f"No object factory for {kind!r}")


def sample_for_auditor(person, auditor):
    """Put the case into a case-audit sample audited by ``auditor`` (the QA role's scope)."""
    from desist.oversight.models import AuditCase, AuditRound
    from desist.oversight.services import default_edition

    audit_round = AuditRound.objects.create(
        provider_id=person.provider_id, name="Fixture round", edition=default_edition(),
        strands=["supervision"], period_start=dt.date(2026, 6, 1),
        period_end=dt.date(2026, 11, 30), seed=0, lead=auditor)
    return AuditCase.objects.create(round=audit_round, person=person, strand="supervision",
                                    stratum="Male community", position="sample",
                                    auditor=auditor)


def _oversight_object(kind: str, person):
    """A round led by the system administrator with this case sampled, audited by the auditor
    and paired with the manager (each of them may open the case audit)."""
    from desist.organisation.models import Staff
    from desist.organisation.roles import Role
    from desist.oversight.models import AuditCase, AuditRound
    from desist.oversight.services import default_edition

    users = {s.role: s.user for s in Staff.objects.filter(provider_id=person.provider_id)}
    audit_round = AuditRound.objects.create(
        provider_id=person.provider_id, name="Matrix round", edition=default_edition(),
        strands=["supervision"], period_start=dt.date(2026, 6, 1),
        period_end=dt.date(2026, 11, 30), seed=1, lead=users[Role.SYSADMIN.value])
    if kind == "audit_round":
        return audit_round.pk
    return AuditCase.objects.create(
        round=audit_round, person=person, strand="supervision", stratum="Male community",
        position="sample", auditor=users[Role.AUDITOR.value],
        second_auditor=users[Role.MANAGER.value]).pk


def _planning_object(kind: str, person):
    """Self-assessment and planning records (issue 5), created directly for route tests."""
    from desist.assessment.models import Reading
    from desist.assessment.services import active_instrument
    from desist.planning import models as planning
    from desist.risk import models as risk

    today = dt.date(2026, 11, 20)
    if kind == "reading":
        return Reading.objects.create(person=person, instrument=active_instrument(person.provider),
                                      taken_on=today, scores={"home": 5}).pk
    if kind == "check":
        return risk.SafeguardingCheck.objects.create(
            person=person, kind="police_domestic_abuse", requested_on=today).pk
    if kind == "agency":
        return risk.AgencyInformation.objects.create(
            person=person, agency="police", received_on=today, summary="Call-out last week").pk
    if kind == "home_visit":
        return risk.HomeVisit.objects.create(person=person, planned_for=today,
                                                 purpose="Check the address").pk
    return planning.Plan.objects.create(person=person, started_on=today, due_on=today).pk


def _compliance_object(kind: str, person):
    from desist.appointments.models import Appointment
    from desist.compliance.models import Absence, Breach, EnforcementAction, Letter

    start = dt.datetime(2026, 11, 3, 10, tzinfo=dt.UTC)
    appointment = Appointment.objects.create(
        provider_id=person.provider_id, person=person, kind="officer", starts_at=start,
        ends_at=start + dt.timedelta(hours=1), rar_activity=False, outcome="failed_to_attend")
    absence = Absence.objects.create(provider_id=person.provider_id, person=person,
                                     appointment=appointment, failed_on=start.date(),
                                     due_on=start.date() + dt.timedelta(days=2))
    if kind == "absence":
        return absence.pk
    if kind == "letter":
        return Letter.objects.create(provider_id=person.provider_id, person=person,
                                     event_key=f"absence:{absence.pk}", kind="warning",
                                     absence=absence, status="produced", pdf=b"%PDF-1.4 test").pk
    action = EnforcementAction.objects.create(provider_id=person.provider_id, person=person,
                                              absence=absence, kind="breach", on=start.date(),
                                              due_on=start.date() + dt.timedelta(days=14))
    return Breach.objects.create(provider_id=person.provider_id, person=person, action=action,
                                 kind="breach", started_on=start.date()).pk


def page_without_nonce(content: bytes) -> bytes:
    """A page's bytes with its per-request CSP nonce blanked, to compare two pages' content."""
    import re

    return re.sub(rb'nonce="[^"]*"', b'nonce=""', content)
