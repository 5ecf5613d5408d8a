"""The insight sample caseload, shared with the tiering tests of insight's grouping by tier."""

from tests.insight.test_insight import sample  # noqa: F401 (a fixture)
