"""Nightly delivery checks: contact gaps (§10), RAR at risk (§9), referral feasibility (§9)."""

from __future__ import annotations

from django_tasks import task


@task()
def check_contact_gaps() -> dict:
    from .services import check_contact_gaps as run

    return run()


@task()
def check_rar() -> dict:
    from .services import check_rar_all

    return check_rar_all()


@task()
def recheck_referrals() -> dict:
    from desist.interventions.services import recheck_open_referrals

    return {"at_risk": recheck_open_referrals()}
