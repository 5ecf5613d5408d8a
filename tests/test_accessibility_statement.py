"""The accessibility statement (issue 12, item 28): public, linked from every page's footer."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_statement_is_public_and_follows_the_model_statement(client):
    response = client.get("/accessibility")
    assert response.status_code == 200
    html = response.content.decode()
    for heading in ("Accessibility statement for Desist", "Feedback and contact information",
                    "Enforcement procedure", "Compliance status", "Non-accessible content",
                    "Preparation of this accessibility statement"):
        assert heading in html


def test_every_page_links_to_it_from_the_footer(client, staff_by_role):
    from desist.organisation.roles import Role

    assert 'href="/accessibility"' in client.get("/sign-in").content.decode()
    client.force_login(staff_by_role[Role.RESPONSIBLE_OFFICER].user)
    footer = client.get("/tasks/").content.decode().split("govuk-footer", 1)[1]
    assert 'href="/accessibility"' in footer
