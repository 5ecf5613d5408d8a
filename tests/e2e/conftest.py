"""Browser journeys: one headless Chromium per session, a fresh context per test, axe on every page.

Playwright's sync API runs an asyncio event loop in this thread, which makes Django refuse
synchronous ORM calls from the test body; the live server and the factories are ordinary
synchronous code, so the guard is switched off for these tests only.
"""

from __future__ import annotations

import os

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

import pytest  # noqa: E402
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright  # noqa: E402

from tests.factories import PASSWORD  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_URL = "/static/dist/axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
TIMEOUT_MS = 10_000

# With JavaScript disabled, evaluate() still works but timers never fire, and axe.run schedules
# its work with setTimeout. These stand-ins run the callbacks as microtasks, inside our own
# evaluation only: the page's own scripts stay disabled, so the DOM axe sees is the no-JS page.
_NO_JS_TIMERS = """() => {
  if (window.__desistTimers) return;
  window.__desistTimers = true;
  let next = 0;
  const cancelled = new Set();
  window.setTimeout = (fn, _ms, ...args) => {
    const id = ++next;
    Promise.resolve().then(() => { if (!cancelled.has(id)) fn(...args); });
    return id;
  };
  window.clearTimeout = (id) => cancelled.add(id);
  window.requestAnimationFrame = (fn) => window.setTimeout(() => fn(performance.now()));
  window.cancelAnimationFrame = window.clearTimeout;
}"""

_SCRIPTS_RUN = """() => {
  const probe = document.createElement('script');
  probe.textContent = 'window.__desistScriptsRun = true;';
  document.head.appendChild(probe);
  probe.remove();
  return window.__desistScriptsRun === true;
}"""

_RUN_AXE = """(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(result =>
  result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200),
                              summary: n.failureSummary || ''})),
  })))"""


@pytest.fixture(scope="session")
def browser() -> Browser:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def new_context(browser, live_server):
    """A factory for fresh browser contexts pointed at the live server; all closed afterwards."""
    contexts: list[BrowserContext] = []

    def make(**options) -> BrowserContext:
        options.setdefault("base_url", live_server.url)
        context = browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context) -> Page:
    return new_context().new_page()


_axe_source: dict[str, str] = {}


def format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"axe found {len(violations)} WCAG 2.2 AA violation(s) on {url}:"]
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"]:
            lines.append(f"    at {node['target']}: {node['html']}")
            for summary_line in node["summary"].splitlines():
                if summary_line.strip():
                    lines.append(f"      {summary_line.strip()}")
    return "\n".join(lines)


def axe(page: Page) -> None:
    """Run axe-core (WCAG 2.0/2.1 A and AA, WCAG 2.2 AA) on the page; fail listing violations."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        if page.evaluate(_SCRIPTS_RUN):
            page.add_script_tag(url=AXE_URL)
        else:  # JavaScript disabled: a <script> tag would not run, so evaluate the same file.
            if "source" not in _axe_source:
                response = page.context.request.get(AXE_URL)
                assert response.ok, f"{AXE_URL} is not served: {response.status}"
                _axe_source["source"] = response.text()
            page.evaluate(_NO_JS_TIMERS)
            page.evaluate(_axe_source["source"])
    violations = page.evaluate(_RUN_AXE, WCAG_TAGS)
    if violations:
        pytest.fail(format_violations(page.url, violations), pytrace=False)


def sign_in(page: Page, username: str, password: str = PASSWORD, *, check: bool = True) -> None:
    """Sign in through the form (works with or without JavaScript)."""
    page.goto("/sign-in")
    if check:
        axe(page)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in", exact=True).click()


def fill_date(page: Page, legend: str, day) -> None:
    """Type a date into a GOV.UK date input (day / month / year boxes under ``legend``)."""
    group = page.get_by_role("group", name=legend, exact=True)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))
