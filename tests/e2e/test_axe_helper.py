"""The axe helper itself: it must fail, readably, on a real violation, with or without JavaScript."""

from __future__ import annotations

import pytest

from .conftest import axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BREAK_PAGE = """() => {
  const img = document.createElement('img');
  img.src = '/static/dist/none.png';
  document.querySelector('main').appendChild(img);
}"""


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_axe_helper_reports_violations(new_context, javascript):
    page = new_context(java_script_enabled=javascript).new_page()
    page.goto("/sign-in")
    axe(page)
    page.evaluate(BREAK_PAGE)
    with pytest.raises(pytest.fail.Exception) as failure:
        axe(page)
    message = str(failure.value)
    assert "image-alt (critical)" in message
    assert '<img src="/static/dist/none.png">' in message
