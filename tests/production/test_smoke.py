"""Production smoke test: the real server, production settings, PostgreSQL, over HTTP.

Starts what docs/operations.md tells an operator to start — ``desist migrate``, ``desist
collectstatic``, ``desist serve`` (gunicorn), ``desist worker`` and ``desist scheduler`` — with the
console script's default settings (production), then walks sign-in, the caseload and a case page
as a browser behind the TLS proxy would, checking status codes, security headers, the hashed
static files the pages link to, the health endpoints, the JSON logs and the audit trail.
It exists because a fault in production settings (static() on a folder under the manifest
storage: 500 on every page) passed every other test.
"""

from __future__ import annotations

import json
import re

import pytest

from . import server as s

CRN = "A123456"


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("production")
    database_url = s.smoke_database_url()
    redis, redis_port = s.start_redis(workdir)
    port = s.free_port()
    stack = s.ProductionStack(port=port, env=s.production_env(database_url, redis_port, workdir),
                              workdir=workdir)
    stack.processes.append(redis)
    try:
        stack.desist("migrate", "--noinput")
        stack.desist("collectstatic", "--noinput")
        done = s.subprocess.run([s.sys.executable, "-m", "tests.production.seed"], env=stack.env,
                                cwd=s.ROOT, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        stack.start("web", s.sys.executable, "-m", "desist.cli", "serve",
                    "--bind", f"127.0.0.1:{port}")
        stack.start("worker", s.sys.executable, "-m", "desist.cli", "worker")
        stack.start("scheduler", s.sys.executable, "-m", "desist.cli", "scheduler",
                    "--seal-interval", "0.5")
        browser = s.Browser(port)
        try:  # generous: workers warm up before they answer, and CI machines are shared
            s.wait_for(lambda: browser.get("/health/live", proxy_https=False).status == 200,
                       "gunicorn to answer /health/live", 180)
            s.wait_for(lambda: browser.get("/health/ready", proxy_https=False).status == 200,
                       "/health/ready (database, migrations, worker heartbeat)", 120)
        except AssertionError as exc:
            raise AssertionError(f"{exc}\n--- web log ---\n{stack.log('web')[-3000:]}") from None
        yield stack
    finally:
        stack.stop()
        s.drop_database(database_url)


def test_sign_in_caseload_and_case_page_over_http(stack):
    browser = s.Browser(stack.port)
    sign_in = browser.get("/sign-in")
    assert sign_in.status == 200, sign_in.body[:2000]
    token = s.csrf_token(sign_in.body)
    signed_in = browser.post_form("/sign-in?next=/cases/", {
        "csrfmiddlewaretoken": token, "username": "officer", "password": "correct-horse-battery"})
    assert signed_in.status == 302 and signed_in.header("Location") == "/cases/", signed_in.body[:500]
    session_cookie = next(c for c in signed_in.all("Set-Cookie") if c.startswith("sessionid="))
    assert "Secure" in session_cookie and "HttpOnly" in session_cookie

    caseload = browser.get("/cases/")
    assert caseload.status == 200, caseload.body[:2000]
    assert CRN in caseload.body and "Signed in as" in caseload.body
    case = browser.get(f"/cases/{CRN}/")
    assert case.status == 200, case.body[:2000]
    assert "Dan" in case.body and "Smith" in case.body

    for page in (caseload, case):
        assert page.header("Strict-Transport-Security").startswith("max-age=31536000")
        assert page.header("X-Content-Type-Options") == "nosniff"
        assert page.header("X-Frame-Options") == "DENY"
        assert page.header("Referrer-Policy") == "same-origin"
        assert "no-store" in page.header("Cache-Control")
        assert re.fullmatch(r"[0-9a-f]{32}", page.header("X-Request-ID"))


def test_pages_link_hashed_static_files_that_are_served(stack):
    page = s.Browser(stack.port).get("/sign-in")
    links = re.findall(r'(?:href|src)="(/static/[^"]+)"', page.body)
    assert any(re.search(r"desist\.[0-9a-f]{12}\.css$", link) for link in links), links
    assert any("favicon" in link for link in links), links
    for link in links:
        asset = s.Browser(stack.port).get(link)
        assert asset.status == 200, link
        assert "max-age=315360000" in asset.header("Cache-Control"), link


def test_plain_http_is_redirected_but_health_probes_are_not(stack):
    browser = s.Browser(stack.port)
    assert browser.get("/sign-in", proxy_https=False).status == 301
    ready = browser.get("/health/ready", proxy_https=False)
    assert ready.status == 200
    assert json.loads(ready.body)["checks"]["worker"]["ok"] is True


def test_errors_are_styled_pages_not_debug_pages(stack):
    missing = s.Browser(stack.port).get("/no-such-page")
    assert missing.status == 404
    assert "Page not found" in missing.body and "govuk-header" in missing.body
    assert "Traceback" not in missing.body and "URLconf" not in missing.body


def test_refused_case_read_is_audited_and_the_chain_verifies(stack):
    browser = s.Browser(stack.port)
    token = s.csrf_token(browser.get("/sign-in").body)
    browser.post_form("/sign-in", {"csrfmiddlewaretoken": token, "username": "officer",
                                   "password": "correct-horse-battery"})
    assert browser.get("/cases/B765432/").status == 404  # another provider's case
    stack.desist("audit", "export-head")  # seals what is pending, then checkpoints the head
    verified = stack.desist("audit", "verify", "--against", stack.env["DESIST_AUDIT_HEAD_FILE"])
    assert "Audit trail intact" in verified.stdout
    refused = stack.desist(
        "shell", "--no-imports", "-c",
        "from desist.audit.models import AuditEvent as A; "
        "e = A.objects.filter(event='access_refused').latest('id'); "
        "print(e.crn, e.actor_label, e.detail['status'])")
    assert refused.stdout.split() == ["B765432", "officer", "404"]


def test_logs_are_json_with_request_ids_and_no_crns(stack):
    browser = s.Browser(stack.port)
    browser.get("/sign-in", headers={"X-Request-ID": "smoke-test-0001"})
    s.wait_for(lambda: "smoke-test-0001" in stack.log("web"), "the request log line", 10)
    lines = [json.loads(line) for line in stack.log("web").splitlines() if line.startswith("{")]
    mine = [line for line in lines if line["request_id"] == "smoke-test-0001"]
    assert mine and mine[0]["route"] == "access:sign-in" and mine[0]["status"] == 200
    assert any(line.get("route") == "people:overview" and line["user_id"] for line in lines)
    for name in ("web", "worker", "scheduler"):
        assert CRN not in stack.log(name) and "B765432" not in stack.log(name)


def _drill(stack, heads):
    env = {**stack.env, "DESIST": f"{s.sys.executable} -m desist.cli"}
    return s.subprocess.run(["bash", str(s.ROOT / "scripts" / "restore-drill.sh"),
                             stack.env["DATABASE_URL"], str(heads)], env=env, cwd=s.ROOT,
                            capture_output=True, text=True, timeout=300)


def test_restore_drill_restores_a_dump_whose_schema_and_audit_chain_hold(stack):
    stack.desist("audit", "export-head")
    done = _drill(stack, stack.env["DESIST_AUDIT_HEAD_FILE"])
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Audit trail intact" in done.stdout and "exported checkpoints found intact" in done.stdout
    assert "people_person=2" in done.stdout  # the seeded cases came back
    assert "Restore drill passed" in done.stdout


def test_restore_drill_fails_when_the_chain_does_not_match_its_exported_heads(stack, tmp_path):
    stack.desist("audit", "export-head")
    lines = s.Path(stack.env["DESIST_AUDIT_HEAD_FILE"]).read_text().splitlines()
    checkpoint = json.loads(lines[-1])
    checkpoint["hash"] = "0" * 64  # a head the restored chain never had
    forged = tmp_path / "heads.jsonl"
    forged.write_text(json.dumps(checkpoint) + "\n")
    done = _drill(stack, forged)
    assert done.returncode != 0
    assert "RESTORE DRILL FAILED: audit chain" in done.stderr
