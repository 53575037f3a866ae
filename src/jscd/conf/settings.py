"""Django settings of jscd, all driven by the environment (see ``jscd.conf.env``)."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from jscd.conf import env

PACKAGE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env.get_bool("JSCD_DEBUG")
SECRET_KEY = env.get("JSCD_SECRET_KEY") or "jscd-development-key-not-for-production-use-0123456789"
ALLOWED_HOSTS = [h.strip() for h in env.get("JSCD_ALLOWED_HOSTS").split(",") if h.strip()]
ALLOWED_HOSTS += ["testserver"]

_db_url = env.get("JSCD_DATABASE_URL")
try:
    DATABASES = {"default": dj_database_url.parse(_db_url, conn_max_age=60)}
except Exception as exc:  # dj-database-url raises several types for a bad URL
    raise ImproperlyConfigured(f"JSCD_DATABASE_URL={_db_url!r} is not a database URL: {exc}") from exc
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
    DATABASES["default"]["CONN_MAX_AGE"] = 0

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "simple_history",
    "ninja",  # serves Swagger UI's files locally for /api/docs (else ninja links a CDN)
    "jscd.record.apps.RecordConfig",
    "jscd.web.apps.WebConfig",
    "jscd.api.apps.ApiConfig",
    "jscd.reports.apps.ReportsConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "jscd.web.middleware.ActorMiddleware",
    "jscd.web.middleware.LoginRequiredMiddleware",
]

ROOT_URLCONF = "jscd.conf.urls"
WSGI_APPLICATION = "jscd.conf.wsgi.application"
AUTH_USER_MODEL = "record.User"
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "web:login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jscd.web.context.navigation",
            ],
        },
    }
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 8}},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = PACKAGE_DIR.parent.parent / "staticfiles"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

JSCD_STALE_DAYS = env.get_int("JSCD_STALE_DAYS")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
