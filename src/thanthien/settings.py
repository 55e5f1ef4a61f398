"""Settings for Thân Thiện, read from environment variables.

Every setting has a default that works on a laptop with no server: SQLite in WAL mode under ``var/``.
Set ``DATABASE_URL`` (e.g. ``postgres://user@host:5432/db``) for PostgreSQL. A secret may be given
as ``NAME_FILE``: a path to a file that holds it (Docker and systemd credentials work that way).
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent


def env_str(name: str, default: str = "") -> str:
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        return Path(file_path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
DATA_DIR = Path(env_str("THANTHIEN_DATA_DIR", str(PROJECT_DIR / "var")))
SECRET_KEY = env_str("SECRET_KEY", "insecure-dev-key-change-me-in-production-0123456789")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_NAME = env_str("SITE_NAME", "Thân Thiện")

INSTALLED_APPS = [
    "thanthien.core",
    "thanthien.petitions",
    "thanthien.feedback",
    "thanthien.complaints",
    "thanthien.denunciations",
    "thanthien.reception",
    "thanthien.disclosure",
    "thanthien.participation",
    "thanthien.meetings",
    "thanthien.rollout",
    "thanthien.api",
    "thanthien.demo",  # the demo and its commands: above every app, which none imports
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "thanthien.core.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "thanthien.core.middleware.PublicPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "thanthien.core.middleware.RequestContextMiddleware",
]

ROOT_URLCONF = "thanthien.urls"
WSGI_APPLICATION = "thanthien.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "thanthien.core.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite: WAL so readers never block the writer, IMMEDIATE transactions so two writers queue on the
# busy timeout instead of failing with "database is locked" half-way through a transaction.
SQLITE_PATH = DATA_DIR / env_str("SQLITE_NAME", "thanthien.sqlite3")
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": env_int("SQLITE_TIMEOUT", 20),
    "init_command": (
        "PRAGMA journal_mode=WAL;"
        "PRAGMA synchronous=NORMAL;"
        "PRAGMA foreign_keys=ON;"
        "PRAGMA busy_timeout=20000;"
        "PRAGMA cache_size=-20000;"
    ),
}
# Persistent connections: each server thread keeps its connection for DB_CONN_MAX_AGE seconds
# instead of opening one (and, on SQLite, running the PRAGMAs above) for every request; 0 closes it
# after each request. Django's connections belong to one thread, so gunicorn's threads never share
# one; the health check replaces a connection the database closed meanwhile.
DB_CONN_MAX_AGE = env_int("DB_CONN_MAX_AGE", 60)
if env_str("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(env_str("DATABASE_URL"))}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        DATABASES["default"]["OPTIONS"] = dict(SQLITE_OPTIONS)
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            "OPTIONS": dict(SQLITE_OPTIONS),
        }
    }
DATABASES["default"]["CONN_MAX_AGE"] = DB_CONN_MAX_AGE
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache -------------------------------------------------------------------------------------
# Whole public pages for visitors who are not signed in (core/middleware.py: PublicPageCacheMiddleware)
# are served from the cache for PUBLIC_CACHE_SECONDS, so a change shows on them within that delay
# (0 turns the cache off). The cache lives in each server process's memory unless CACHE_URL (or
# REDIS_URL) names a Redis server, e.g. redis://127.0.0.1:6379/1, shared by all processes: that
# needs the redis package (pip install 'thanthien[redis]').
PUBLIC_CACHE_SECONDS = env_int("PUBLIC_CACHE_SECONDS", 30)


def cache_from_url(url: str) -> dict:
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if url in ("", "locmem://"):
        # About 1,000 pages of 10-60 KB per process; the oldest third goes when it is full.
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
    raise ValueError(f"CACHE_URL: use redis://host:port/db or locmem://, not {url!r}")


CACHES = {"default": cache_from_url(env_str("CACHE_URL") or env_str("REDIS_URL"))}

# --- People and passwords ---------------------------------------------------------------------
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = ["thanthien.core.auth.PhoneEmailOrUsernameBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "home"
# Sign-in limits (core/signin.py). Failures are remembered for the window; past a threshold each
# further try waits 2, 4, 8… seconds, up to the cap: a delay, never a lock-out of the right password.
# From one address on one account: LOGIN_MAX_FAILURES; on one account from anywhere (a distributed
# attack): LOGIN_ACCOUNT_MAX_FAILURES; from one address on any accounts: LOGIN_ADDRESS_MAX_FAILURES.
LOGIN_MAX_FAILURES = env_int("LOGIN_MAX_FAILURES", 5)
LOGIN_ACCOUNT_MAX_FAILURES = env_int("LOGIN_ACCOUNT_MAX_FAILURES", 20)
LOGIN_ADDRESS_MAX_FAILURES = env_int("LOGIN_ADDRESS_MAX_FAILURES", 50)
LOGIN_FAILURE_WINDOW_SECONDS = env_int("LOGIN_FAILURE_WINDOW_SECONDS", 900)
LOGIN_MAX_DELAY_SECONDS = env_int("LOGIN_MAX_DELAY_SECONDS", 600)
# How many reverse proxies in front of the server append to X-Forwarded-For: 0 reads the socket's
# address (REMOTE_ADDR) and ignores the header, which any client can write; N takes the N-th
# address from the right, the one the outermost trusted proxy saw.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# A password reset link is good for this long and works once (Django's token generator).
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT_SECONDS", 24 * 3600)
OTP_TTL_SECONDS = env_int("OTP_TTL_SECONDS", 600)
OTP_MAX_ATTEMPTS = env_int("OTP_MAX_ATTEMPTS", 5)
# One-time codes and notifications: "console" prints them (demo); "email" uses Django's mail;
# "sms" posts to SMS_GATEWAY_URL. Several may be given, comma-separated.
OTP_SENDERS = env_list("OTP_SENDERS", "console")
SMS_GATEWAY_URL = env_str("SMS_GATEWAY_URL", "")
SMS_GATEWAY_TOKEN = env_str("SMS_GATEWAY_TOKEN", "")
# Notices to subscribers through a Zalo Official Account (disclosure/channels.py); unset: console.
ZALO_OA_ACCESS_TOKEN = env_str("ZALO_OA_ACCESS_TOKEN", "")
# The site's public address, for links in SMS, Zalo and email messages ("https://xa.example.gov.vn").
SITE_URL = env_str("SITE_URL", "")

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Thân Thiện <no-reply@localhost>")

# --- Language and time --------------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Django's Vietnamese formats, with numbers grouped by thousands where a template asks for it.
FORMAT_MODULE_PATH = ["thanthien.formats"]
if env_bool("COMPILE_TRANSLATIONS", True):
    # Before Django loads any catalogue, turn .po files newer than their .mo into .mo (a few stat
    # calls when nothing changed), so a fresh checkout or an edited .po shows up in every process.
    import contextlib

    from thanthien.translations import compile_translations

    with contextlib.suppress(OSError):  # a read-only installation ships compiled files
        compile_translations()
USE_I18N = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True
LANGUAGE_COOKIE_NAME = "lang"

# --- Administrative units ------------------------------------------------------------------------
# An abolished unit (valid_to before the day of receipt) takes no new record: petitions lodged with it
# go to its one successor or are refused (``core.units.unit_on``). Only until the demo and the test
# ground move to today's units (issue 13) may they set this to keep filing under the 2023 units as if
# the reorganization had not happened; a real installation leaves it off.
ABOLISHED_UNITS_TAKE_RECORDS = env_bool("ABOLISHED_UNITS_TAKE_RECORDS", False)

# --- Static and uploaded files ------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(DATA_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if env_bool("STATIC_PLAIN", False)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_MAX_AGE = 3600
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
MAX_UPLOAD_BYTES = env_int("MAX_UPLOAD_BYTES", 10 * 1024 * 1024)

# --- Confidential data ---------------------------------------------------------------------------
# The key that encrypts denouncers' identities. Keep it OUTSIDE the database and its backups: set
# IDENTITY_KEY (or IDENTITY_KEY_FILE). Several keys, comma-separated, allow rotation (first encrypts).
# Without one, a key file is created under THANTHIEN_DATA_DIR (fine for a laptop and the demo).
IDENTITY_KEY = env_str("IDENTITY_KEY", "")
IDENTITY_KEY_PATH = DATA_DIR / "identity.key"

# --- Background work ----------------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Security -----------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

DEFAULT_EXCEPTION_REPORTER = "thanthien.core.errors.SafeExceptionReporter"
ADMINS = [("Admin", a) for a in env_list("ADMINS", "")]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
