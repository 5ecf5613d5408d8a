"""The embedded demo: SQLite in var/, debug pages, runserver on 127.0.0.1:8000."""

from .base import *  # noqa: F403

DEBUG = True
