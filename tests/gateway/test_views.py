"""The import ledger pages (hub, managers, sysadmin, auditors) and the demo seeder."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from desist.gateway import demo, services
from desist.gateway.models import ImportBatch
from desist.organisation.roles import Role

FIXTURES = Path(__file__).with_name("fixtures")


def test_ledger_lists_batches_and_rejections(staff_by_role, client_for):
    services.import_path(acting_user=None, path=FIXTURES)
    batch = ImportBatch.objects.get()
    client = client_for(staff_by_role[Role.HUB_ADMIN])
    page = client.get("/national/imports/")
    assert page.status_code == 200
    assert f"/national/imports/{batch.pk}" in page.content.decode()
    detail = client.get(f"/national/imports/{batch.pk}").content.decode()
    assert "offender.dateOfBirth" in detail and "not an ISO date" in detail
    assert client.get("/national/imports/999999").status_code == 404


def test_officers_do_not_see_the_ledger(staff_by_role, client_for):
    client = client_for(staff_by_role[Role.RESPONSIBLE_OFFICER])
    assert client.get("/national/imports/").status_code == 403


def test_demo_seeder_is_repeatable(db):
    from tests import factories as f

    f.ProviderFactory(code="NCRC", name="North CRC")
    first = demo.seed(dt.date(2025, 1, 6))
    assert first == "6 cases imported from the national record, 1 rejected"
    assert demo.seed(dt.date(2025, 1, 6)) == "national-record cases already present"
    assert json.loads(json.dumps(ImportBatch.objects.get().errors))[0]["field"] == \
        "offender.dateOfBirth"
