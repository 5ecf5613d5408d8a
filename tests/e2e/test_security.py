"""Issue 13: the Content-Security-Policy holds in a real browser without breaking the pages."""

from __future__ import annotations

import pytest

from .conftest import axe, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_csp_lets_the_pages_own_scripts_run_and_reports_no_violation(page, case, staff_by_role):
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.goto("/sign-in")
    sign_in(page, "responsible_officer")
    for path in (f"/cases/{case.crn}/", "/cases/", f"/cases/{case.crn}/self-assessment/"):
        page.goto(path)
        # The GOV.UK template's inline script (nonce) and the module scripts ran.
        assert "js-enabled" in page.evaluate("document.body.className")
        assert "govuk-frontend-supported" in page.evaluate("document.body.className")
    # An injected inline script is refused by the browser.
    page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.injected = true'; document.body.appendChild(s); }""")
    assert page.evaluate("window.injected === undefined")
    assert any("Content Security Policy" in v for v in violations)  # the refusal above only
    assert all("inline script" in v or "script-src" in v for v in violations)
    axe(page)
