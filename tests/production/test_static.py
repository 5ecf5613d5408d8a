"""Pages render under the production static storage (issue 22 item 1: 500 on every page).

The manifest storage knows files, not folders: ``static("dist/govuk/assets")`` raised
ValueError on every page although ``check --deploy`` and every DEBUG-storage test passed.
"""

from __future__ import annotations

import re

from django.core.management import call_command

from desist.organisation.roles import Role


def test_pages_render_with_the_manifest_storage_after_collectstatic(
        tmp_path, settings, client, case, staff_by_role):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    sign_in = client.get("/sign-in")
    assert sign_in.status_code == 200
    body = sign_in.content.decode()
    assert re.search(r'href="/static/dist/govuk/assets/images/favicon\.[0-9a-f]{12}\.ico"', body)
    assert re.search(r'href="/static/dist/desist\.[0-9a-f]{12}\.css"', body)
    client.force_login(staff_by_role[Role.RESPONSIBLE_OFFICER].user)
    assert client.get(f"/cases/{case.crn}/").status_code == 200
