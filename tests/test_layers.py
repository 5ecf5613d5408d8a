"""The declared layers (ADR 0007, ``.importlinter``) hold, and a breach of each is caught."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
CONFIG = ROOT / ".importlinter"
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"

CONTRACTS = {
    "rules-pure": "desist.rules is pure: nothing of Desist but itself, no Django, no I/O",
    "demo-leaf": "desist.demo is a leaf: nothing imports it",
    "views-private": "views are imported only by their app's urls, apps and api modules (and config)",
    "acyclic": "no import cycles among the modules of each app",
    "planning-contexts": "induction, risk and assessment never import planning (ADR 0014)",
    "domain-below-scopes": "domain modules never import desist.access nor desist.scopes (ADR 0017)",
    "scopes-below-pages": "desist.scopes never imports pages, endpoints nor access (ADR 0017)",
}


def lint_imports(source_root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), str(CONFIG), "--no-cache"],
        cwd=source_root, env={"PYTHONPATH": str(source_root), "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, check=False, timeout=300,
    )


def test_the_tree_keeps_every_layer_contract():
    done = lint_imports(SRC)
    assert done.returncode == 0, done.stdout + done.stderr
    for name in CONTRACTS.values():
        assert f"{name} KEPT" in done.stdout


def test_a_deliberate_breach_of_each_contract_is_reported(tmp_path):
    shutil.copytree(SRC / "desist", tmp_path / "desist",
                    ignore=shutil.ignore_patterns("__pycache__", "jinja2", "locale", "static"))
    breaches = {
        # the rules core reaching into Django and into an app
        "desist/rules/venues.py": "\nfrom desist.errors import Refused  # breach\nimport django  # breach\n",
        # an app importing the demo (instead of desist.seeding)
        "desist/planning/selectors.py": "\nfrom desist.demo.seeders import register  # breach\n",
        # a service importing another app's views
        "desist/worklist/services.py": "\nfrom desist.compliance import views  # breach\n",
        # a selector and a service importing each other
        "desist/assessment/selectors.py": "\nfrom desist.assessment import services  # breach\n",
        "desist/assessment/services.py": "\nfrom desist.assessment import selectors  # breach\n",
        # a context the plan reads reaching back into the plan
        "desist/risk/selectors.py": "\nfrom desist.planning import selectors  # breach\n",
        # ... or reaching it indirectly, through another app's reads (the contract is strict)
        "desist/induction/selectors.py": "\nfrom desist.reviews import selectors as other  # breach\n",
        # a domain selector scoping by user itself, a service checking a page's access rule
        "desist/worklist/selectors.py": "\nfrom desist.scopes.cases import visible_rows  # breach\n",
        "desist/gateway/projection.py": "\nfrom desist.access.rules import allow  # breach\n",
        # the scopes reaching up into a page and into access
        "desist/scopes/cases.py": ("\nfrom desist.people import views  # breach\n"
                                   "from desist.access import once  # breach\n"),
    }
    for relative, line in breaches.items():
        with (tmp_path / relative).open("a", encoding="utf-8") as module:
            module.write(line)

    done = lint_imports(tmp_path)

    assert done.returncode == 1, done.stdout + done.stderr
    for name in CONTRACTS.values():
        assert f"{name} BROKEN" in done.stdout
    assert "desist.rules.venues -> desist.errors" in done.stdout
    assert "desist.rules.venues -> django" in done.stdout
    assert "desist.planning.selectors -> desist.demo.seeders" in done.stdout
    assert "desist.worklist.services -> desist.compliance.views" in done.stdout
    assert "No cycles are allowed in desist.assessment." in done.stdout
    assert "desist.risk.selectors -> desist.planning.selectors" in done.stdout
    assert "desist.induction.selectors -> desist.reviews.selectors" in done.stdout
    assert "desist.worklist.selectors -> desist.scopes.cases" in done.stdout
    assert "desist.gateway.projection -> desist.access.rules" in done.stdout
    assert "desist.scopes.cases -> desist.people.views" in done.stdout
    assert "desist.scopes.cases -> desist.access.once" in done.stdout


def app_of(module: str) -> str:
    return module.split(".")[1] if module.count(".") >= 1 else module


def cross_app_views_imports(graph: grimp.ImportGraph) -> list[str]:
    """Imports of one app's ``views`` from another app (config, the wiring, may import any)."""
    found = []
    for module in sorted(graph.modules):
        if not module.startswith("desist.") or app_of(module) == "config":
            continue
        for imported in graph.find_modules_directly_imported_by(module):
            if imported.endswith(".views") and app_of(imported) != app_of(module):
                found.append(f"{module} -> {imported}")
    return found


def test_no_app_imports_another_apps_views():
    assert cross_app_views_imports(grimp.build_graph("desist", cache_dir=None)) == []


def test_a_cross_app_views_import_is_found(tmp_path):
    shutil.copytree(SRC / "desist", tmp_path / "desist",
                    ignore=shutil.ignore_patterns("__pycache__", "jinja2", "locale", "static"))
    with (tmp_path / "desist/people/urls.py").open("a", encoding="utf-8") as module:
        module.write("\nfrom desist.compliance import views as other  # breach\n")
    probe = (
        "import json, grimp, sys\n"
        f"sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
        "from test_layers import cross_app_views_imports\n"
        "print(json.dumps(cross_app_views_imports(grimp.build_graph('desist', cache_dir=None))))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path,
                          env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
                          capture_output=True, text=True, check=True, timeout=300)
    assert "desist.people.urls -> desist.compliance.views" in done.stdout
