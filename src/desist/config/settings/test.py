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
# A session is renewed at most once a minute (config.middleware.SessionRenewalMiddleware): in
# tests, once a day, so a slow run never adds a session save to a query count (the renewal has
# its own test, which sets the minute back).
SESSION_RENEW_SECONDS = 24 * 60 * 60

# On PostgreSQL, empty the tables between transactional tests with DELETE rather than one TRUNCATE
# of every table (4–5 s a test on the CI machine; config/test_database/base.py says why).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = "desist.config.test_database"
