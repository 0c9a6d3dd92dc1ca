"""Settings, read from environment variables (see .env.example for every one of them).

With nothing set, actionplan runs for local use: DEBUG on, SQLite in var/ under the
project folder. In production set at least DEBUG=0, SECRET_KEY, ALLOWED_HOSTS and
DATABASE_URL.
"""

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from actionplan.core import logs
from actionplan.core.env import env_bool, env_choice, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = PACKAGE_DIR.parent.parent

DEBUG = env_bool("DEBUG", True)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "simple_history",
    "csp",
    "template_partials",
    "actionplan.core",
    "actionplan.plans",
    "actionplan.accounts",
    "actionplan.monitoring",
    "actionplan.indicators",
    "django_tasks",
    "django_tasks_db",
    "actionplan.governance",
    "actionplan.reports",
    "actionplan.operations",
]

MIDDLEWARE = [
    # Every log line of a request, and its response, carry the request's id.
    "actionplan.core.middleware.RequestIdMiddleware",
    # /healthz answers before the host check and the HTTPS redirect: a monitor asks the
    # service itself, on its own address.
    "actionplan.operations.middleware.HealthzMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # A bad ?as_at= date gets a page that says so, whichever view read it.
    "actionplan.core.middleware.AsAtMiddleware",
    # Records who made each change in the history tables.
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "actionplan.config.urls"
WSGI_APPLICATION = "actionplan.config.wsgi.application"

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
                "actionplan.core.context_processors.service",
            ],
        },
    },
]

_DEFAULT_SQLITE = PROJECT_DIR / "var" / "actionplan.sqlite3"
DATABASE_URL = env_str("DATABASE_URL")
if not DATABASE_URL:
    _DEFAULT_SQLITE.parent.mkdir(parents=True, exist_ok=True)
    DATABASE_URL = f"sqlite:///{_DEFAULT_SQLITE}"
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL, conn_max_age=env_int("CONN_MAX_AGE", 0), conn_health_checks=True
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Argon2 hashes new passwords; the others still check passwords hashed before a change.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:sign_in"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True

# Invitations are e-mailed; the console backend prints them, for local use.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "actionplan <actionplan@localhost>")
INVITATION_DAYS = env_int("INVITATION_DAYS", 14)

# Background tasks (reminders) are rows in the database, run by `actionplan worker`
# (docs/adr/0008-task-queue.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# /healthz fails when a task has waited longer than this (seconds): no worker is running it.
HEALTH_TASK_MAX_WAIT = env_int("HEALTH_TASK_MAX_WAIT", 900)

# Shown in the header on pages that are about no particular plan.
COUNCIL_NAME = env_str("COUNCIL_NAME")

# The largest plan file the import page accepts.
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 10 * 1024 * 1024)

# "Report compiled by" on board papers that name no author of their own.
PAPER_AUTHOR = {
    key: value
    for key in ("name", "role", "email", "phone")
    if (value := env_str(f"PAPER_AUTHOR_{key.upper()}"))
}
DATA_UPLOAD_MAX_MEMORY_SIZE = IMPORT_MAX_BYTES + 1024 * 1024

# Only our own files: no inline script or style, no other origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or PROJECT_DIR / "staticfiles")
# Evidence files may hold personal data: they are served by an access-checked view, by id,
# never from a public media URL.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or PROJECT_DIR / "var" / "media")
# What `npm run build` makes: our CSS and JS and GOV.UK Frontend's assets.
STATICFILES_DIRS = [PROJECT_DIR / "frontend" / "build"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Compressed but not manifest: pages render before collectstatic has ever run.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

LOG_LEVEL = env_choice("LOG_LEVEL", "INFO", logs.LEVELS)
# json: one JSON object a line, for a log collector; plain: for people. Both carry the
# request id (actionplan.core.logs).
LOG_FORMAT = env_choice("LOG_FORMAT", "plain", logs.FORMATS)
LOGGING = logs.config(LOG_FORMAT, LOG_LEVEL)
