"""Plain words on every screen (issue 12, item 27): no raw codes, slugs or file names.

The demo caseload (small, deterministic) is generated, the nightly jobs run so tasks exist, and
every page about a case, every list page and every task page is rendered for the roles that
work them; the visible text of each is scanned for what practitioners reported ("rosh change",
"aces", "E08000037", "operating-model.md §3") and for their kind (snake_case codes, local
authority codes, file names, team codes).
"""

from __future__ import annotations

import html
import re

import pytest
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from desist.words import cite, plain

RAW = {
    "a code with underscores": re.compile(r"\b[a-z]+_[a-z0-9_]+\b"),
    "a local authority code": re.compile(r"\b[EWSN]\d{8}\b"),
    "a file name": re.compile(r"\b[\w-]+\.(?:md|py|html)\b"),
    "a team code": re.compile(r"\bLMC [A-Z]{2,5}\b"),
    "a raw event or registration code": re.compile(r"\b(?:rosh change|aces|very_high)\b"),
    # Markup escaped into the text (an html cell built from strings and escaped parts) and
    # format strings left unfilled ("20% allowed" read as a %-format).
    "escaped markup": re.compile(r"</?(?:a|span|strong|p|br|div)\b[^>]*>|\bclass=\""),
    "an unfilled format string": re.compile(r"\{\}|%\(\w+\)[sd]"),
}


def visible_text(content: str) -> str:
    main = content.split("<main", 1)[-1].split(">", 1)[-1].split("</main>", 1)[0]
    main = re.sub(r"<(script|style)\b.*?</\1>", " ", main, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", main)).split())


def raw_codes(text: str) -> list[str]:
    return [f"{what}: {m.group(0)!r} in …{text[max(m.start() - 60, 0):m.end() + 30]}…"
            for what, rx in RAW.items() for m in rx.finditer(text)]


def test_cite_names_the_document_in_words():
    assert cite("operating-model.md §3") == "Operating model, section 3"
    assert cite("risk-predictors.md, Formula") == "Risk predictors, formula"
    assert cite("operating-model.md §4, F6") == "Operating model, section 4, F6"


def test_label_names_codes():
    from desist.words import label

    assert label("aces") == "Adverse childhood experiences"
    assert label("very_high") == "Very high"
    assert label("complex_case_to_pso") == (
        "Complex case to a PSO without the relevant training")


def test_plain_replaces_citations_in_running_text():
    assert raw_codes(plain("See operating-model.md §11 for why.")) == []


def _get_routes(kwarg: str) -> list[str]:
    """Names of GET page routes taking exactly ``kwarg`` (or nothing when kwarg is '')."""
    names = []

    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + (p.namespace + ":" if p.namespace else ""))
            elif isinstance(p, URLPattern) and p.name:
                params = set(p.pattern.converters)
                if params == ({kwarg} if kwarg else set()):
                    names.append(prefix + p.name)

    walk(get_resolver().url_patterns)
    return [n for n in names if not n.startswith(("api", "access:", "admin"))]


@pytest.fixture
def demo_provider(db):
    call_command("generate", people="60", seed="2018", verbosity=0)
    from desist.demo.seeders import run_all

    run_all(timezone.localdate(), write=lambda *_: None)
    from desist.allocation.tasks import nightly_recompute
    from desist.appointments import services as appointments

    nightly_recompute.call()
    appointments.check_contact_gaps()
    appointments.check_rar_all()


@pytest.mark.parametrize("username", ["manager", "hub", "officer"])
def test_no_raw_codes_on_the_pages_practitioners_use(demo_provider, client, username):
    from django.contrib.auth.models import User

    from desist.people.models import Person
    from desist.worklist.models import Task

    user = User.objects.get(username=username)
    client.force_login(user)
    crns = list(Person.objects.filter(provider=user.staff.provider)
                .order_by("-band", "crn").values_list("crn", flat=True)[:6])
    crns += list(Task.objects.filter(status="open", person__isnull=False)
                 .values_list("person__crn", flat=True).distinct()[:4])
    urls = [reverse(name) for name in _get_routes("")]
    urls += [reverse(name, kwargs={"crn": crn}) for crn in set(crns)
             for name in _get_routes("crn")]
    urls += [reverse("worklist:task", kwargs={"pk": pk}) for pk in
             Task.objects.filter(status="open").values_list("pk", flat=True)[:40]]
    urls += ["/tasks/?group=case", "/tasks/?view=all"]
    problems, seen = [], 0
    for url in urls:
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        seen += 1
        problems += [f"{url}: {p}" for p in raw_codes(visible_text(response.content.decode()))]
    assert seen > 20
    assert problems == [], "\n".join(sorted(set(problems))[:60])


def test_plain_names_local_authorities_and_lmcs(db, provider):
    from tests import factories as f

    f.LocalAuthorityFactory(code="E08000037", name="Gateshead")
    f.TeamFactory(provider=provider, code="GHD", name="Gateshead")
    assert plain("Routed by address: E08000037 is served by LMC GHD.") == (
        "Routed by address: Gateshead is served by LMC Gateshead.")
    team = f.TeamFactory(provider=provider, code="NTY", name="North Tyneside")
    assert plain("LMC NTY") == "LMC North Tyneside"
    team.name = "Tyneside North"
    team.save()
    assert plain("LMC NTY") == "LMC Tyneside North"  # a renamed team is not shown by its old name
