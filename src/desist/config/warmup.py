"""Warm a server process before it takes requests (issue 23: the first request to a fresh worker
took 1.2–4.7 s, spent importing every view module and compiling templates on demand).

``warm()`` imports the whole URL configuration (so every view, form and serializer module) and
compiles every Jinja2 template into the environment's cache. Run from ``wsgi.py`` at start-up:
with ``gunicorn --preload`` once in the master, otherwise once per worker before it accepts
connections. It opens no database connection (those must not cross a fork).
"""

from __future__ import annotations

import logging
import time

logger = logging.getLogger("desist")


def warm() -> None:
    from django.template import engines
    from django.urls import get_resolver

    started = time.perf_counter()
    get_resolver().url_patterns  # noqa: B018 - importing the URL configuration imports every view
    compiled = 0
    for engine in engines.all():
        env = getattr(engine, "env", None)
        if env is None:
            continue
        for name in env.list_templates(extensions=("html", "txt", "xml")):
            env.get_template(name)
            compiled += 1
    logger.info("warmed: %d templates in %.1f s", compiled, time.perf_counter() - started)
