"""Production: refuses to start with debug on, the development secrets, or without PostgreSQL.

Every hazard here is a start-up failure with a one-line reason, never a silent fallback: an
operator who forgets ``DATABASE_URL`` must not end up serving from a SQLite file on one web node.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from desist.config import env

from .base import *  # noqa: F403
from .base import AUDIT_KEY, DEVELOPMENT_AUDIT_KEY, INSTALLED_APPS, SECRET_KEY

DEBUG = False
if env.flag("DESIST_DEBUG"):
    raise ImproperlyConfigured("DEBUG must not be on in production.")
if SECRET_KEY.startswith("insecure-") or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set DESIST_SECRET_KEY to a long random value in production.")
if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
    raise ImproperlyConfigured(
        "Set DATABASE_URL to the PostgreSQL database (postgresql://user:password@host:5432/name); "
        "production does not run on SQLite."
    )
DATABASES = {"default": env.database()}
if AUDIT_KEY == DEVELOPMENT_AUDIT_KEY or len(AUDIT_KEY) < 32:
    raise ImproperlyConfigured(
        "Set DESIST_AUDIT_KEY to a random value of at least 32 characters, kept outside the "
        "database (it signs the audit chain; see docs/operations.md)."
    )

# The demo (synthetic people, users with a published password) is not installed in production.
INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "desist.demo"]

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.flag("DESIST_SSL_REDIRECT", True)
# Load balancers probe health over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^health/"]
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env.text("REDIS_URL", "redis://127.0.0.1:6379/1"),
    }
}
# Sessions are read from Redis and written through to the database (so a Redis restart signs
# no one out): a signed-in page no longer reads the session row from PostgreSQL (issue 23).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
LOGGING = {**LOGGING, "handlers": {"console": {**LOGGING["handlers"]["console"], "formatter": "json"}}}  # noqa: F405
