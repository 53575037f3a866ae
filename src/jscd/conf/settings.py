"""Django settings of jscd, all driven by the environment (see ``jscd.conf.env``)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from jscd.conf import env

PACKAGE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env.get_bool("JSCD_DEBUG")
#: The public development key: ``jscd serve`` refuses it with DEBUG off unless bound to loopback.
DEVELOPMENT_SECRET_KEY = "jscd-development-key-not-for-production-use-0123456789"
SECRET_KEY = env.get("JSCD_SECRET_KEY") or DEVELOPMENT_SECRET_KEY
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
    "axes",  # throttles sign-ins and logs the failed ones (AccessAttempt, the "axes" logger)
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
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

# -- sign-in throttling (ASVS V2.2): lock a user name out after repeated failures ---------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out user name before checking
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.get_int("JSCD_LOGIN_FAILURES")
AXES_COOLOFF_TIME = timedelta(minutes=env.get_int("JSCD_LOCKOUT_MINUTES"))
AXES_LOCKOUT_PARAMETERS = ["username"]  # rotating addresses does not reset the count
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "web/locked_out.html"
AXES_VERBOSE = True
AXES_SENSITIVE_PARAMETERS: list[str] = []  # the log names the user name and address (never a password)

# -- HTTPS deployment (JSCD_HTTPS=1 behind a TLS-terminating proxy) ------------------------
HTTPS = env.get_bool("JSCD_HTTPS")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
if HTTPS:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 365 * 24 * 3600
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True

# -- Content-Security-Policy (django-csp): every script and style is served by the app ---
# Pages carry no inline script; plotly's figures and HTMX come from /static/. Inline
# ``style`` attributes remain in templates and plotly's SVG, hence 'unsafe-inline' for styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

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
JSCD_PUBLIC_API_DOCS = env.get_bool("JSCD_PUBLIC_API_DOCS")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    # Failed and locked-out sign-ins, with user name and address (ASVS V7.2).
    "loggers": {"axes": {"level": "INFO"}},
}
