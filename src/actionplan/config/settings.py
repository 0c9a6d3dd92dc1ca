"""Settings, read from environment variables (see .env.example for every one of them).

DEBUG is off unless DEBUG=1, and then SECRET_KEY must be set or the program will not start.
Local development (`make run`, the tests: actionplan.config.local) turns DEBUG on, which
signs with a key made at random on first use and kept in var/, and keeps SQLite in var/.
In production set at least SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL; HTTPS is required
(HSTS, redirects, secure cookies), and a proxy that ends TLS must be named in
SECURE_PROXY_SSL_HEADER (docs/security.md).
"""

import datetime as dt
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from actionplan.core import logs
from actionplan.core.env import (
    env_bool,
    env_choice,
    env_header,
    env_int,
    env_list,
    env_str,
    local_secret_key,
)

PACKAGE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = PROJECT_DIR / "var"

DEBUG = env_bool("DEBUG", False)

# Keys that have been published (an earlier version shipped the first): anyone could sign
# invitations and sessions with them.
_PUBLISHED_KEYS = {"insecure-local-development-key-do-not-use-in-production"}
SECRET_KEY = env_str("SECRET_KEY")
if SECRET_KEY in _PUBLISHED_KEYS or SECRET_KEY.startswith("django-insecure-"):
    raise ImproperlyConfigured(
        "SECRET_KEY is a published example key: set a new one, e.g. from "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. In production set SECRET_KEY to a long random value "
            "(python -c 'import secrets; print(secrets.token_urlsafe(50))'); for local "
            "development set DEBUG=1 instead"
        )
    SECRET_KEY = local_secret_key(VAR_DIR / "secret_key")

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
    "actionplan.notifications",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "actionplan.audits",
    "actionplan.voice",
    "actionplan.operations",
]

MIDDLEWARE = [
    # A body over the limit is refused before anything reads it (sessions, CSRF, sign-in).
    "actionplan.core.middleware.RequestLimitMiddleware",
    # Every log line of a request, and its response, carry the request's id.
    "actionplan.core.middleware.RequestIdMiddleware",
    # /healthz answers before the host check and the HTTPS redirect: a monitor asks the
    # service itself, on its own address.
    "actionplan.operations.middleware.HealthzMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Every page below holds plan data: no browser or proxy keeps a copy.
    "actionplan.core.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Sign-in: which second factor verified this session, then expiry and the second-factor
    # requirement (docs/security.md).
    "django_otp.middleware.OTPMiddleware",
    "actionplan.accounts.middleware.SessionExpiryMiddleware",
    "actionplan.accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # A bad ?as_at= date gets a page that says so, whichever view read it.
    "actionplan.core.middleware.AsAtMiddleware",
    # Records who made each change in the history tables.
    "simple_history.middleware.HistoryRequestMiddleware",
    # A write refused because the database stayed busy: what was sent is kept on the page.
    "actionplan.core.middleware.DatabaseBusyMiddleware",
    # Last, so it can turn a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "actionplan.config.urls"
WSGI_APPLICATION = "actionplan.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # A council's own paper templates (docs/papers.md, "Paper types") come first.
        "DIRS": [d for d in (env_str("PAPER_TEMPLATES"),) if d],
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

_DEFAULT_SQLITE = VAR_DIR / "actionplan.sqlite3"
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
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Many people saving at once: readers never wait for the writer (WAL); a writer waits its
    # turn, up to 30 seconds, instead of failing at once; and a transaction takes the
    # write lock when it begins (IMMEDIATE), so two never deadlock each wanting to write after
    # reading, which SQLite settles by failing one at once whatever the timeout.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }
# The plan as at a day and each user's to-do list, keyed by the plan's write version
# (ADR 0024): each worker process its own cache here; with several workers or servers a
# shared one (Redis, Memcached) lets one rebuild serve them all.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "actionplan",
        "OPTIONS": {"MAX_ENTRIES": 1000},
    }
}
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
SESSION_COOKIE_HTTPONLY = True

# HTTPS only, unless DEBUG: cookies never go over plain HTTP, HTTP is redirected, and browsers
# are told (HSTS) to use nothing else. Behind a proxy that ends TLS, SECURE_PROXY_SSL_HEADER
# names the header it sets, or every request would look like plain HTTP and redirect forever.
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = env_header("SECURE_PROXY_SSL_HEADER")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# Preloading binds every subdomain of the registered domain for months, which is the domain
# owner's decision, so it is asked for, not assumed; check --deploy's reminder is then noise.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# Sign-in (docs/security.md): throttling, second factor, password reset, session expiry.
# axes' backend refuses a locked-out username from the same address before any password is
# checked, on our sign-in page and the admin's alike.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("SIGN_IN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("SIGN_IN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Our audit log records each attempt; axes' own lines would say it again.
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "actionplan.accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "actionplan.accounts.addresses.client_address"
# How many reverse proxies in front of actionplan append to X-Forwarded-For; 0: none, so the
# header is ignored (anyone could write it) and the connection's address is the client's.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
OTP_TOTP_ISSUER = env_str("COUNCIL_NAME") or "actionplan"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
PASSWORD_RESET_TIMEOUT = 60 * 60 * 2
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30)
SESSION_MAX_HOURS = env_int("SESSION_MAX_HOURS", 10)
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 60 * 60
for _name, _value, _least in [
    ("SIGN_IN_FAILURE_LIMIT", AXES_FAILURE_LIMIT, 1),
    ("SIGN_IN_LOCKOUT_MINUTES", AXES_COOLOFF_TIME.total_seconds() // 60, 1),
    ("TRUSTED_PROXY_COUNT", TRUSTED_PROXY_COUNT, 0),
    ("SESSION_IDLE_MINUTES", SESSION_IDLE_MINUTES, 1),
    ("SESSION_MAX_HOURS", SESSION_MAX_HOURS, 1),
]:
    if _value < _least:
        raise ImproperlyConfigured(f"{_name} must be {_least} or more, not {_value:.0f}")

# Invitations are e-mailed; the console backend prints them, for local use.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "actionplan <actionplan@localhost>")
INVITATION_DAYS = env_int("INVITATION_DAYS", 14)
# Where people reach the service: links in e-mailed notifications start with it.
SITE_URL = env_str("SITE_URL", "http://localhost:8000")

# Background tasks (reminders) are rows in the database, run by `actionplan worker`
# (docs/adr/0008-task-queue.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A task whose worker has been silent this long was cut short: it is queued again, once.
TASK_STALE_SECONDS = env_int("TASK_STALE_SECONDS", 120)
# /healthz fails when a task has waited longer than this (seconds): no worker is running it.
HEALTH_TASK_MAX_WAIT = env_int("HEALTH_TASK_MAX_WAIT", 900)

# Shown in the header on pages that are about no particular plan.
COUNCIL_NAME = env_str("COUNCIL_NAME")
# Where people write for help, to report an accessibility problem or to ask about their data:
# on the help, accessibility and privacy pages the footer links to.
HELP_EMAIL = env_str("HELP_EMAIL")

# The largest file any upload form accepts (a plan, Annex A, a template, evidence, a CSV), and
# from it every limit on what a request may send (docs/security.md, "Request size"). The most
# rows (table rows and paragraphs) a plan file may have: a plan of 1,000 actions has about 3,000.
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 10 * 1024 * 1024)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 50_000)

# What an uploaded .xlsx, .docx or .zip may hold: checked before it is opened, and while it
# is read (docs/security.md, docs/adr/0013-reading-uploads.md). The first four apply to files
# given to the command line too; rows, cells and seconds only to uploads read on the web.
UPLOAD_MAX_UNPACKED_BYTES = env_int("UPLOAD_MAX_UNPACKED_BYTES", 256 * 1024 * 1024)
UPLOAD_MAX_PART_BYTES = env_int("UPLOAD_MAX_PART_BYTES", 64 * 1024 * 1024)
UPLOAD_MAX_RATIO = env_int("UPLOAD_MAX_RATIO", 100)
UPLOAD_MAX_PARTS = env_int("UPLOAD_MAX_PARTS", 1000)
UPLOAD_MAX_SHARED_STRINGS = env_int("UPLOAD_MAX_SHARED_STRINGS", 1_000_000)
UPLOAD_MAX_ROWS = env_int("UPLOAD_MAX_ROWS", 1_048_576)
UPLOAD_MAX_CELLS = env_int("UPLOAD_MAX_CELLS", 5_000_000)
UPLOAD_READ_SECONDS = env_int("UPLOAD_READ_SECONDS", 30)
# A CSV file of indicator values larger than this is imported on the task queue.
VALUES_IMPORT_QUEUE_BYTES = env_int("VALUES_IMPORT_QUEUE_BYTES", 256 * 1024)

# Councils' own measures (docs/indicators.md): DuckDB's memory (nothing spills to disk) and
# threads, and the smallest cohort (denominator) a local measure may report.
DUCKDB_MEMORY_LIMIT_MB = env_int("DUCKDB_MEMORY_LIMIT_MB", 1024)
DUCKDB_THREADS = env_int("DUCKDB_THREADS", 1)
LOCAL_MEASURE_MIN_COHORT = env_int("LOCAL_MEASURE_MIN_COHORT", 10)

# "Report compiled by" on board papers that name no author of their own.
PAPER_AUTHOR = {
    key: value
    for key in ("name", "role", "email", "phone")
    if (value := env_str(f"PAPER_AUTHOR_{key.upper()}"))
}
# Retention (docs/privacy.md): months after which `actionplan retention` removes a case
# audit's free text and case reference (its grades stay), and deletes a feedback quote.
RETAIN_CASE_AUDITS_MONTHS = env_int("RETAIN_CASE_AUDITS_MONTHS", 24)
RETAIN_QUOTES_MONTHS = env_int("RETAIN_QUOTES_MONTHS", 24)
# Sent notifications keep staff names and the action's words; once sent they are only a log.
RETAIN_NOTIFICATIONS_MONTHS = env_int("RETAIN_NOTIFICATIONS_MONTHS", 6)
# The whole body: the file and the form's other fields. Larger is refused unread (413).
REQUEST_MAX_BYTES = IMPORT_MAX_BYTES + 1024 * 1024
# The form's fields without its files (Django refuses more, 400).
DATA_UPLOAD_MAX_MEMORY_SIZE = REQUEST_MAX_BYTES
# Uploads within the limit stay in memory: children's data never lands in a temporary file.
FILE_UPLOAD_MAX_MEMORY_SIZE = IMPORT_MAX_BYTES

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
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or VAR_DIR / "media")
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
