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
    "desist.jobs",
    "desist.worklist",
    "desist.allocation",
    "desist.assessment",
    "desist.planning",
    "desist.appointments",
    "desist.compliance",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "desist.access.middleware.LoginRequiredMiddleware",
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
LOGIN_URL = "access:sign-in"
LOGIN_REDIRECT_URL = "people:caseload"

# Sessions end after 30 idle minutes (each request renews) and when the browser closes.
SESSION_COOKIE_AGE = env.number("DESIST_SESSION_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Sign-in throttling (desist.access.throttle): failures per username and per address.
LOGIN_THROTTLE_FAILURES = 5
LOGIN_THROTTLE_WINDOW_SECONDS = 15 * 60

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
STATIC_ROOT = PROJECT_ROOT / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["desist.access.api.DeclaredRulePermission"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "desist.paging.CappedPageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "desist.access.api_errors.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Desist API",
    "DESCRIPTION": "Case management for probation providers. Same access rules and audit as the pages.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Fields called "band" or "kind" carry different choice sets in different components.
    "ENUM_NAME_OVERRIDES": {
        "BandEnum": "desist.people.choices.Band",
        "AppointmentKindEnum": "desist.appointments.choices.Kind",
        "SafeguardingCheckKindEnum": "desist.planning.choices.CheckKind",
        "EnforcementActionKindEnum": "desist.compliance.choices.ActionKind",
    },
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"desist": {"level": "INFO"}},
}
