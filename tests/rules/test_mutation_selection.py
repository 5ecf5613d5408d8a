"""scripts/mutation.py picks, for a rules module, every rules test that imports it: a test left
out of the selection cannot kill a mutant, so the score would read low, or the survivors wrong."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("mutation_script", ROOT / "scripts" / "mutation.py")
assert _spec and _spec.loader
mutation = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(mutation)


def test_an_import_in_brackets_over_several_lines_is_found():
    source = "from desist.rules import (\n    banding,\n    sampling,\n)\n"
    assert mutation.imports(source, "sampling")
    assert mutation.imports(source, "sampling.flow")  # a file of the package: its tests
    assert mutation.imports(source, "banding")
    assert not mutation.imports(source, "ogrs3")


def test_the_one_line_forms_are_found():
    assert mutation.imports("from desist.rules import banding, ogrs3\n", "ogrs3")
    assert mutation.imports("from desist.rules import insight as rules\n", "insight")
    assert mutation.imports("from desist.rules.sampling import sample_payload\n", "sampling")
    assert mutation.imports("import desist.rules.ogrs3.model\n", "ogrs3.model")


def test_a_longer_name_or_a_later_line_is_not_an_import_of_the_module():
    assert not mutation.imports("from desist.rules import tiering_facts as tf\n", "tiering")
    assert not mutation.imports("from desist.rules.tiering_facts import x\n", "tiering")
    # Only the import's own line (or brackets) names what it imports.
    assert not mutation.imports("from desist.rules import contact\nsampling = 1\n", "sampling")


def test_sampling_and_ogrs3_are_run_against_every_rules_test_that_imports_them():
    assert mutation.tests_for("sampling") == [
        "tests/rules/test_cli.py",
        "tests/rules/test_sampling.py",
        "tests/rules/test_sampling_boundaries.py",
        "tests/rules/test_sampling_edges.py",
    ]
    assert mutation.tests_for("ogrs3.model") == [
        "tests/rules/test_cli.py",
        "tests/rules/test_ogrs3.py",
        "tests/rules/test_ogrs3_boundaries.py",
    ]


def test_the_tests_that_read_rules_source_are_left_out_of_mutation_runs():
    """Under mutmut, a rules module's file holds mutmut's copies of each function, so a test
    that reads the source (the reasons convention, ADR 0016) fails before any mutant is
    switched on, and the module reads "not measured" (it did for reviews.py). Each test the
    script deselects must exist, or a rename would silently bring that back."""
    import ast

    deselected = [arg for arg in mutation.IGNORE if "::" in arg]
    source = (ROOT / "tests" / "rules" / "test_reason_templates.py").read_text(encoding="utf-8")
    defined = {node.name for node in ast.walk(ast.parse(source))
               if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")}
    reading = {name for name in defined
               if f"def {name}(" in source
               and "read_text" in source.split(f"def {name}(", 1)[1].split("\ndef ", 1)[0]}
    assert reading  # the convention's checks read the modules' source
    assert {arg.split("::", 1)[1] for arg in deselected} == reading
