"""Test settings: the database comes from DATABASE_URL (SQLite file by default, PostgreSQL in CI)."""

from desist.config import env

from .base import *  # noqa: F403
from .base import AUDIT_KEY, DEVELOPMENT_AUDIT_KEY, PROJECT_ROOT

DATABASES = {"default": env.database(f"sqlite:///{PROJECT_ROOT / 'var' / 'test.sqlite3'}")}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed; production uses PBKDF2
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AUDIT_KEY = AUDIT_KEY or DEVELOPMENT_AUDIT_KEY
AUDIT_HEAD_FILE = PROJECT_ROOT / "var" / "test-audit-head.jsonl"

# Route walkers send hundreds of API requests a minute from one address; tests of throttling set
# their own rates (desist.access.api reads them per request).
API_THROTTLE_RATES = {"user": "100000/minute", "anon": "100000/minute"}
