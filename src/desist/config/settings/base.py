"""Settings shared by every environment. Environment-specific files import from here."""

from __future__ import annotations

from pathlib import Path

from desist.config import env

BASE_DIR = Path(__file__).resolve().parents[2]  # src/desist
PROJECT_ROOT = env.PROJECT_ROOT

SECRET_KEY = env.text("DESIST_SECRET_KEY", "insecure-development-key-do-not-use-in-production")
DEBUG = False
ALLOWED_HOSTS = env.text("DESIST_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_tasks",
    "django_tasks_db",
    "desist.audit",
    "desist.access",
    "desist.organisation",
    "desist.people",
    "desist.sentences",
    "desist.interventions",
    "desist.demo",
    "desist.health",
    "desist.jobs",
    "desist.worklist",
    "desist.allocation",
    "desist.tiering",
    "desist.assessment",
    "desist.risk",
    "desist.induction",
    "desist.planning",
    "desist.appointments",
    "desist.compliance",
    "desist.reviews",
    "desist.checkins",
    "desist.gateway",
    "desist.resettlement",
    "desist.unpaid_work",
    "desist.insight",
    "desist.oversight",
]

MIDDLEWARE = [
    "desist.access.client.ClientAddressMiddleware",  # first: everything after sees the real client
    # Outermost: a request id and the JSON request log for everything, errors included.
    "desist.config.middleware.RequestContextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "desist.config.middleware.SessionRenewalMiddleware",  # after: it runs before the save
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "desist.access.api_errors.ApiJsonErrorsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "desist.config.middleware.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "desist.access.middleware.LoginRequiredMiddleware",
    "desist.audit.middleware.RefusedAccessAuditMiddleware",
    "desist.access.middleware.ContentSecurityPolicyMiddleware",
    "desist.access.middleware.DatabaseBusyMiddleware",
    "desist.checkins.middleware.KioskOnlyMiddleware",  # a kiosk session reaches only the kiosk
]

ROOT_URLCONF = "desist.config.urls"
WSGI_APPLICATION = "desist.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "jinja2"],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "desist.config.jinja2.environment",
            "extensions": ["jinja2.ext.i18n"],
            "autoescape": True,
        },
    },
    {
        # Django templates only for DRF's browsable pages and error fallbacks.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    },
]

DATABASES = {"default": env.database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# One backend (a second would check a wrong password twice): Django's, loading the staff record
# with the user (access.backends). Sessions signed in under the old path sign in again once.
AUTHENTICATION_BACKENDS = ["desist.access.backends.StaffModelBackend"]
LOGIN_URL = "access:sign-in"
LOGIN_REDIRECT_URL = "people:caseload"

# Sessions end after 30 idle minutes and when the browser closes. A request renews the idle
# expiry if it was last renewed over a minute ago (config.middleware.SessionRenewalMiddleware),
# not on every request: saving every time cost an UPDATE and a commit per page view.
SESSION_COOKIE_AGE = env.number("DESIST_SESSION_SECONDS", 30 * 60)
SESSION_RENEW_SECONDS = 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Behind N reverse proxies that each append to X-Forwarded-For, set DESIST_TRUSTED_PROXIES=N so
# the real client address is used (lockout, audit); 0 (default) trusts only the connection.
TRUSTED_PROXY_COUNT = env.number("DESIST_TRUSTED_PROXIES", 0)

# Sign-in throttling (desist.access.throttle). No hard lock: after LOGIN_THROTTLE_FAILURES
# failures for a user name each further try waits longer (doubling from the base delay up to the
# cap), except from an address where that user has signed in before; one client address may
# fail LOGIN_THROTTLE_ADDRESS_FAILURES times in the window, whatever the names.
LOGIN_THROTTLE_FAILURES = 5
LOGIN_THROTTLE_BASE_DELAY_SECONDS = 30
LOGIN_THROTTLE_MAX_DELAY_SECONDS = 15 * 60
LOGIN_THROTTLE_WINDOW_SECONDS = 15 * 60
# Days a partner keeps a person's case after completing their referral (operating model §9).
DESIST_PARTNER_ACCESS_GRACE_DAYS = env.number("DESIST_PARTNER_ACCESS_GRACE_DAYS", 28)

LOGIN_THROTTLE_ADDRESS_FAILURES = 30
LOGIN_KNOWN_ADDRESS_SECONDS = 60 * 60 * 24 * 30

# Evidence uploads (desist.uploads): an allow-list judged by content, and a size cap applied
# while the upload arrives, before anything larger is held in memory or spooled to disk.
EVIDENCE_MAX_BYTES = env.number("DESIST_EVIDENCE_MAX_BYTES", 5 * 1024 * 1024)
FILE_UPLOAD_HANDLERS = [
    "desist.uploads.SizeCapUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# A member of staff covering a case that is not theirs may decide on it for this many days
# (desist.scopes.decisions; issue 22 item 5).
CASE_COVER_DAYS = env.number("DESIST_CASE_COVER_DAYS", 7)

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "desist_cache",
    }
}

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.text("DESIST_STATIC_ROOT", str(PROJECT_ROOT / "var" / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "desist.access.api.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["desist.access.api.DeclaredRulePermission"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "desist.paging.CappedPageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "desist.access.api_errors.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # The API takes JSON bodies only (and says so in its schema).
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": [
        "desist.access.api.SignedInThrottle",
        "desist.access.api.AnonymousThrottle",
    ],
}
# API tokens expire (desist.access.api.ExpiringTokenAuthentication); the API is throttled per
# user and, for requests without a user, per real client address.
API_TOKEN_LIFETIME_SECONDS = env.number("DESIST_API_TOKEN_SECONDS", 12 * 60 * 60)
API_THROTTLE_RATES = {
    "user": env.text("DESIST_API_RATE_USER", "600/minute"),
    "anon": env.text("DESIST_API_RATE_ANON", "30/minute"),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Desist API",
    "DESCRIPTION": "Case management for probation providers. Same access rules and audit as the pages.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # PATCH bodies here are commands with required fields (a version, a result), not partial
    # updates: publish them with the fields they really require.
    "COMPONENT_SPLIT_PATCH": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "desist.config.api_schema.document_errors",
    ],
    # Fields called "band" or "kind" carry different choice sets in different components.
    "ENUM_NAME_OVERRIDES": {
        "BandEnum": "desist.people.choices.Band",
        "AppointmentKindEnum": "desist.appointments.choices.Kind",
        "SafeguardingCheckKindEnum": "desist.risk.choices.CheckKind",
        "EnforcementActionKindEnum": "desist.compliance.choices.ActionKind",
        "ReferralStatusEnum": "desist.interventions.choices.ReferralStatus",
        "AbsenceStatusEnum": "desist.compliance.choices.AbsenceStatus",
        "BreachStatusEnum": "desist.compliance.choices.BreachStatus",
        "RoshEnum": "desist.people.choices.RoshLevel",
        "UpwRatingEnum": "desist.unpaid_work.choices.Rating",
    },
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The audit chain's HMAC key lives outside the database (ADR 0004). Only the local and test
# settings give it a (published) default; production refuses to start without a real one. Old
# keys, still needed to verify rows sealed before a rotation, go in DESIST_AUDIT_OLD_KEYS.
DEVELOPMENT_AUDIT_KEY = "insecure-development-audit-key-do-not-use-in-production"
AUDIT_KEY = env.text("DESIST_AUDIT_KEY", "")
AUDIT_OLD_KEYS = [k for k in env.text("DESIST_AUDIT_OLD_KEYS", "").split(",") if k.strip()]
# Where the scheduled job appends the chain head (one JSON line each time); keep a copy off
# the database server. `desist audit verify --against <file>` checks the chain still holds it.
AUDIT_HEAD_FILE = Path(env.text("DESIST_AUDIT_HEAD_FILE", str(PROJECT_ROOT / "var" / "audit-head.jsonl")))

# /health/ready fails when no worker has reported within this many seconds.
WORKER_HEARTBEAT_STALE_SECONDS = env.number("DESIST_WORKER_STALE_SECONDS", 120)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"context": {"()": "desist.config.logs.ContextFilter"}},
    "formatters": {
        "json": {"()": "desist.config.logs.JsonFormatter"},
        "plain": {"format": "%(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["context"],
            "formatter": "json" if env.flag("DESIST_JSON_LOGS", False) else "plain",
        }
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"desist": {"level": "INFO"}},
}
