"""Every refusal test checks that nothing changed (issue 25, item 3): the audit of
``tests/refusal_audit.py`` finds none unchecked, and each of its named exceptions still exists.
The audit is shown to find a deliberate breach and to pass a refused read beside a write."""

from __future__ import annotations

import textwrap

from tests.refusal_audit import EXCEPTIONS, audit


def test_every_refusal_test_checks_that_nothing_changed():
    checked, excepted, unchecked = audit()
    assert unchecked == [], (
        "refusal tests that do not wrap the write in tests.refusals.nothing_written (or name "
        f"a reason in refusal_audit.EXCEPTIONS): {unchecked}")
    assert sorted(excepted) == sorted(EXCEPTIONS)  # no stale exception
    assert len(checked) > 100  # the walk found the suite


def _audit_of(tmp_path, source: str) -> tuple[list[str], list[str], list[str]]:
    folder = tmp_path / "tests"
    folder.mkdir()
    (folder / "test_sample.py").write_text(textwrap.dedent(source))
    return audit(folder)


def test_the_audit_finds_a_refused_write_not_checked(tmp_path):
    checked, excepted, unchecked = _audit_of(tmp_path, """
        def test_refused(client):
            assert client.post("/x", {}).status_code == 403

        def test_refused_by_name(client):
            response = client.patch("/x", {})
            assert response.status_code in (400, 409)
    """)
    assert (checked, excepted) == ([], [])
    assert unchecked == ["tests/test_sample.py::test_refused",
                         "tests/test_sample.py::test_refused_by_name"]


def test_the_audit_passes_a_checked_write_and_a_refused_read(tmp_path):
    checked, excepted, unchecked = _audit_of(tmp_path, """
        from tests.refusals import nothing_written

        def post_nothing(client):
            with nothing_written():
                return client.post("/x", {})

        def test_checked(client):
            with nothing_written():
                response = client.post("/x", {})
            assert response.status_code == 403

        def test_checked_through_a_helper(client):
            assert post_nothing(client).status_code == 403

        def test_a_write_then_a_refused_read(client):
            assert client.post("/x", {}).status_code == 302
            page = client.get("/y")
            assert page.status_code == 404 and client.get("/z").status_code == 403

        def test_a_write_then_a_refused_read_in_a_block(client, settings):
            client.post("/x", {})
            with settings:
                page = client.get("/y")
            assert page.status_code == 403
    """)
    assert checked == ["tests/test_sample.py::test_checked",
                       "tests/test_sample.py::test_checked_through_a_helper"]
    assert (excepted, unchecked) == ([], [])
