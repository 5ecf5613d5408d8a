"""Roles: what a signed-in person may do. Scopes (which cases) live in selectors.py."""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Role(StrEnum):
    RESPONSIBLE_OFFICER = "responsible_officer"
    MANAGER = "manager"
    HUB_ADMIN = "hub_admin"
    UPW_SUPERVISOR = "upw_supervisor"
    PARTNER_CASEWORKER = "partner_caseworker"
    AUDITOR = "auditor"
    SYSADMIN = "sysadmin"


ROLE_LABELS = {
    Role.RESPONSIBLE_OFFICER: _("Responsible officer"),
    Role.MANAGER: _("Senior probation officer / manager"),
    Role.HUB_ADMIN: _("Hub administrator"),
    Role.UPW_SUPERVISOR: _("Unpaid work supervisor"),
    Role.PARTNER_CASEWORKER: _("Partner caseworker"),
    Role.AUDITOR: _("Quality assurance / auditor"),
    Role.SYSADMIN: _("System administrator"),
}

ALL_ROLES = frozenset(Role)
PROVIDER_STAFF = frozenset(ALL_ROLES - {Role.PARTNER_CASEWORKER})
MANAGERS = frozenset({Role.MANAGER, Role.SYSADMIN})
# Roles that may change case records; the auditor is read-only everywhere.
CASE_WRITERS = frozenset({Role.RESPONSIBLE_OFFICER, Role.MANAGER, Role.HUB_ADMIN})


def role_of(user) -> Role | None:
    staff = getattr(user, "staff", None) if getattr(user, "is_authenticated", False) else None
    if staff is None or not staff.active:
        return None
    try:
        return Role(staff.role)
    except ValueError:
        return None
