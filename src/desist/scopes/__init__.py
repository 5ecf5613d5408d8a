"""Which cases a user may see, and which they may decide on (ADR 0017).

The layer above the domain apps and below the pages and endpoints: ``cases`` is the scope
(``visible_cases``, ``visible_rows``, ``case_for``), ``decisions`` the write check with its covers,
and ``<app>.py`` the reads of each app that start from the user's scope. Domain modules (models,
selectors, services, tasks …) never import this package: they are given their rows.
"""
