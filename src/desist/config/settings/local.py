"""The embedded demo: SQLite in var/, debug pages, runserver on 127.0.0.1:8000."""

from .base import *  # noqa: F403
from .base import AUDIT_KEY, DEVELOPMENT_AUDIT_KEY

DEBUG = True
AUDIT_KEY = AUDIT_KEY or DEVELOPMENT_AUDIT_KEY  # published: the demo's data is synthetic
