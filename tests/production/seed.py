"""Seed the smoke test's database: one officer with one case, and a case of another provider.

Run as ``python -m tests.production.seed`` with the production settings in the environment.
"""

from __future__ import annotations

import os

import django

from desist.cli import settings_for


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_for("seed"))  # production
    django.setup()
    from desist.organisation.roles import Role
    from tests import factories as f

    provider = f.ProviderFactory()
    team = f.TeamFactory(provider=provider)
    officer = f.StaffFactory(user=f.UserFactory(username="officer", first_name="Olive",
                                                last_name="Officer"),
                             provider=provider, role=Role.RESPONSIBLE_OFFICER.value, team=team)
    person = f.PersonFactory(provider=provider, crn="A123456", first_name="Dan",
                             last_name="Smith", responsible_officer=officer, team=team)
    f.RequirementFactory(sentence=f.SentenceFactory(person=person), type="rar", rar_days=20)
    other = f.ProviderFactory(code="OCRC", name="Other CRC",
                              owner=f.OwnerFactory(name="Other Ltd"))
    f.PersonFactory(provider=other, crn="B765432")


if __name__ == "__main__":
    main()
