"""Settings for KCC, read from the environment with safe defaults.

KCC_ENV is ``dev`` (default), ``test`` or ``production``. Only ``dev`` has
DEBUG on and a built-in SECRET_KEY; elsewhere a missing SECRET_KEY stops the
start-up with one clear line.
"""

import os
import sys
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from kcc import embedded

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


KCC_ENV = env("KCC_ENV", "test" if "pytest" in sys.modules else "dev")
if KCC_ENV not in {"dev", "test", "production"}:
    raise ImproperlyConfigured(f"KCC_ENV moet dev, test of production zijn, niet {KCC_ENV!r}.")
DEV = KCC_ENV == "dev"
TESTING = KCC_ENV == "test"

DEBUG = env_bool("DEBUG", DEV)
SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if KCC_ENV == "production":
        raise ImproperlyConfigured(
            "SECRET_KEY ontbreekt: zet de omgevingsvariabele SECRET_KEY (productie)."
        )
    SECRET_KEY = "kcc-dev-only-not-secret-7b1d3c0e9f"  # noqa: S105 - dev/test only

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if not DEBUG else "*")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "axes",
    "kcc",
    "catalogus",
    "contacts",
    "zaken",
    "kanalen",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "kcc.sessions.RenewingSessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "kcc.middleware.SecurityHeadersMiddleware",
    # Last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kcc.urls"
WSGI_APPLICATION = "kcc.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kcc.context_processors.shell",
            ],
        },
    },
]

# --- Services -------------------------------------------------------------
# Without DATABASE_URL / REDIS_URL the embedded services (kcc/embedded.py) are
# used; their URLs are in .kcc/services.env once `make services` has run.
_embedded_env = embedded.read_env_file()
DATABASE_URL = env("DATABASE_URL") or _embedded_env.get("DATABASE_URL", "")
REDIS_URL = env("REDIS_URL") or _embedded_env.get("REDIS_URL", "")
if not DATABASE_URL:
    raise ImproperlyConfigured(
        "Geen database: zet DATABASE_URL, of start de ingebedde PostgreSQL met "
        "`make services` (of `python -m kcc.embedded start`)."
    )
if not DATABASE_URL.startswith(("postgres://", "postgresql://", "pgsql://")):
    raise ImproperlyConfigured(
        f"DATABASE_URL wordt niet ondersteund: {DATABASE_URL.split(':', 1)[0]}:// "
        "(KCC werkt alleen met PostgreSQL: postgres://gebruiker:wachtwoord@host:5432/naam)."
    )
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
# The server binds the parameters and a statement is prepared on its second use on a
# connection: Postgres then skips parsing and planning the queries every request repeats
# (40 % of its CPU per registration, docs/benchmarks-notes.md). Set 0 behind a pooler in
# transaction mode that cannot keep prepared statements (pgbouncer before 1.21).
KCC_DB_PREPARE_THRESHOLD = int(env("KCC_DB_PREPARE_THRESHOLD", "2"))
if KCC_DB_PREPARE_THRESHOLD:
    DATABASES["default"]["OPTIONS"] = {
        "server_side_binding": True,
        "prepare_threshold": KCC_DB_PREPARE_THRESHOLD,
    }
DATABASES["default"]["TEST"] = {"NAME": env("KCC_TEST_DATABASE", "test_kcc")}
# A Celery worker started by the tests works on the test database.
if env("KCC_DATABASE_NAME"):
    DATABASES["default"]["NAME"] = env("KCC_DATABASE_NAME")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if not REDIS_URL:
    raise ImproperlyConfigured(
        "Geen Redis: zet REDIS_URL, of start de ingebedde Redis met `make services`."
    )
REDIS_DB = int(env("KCC_REDIS_DB", "1" if TESTING else "0"))


def _redis_url_for(url: str, *, db: int, celery: bool) -> str:
    """One REDIS_URL serves redis-py and Celery, over TCP or a unix socket."""
    if url.startswith("unix://"):
        path = url[len("unix://") :].split("?", 1)[0]
        if celery:
            return f"redis+socket://{path}?virtual_host={db}"
        return f"unix://{path}?db={db}"
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{db}", parts.query, ""))


REDIS_CONNECTION_URL = _redis_url_for(REDIS_URL, db=REDIS_DB, celery=False)

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_CONNECTION_URL,
        "KEY_PREFIX": "kcc",
    }
}

# --- Celery ---------------------------------------------------------------
CELERY_BROKER_URL = _redis_url_for(REDIS_URL, db=REDIS_DB, celery=True)
CELERY_RESULT_BACKEND = CELERY_BROKER_URL
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_RESULT_EXPIRES = timedelta(hours=1)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Europe/Amsterdam"
CELERY_BEAT_SCHEDULE = {
    "beat-heartbeat": {
        "task": "kcc.tasks.record_beat_heartbeat",
        "schedule": timedelta(seconds=15),
    },
    "outbox-sweep": {
        "task": "kcc.tasks.outbox_sweep",
        "schedule": timedelta(seconds=int(env("KCC_OUTBOX_SWEEP_SECONDS", "30"))),
    },
    # The dashboard's roll-up (contacts.KlantcontactDagtelling): stale past days, and
    # today up to 10 minutes ago.
    "dagtellingen-klantcontacten": {
        "task": "contacts.tasks.bijwerken_dagtellingen",
        "schedule": timedelta(seconds=int(env("KCC_DAGTELLING_SECONDS", "300"))),
    },
    # Last month's MARAP, ready when the managers start on the first of the month.
    "marap-maandelijks": {
        "task": "kcc.tasks.request_monthly_marap",
        "schedule": crontab(minute=0, hour=6, day_of_month=1),
    },
}
# SLA monitoring: thresholds of open zaken, contactverzoeken and e-mails.
KCC_SLA_SWEEP_SECONDS = int(env("KCC_SLA_SWEEP_SECONDS", "60"))
KCC_SLA_WAARSCHUWING_PERCENTAGE = int(env("KCC_SLA_WAARSCHUWING_PERCENTAGE", "75"))
# The first sweep ever looks back this far, instead of over all history.
KCC_SLA_INHAALPERIODE_UREN = int(env("KCC_SLA_INHAALPERIODE_UREN", "24"))
KCC_SLA_DAGOVERZICHT_UUR = int(env("KCC_SLA_DAGOVERZICHT_UUR", "7"))
CELERY_BEAT_SCHEDULE["sla-sweep"] = {
    "task": "kcc.tasks.sla_sweep",
    "schedule": timedelta(seconds=KCC_SLA_SWEEP_SECONDS),
}
CELERY_BEAT_SCHEDULE["sla-dagoverzicht"] = {
    "task": "kcc.tasks.sla_dagoverzicht",
    "schedule": crontab(minute=0, hour=KCC_SLA_DAGOVERZICHT_UUR),
}
# Daily: remind customers of zaken suspended this many werkdagen that we wait for them.
KCC_DOCUMENTEN_HERINNERING_WERKDAGEN = int(env("KCC_DOCUMENTEN_HERINNERING_WERKDAGEN", "5"))
CELERY_BEAT_SCHEDULE["kcc-campagnes"] = {
    "task": "kcc.tasks.send_campagnes",
    "schedule": timedelta(seconds=60),
}
CELERY_BEAT_SCHEDULE["zaken-ontvangstbevestigingen-inhalen"] = {
    "task": "zaken.tasks.render_missing_ontvangstbevestigingen",
    "schedule": timedelta(seconds=60),
}
CELERY_BEAT_SCHEDULE["zaken-open-zaken-telling"] = {
    "task": "zaken.tasks.compact_open_zaken_telling",
    "schedule": timedelta(seconds=60),
}
CELERY_BEAT_SCHEDULE["zaken-documenten-herinnering"] = {
    "task": "zaken.tasks.remind_documenten",
    "schedule": crontab(hour=9, minute=0),
}
# A worker counts as alive when its heartbeat is at most this old.
KCC_WORKER_HEARTBEAT_MAX_AGE = int(env("KCC_WORKER_HEARTBEAT_MAX_AGE", "60"))

# --- Auth -----------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "kcc.auth.CachedPermissionsBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

SESSION_COOKIE_AGE = int(env("KCC_SESSION_TIMEOUT_MINUTES", "30")) * 60
# The timeout counts from the last request: kcc.sessions renews it (at most once a minute).
SESSION_SAVE_EVERY_REQUEST = False
# Sessions in Redis: the save on every request must not be a database write
# (measured: 10–18 ms of a search request under load).
SESSION_ENGINE = "django.contrib.sessions.backends.cache"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

AXES_FAILURE_LIMIT = int(env("KCC_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("KCC_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

# Optional OpenID Connect login for staff, off unless configured.
OIDC_ENABLED = bool(env("OIDC_RP_CLIENT_ID"))
if OIDC_ENABLED:
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.insert(1, "kcc.auth.StaffOIDCBackend")
    OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID")
    OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET")
    OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", "RS256")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT")
    OIDC_CREATE_USER = env_bool("OIDC_CREATE_USER", False)

# --- Security -------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if KCC_ENV == "production":
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# --- Internationalisation --------------------------------------------------
LANGUAGE_CODE = "nl"
# Always Dutch: the source texts are Dutch and mixing in the browser's language
# (English dates beside Dutch labels) helps nobody. A translation adds LocaleMiddleware.
LANGUAGES = [("nl", _("Nederlands"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------
STATIC_URL = "/static/"
# Collected only for production; dev and tests serve from the finders.
STATIC_ROOT = BASE_DIR / "staticfiles" if KCC_ENV == "production" else None
WHITENOISE_USE_FINDERS = KCC_ENV != "production"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if KCC_ENV == "production"
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / ".kcc" / "media")))
MEDIA_URL = "/media/"

# --- Mail -----------------------------------------------------------------
EMAIL_HOST = env("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = int(env("EMAIL_PORT", "1025"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", "Gemeente Voorbeeld <noreply@gemeente-voorbeeld.example>"
)
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "30"))
KCC_INBOUND_EMAIL = env("KCC_INBOUND_EMAIL", "info@gemeente-voorbeeld.example")
# The dev mailbox (/dev/mail/) shows what the local mail server received.
KCC_DEV_MAILBOX = Path(env("KCC_DEV_MAILBOX", str(embedded.DATA_DIR / "mail")))
KCC_DEV_MAILBOX_ENABLED = DEV or TESTING

# --- Outbox ---------------------------------------------------------------
# A bericht that fails permanently (e.g. a refused recipient) is parked (mislukt)
# after this many attempts; transient failures (server down) are retried forever.
KCC_OUTBOX_MAX_ATTEMPTS = int(env("KCC_OUTBOX_MAX_ATTEMPTS", "5"))
# Retry delay after the first failure; it doubles per attempt, up to the maximum.
KCC_OUTBOX_BACKOFF_SECONDS = int(env("KCC_OUTBOX_BACKOFF_SECONDS", "30"))
KCC_OUTBOX_BACKOFF_MAX_SECONDS = int(env("KCC_OUTBOX_BACKOFF_MAX_SECONDS", "3600"))
# A bericht handed to Celery is left alone by the sweep this long.
KCC_OUTBOX_LEASE_SECONDS = int(env("KCC_OUTBOX_LEASE_SECONDS", "60"))
# Hints to Celery (a receipt to render) are gathered this long per process and sent as
# one message (kcc/hints.py); 0 sends each at once.
KCC_HINT_BATCH_SECONDS = float(env("KCC_HINT_BATCH_SECONDS", "0.2"))
# A bericht waiting for its attachment (a receipt PDF) goes without it after this long.
KCC_OUTBOX_BIJLAGE_WAIT_SECONDS = int(env("KCC_OUTBOX_BIJLAGE_WAIT_SECONDS", "600"))
# /readyz turns red when the oldest unsent bericht is older than this.
KCC_OUTBOX_MAX_LAG_SECONDS = int(env("KCC_OUTBOX_MAX_LAG_SECONDS", "300"))
# A delivery task sends at most this many berichten over one connection, for at
# most this long: a worker that dies mid-batch resends at most one batch.
KCC_OUTBOX_BATCH_SIZE = int(env("KCC_OUTBOX_BATCH_SIZE", "100"))
KCC_OUTBOX_BATCH_SECONDS = float(env("KCC_OUTBOX_BATCH_SECONDS", "30"))
# SMTP connections a batch is spread over, side by side.
KCC_OUTBOX_SMTP_CONNECTIONS = int(env("KCC_OUTBOX_SMTP_CONNECTIONS", "4"))
# Per-kanaal delivery rates, messages per second ("sms=10,email=200"); none: no limit.
KCC_OUTBOX_RATE_LIMITS = env_list("KCC_OUTBOX_RATE_LIMITS")
KCC_OUTBOX_RATE_BURST_SECONDS = float(env("KCC_OUTBOX_RATE_BURST_SECONDS", "1"))
# SMS gateway: "http" (a provider) in production; "file" or "console" elsewhere.
KCC_SMS_BACKEND = env("KCC_SMS_BACKEND", "http" if KCC_ENV == "production" else "file")
KCC_SMS_URL = env("KCC_SMS_URL")
KCC_SMS_API_KEY = env("KCC_SMS_API_KEY")
KCC_SMS_SENDER = env("KCC_SMS_SENDER", "Gemeente")
KCC_SMS_TIMEOUT = float(env("KCC_SMS_TIMEOUT", "10"))
KCC_SMS_FILE = Path(env("KCC_SMS_FILE", str(embedded.DATA_DIR / "sms.jsonl")))
KCC_SMS_DEFAULT_REGION = env("KCC_SMS_DEFAULT_REGION", "NL")

# --- Business calendar ------------------------------------------------------
# Opening hours on werkdagen: "hours" terms (callbacks) count only these.
KCC_OPENINGSTIJDEN = env("KCC_OPENINGSTIJDEN", "08:30-17:00")


def _service_level(value: str) -> tuple[float, int]:
    """ "80/30" = 80% answered within 30 seconds."""
    share, seconds = value.split("/")
    return int(share) / 100, int(seconds)


# Staffing forecast (Erlang C): the service level to plan for and the handling time
# to assume when there is no measured one (phone takes the measured call duration).
KCC_SERVICENIVEAU = {
    "telefoon": _service_level(env("KCC_SERVICENIVEAU_TELEFOON", "80/30")),
    "chat": _service_level(env("KCC_SERVICENIVEAU_CHAT", "80/60")),
}
KCC_AFHANDELTIJD_SECONDEN = {
    "telefoon": int(env("KCC_AFHANDELTIJD_TELEFOON", "300")),
    "chat": int(env("KCC_AFHANDELTIJD_CHAT", "480")),
}
KCC_CHAT_GELIJKTIJDIG = int(env("KCC_CHAT_GELIJKTIJDIG", "2"))
# --- Inbound e-mail (kanalen) ---------------------------------------------
# A bigger message is kept as raw file and quarantined without parsing its body.
KCC_EMAIL_MAX_MESSAGE_BYTES = int(env("KCC_EMAIL_MAX_MESSAGE_BYTES", str(35 * 1024 * 1024)))
# A bigger attachment is dropped (with a note on the item); the mail is kept.
KCC_EMAIL_MAX_ATTACHMENT_BYTES = int(env("KCC_EMAIL_MAX_ATTACHMENT_BYTES", str(25 * 1024 * 1024)))
# Attachments of these types (sniffed from the content) are dropped with a note.
KCC_EMAIL_BLOCKED_ATTACHMENT_TYPES = env_list(
    "KCC_EMAIL_BLOCKED_ATTACHMENT_TYPES",
    "application/x-msdownload,application/x-executable,application/x-sharedlib,"
    "application/x-mach-binary,application/vnd.microsoft.portable-executable",
)
# More Received headers than this means the mail is going round in a loop.
KCC_EMAIL_MAX_RECEIVED_HEADERS = int(env("KCC_EMAIL_MAX_RECEIVED_HEADERS", "30"))
# IMAP polling runs (from Celery beat) only when KCC_IMAP_HOST is set.
KCC_IMAP_HOST = env("KCC_IMAP_HOST")
KCC_IMAP_SSL = env_bool("KCC_IMAP_SSL", True)
KCC_IMAP_PORT = int(env("KCC_IMAP_PORT", "993" if KCC_IMAP_SSL else "143"))
KCC_IMAP_USER = env("KCC_IMAP_USER")
KCC_IMAP_PASSWORD = env("KCC_IMAP_PASSWORD")
KCC_IMAP_FOLDER = env("KCC_IMAP_FOLDER", "INBOX")
KCC_IMAP_POLL_SECONDS = int(env("KCC_IMAP_POLL_SECONDS", "60"))
if KCC_IMAP_HOST:
    CELERY_BEAT_SCHEDULE["kanalen-poll-imap"] = {
        "task": "kanalen.tasks.poll_imap_mailbox",
        "schedule": timedelta(seconds=KCC_IMAP_POLL_SECONDS),
    }
CELERY_BEAT_SCHEDULE["kanalen-afspraak-herinneringen"] = {
    "task": "kanalen.tasks.send_afspraak_herinneringen",
    "schedule": timedelta(minutes=30),
}
CELERY_BEAT_SCHEDULE["kanalen-afspraak-no-show"] = {
    "task": "kanalen.tasks.mark_afspraken_no_show",
    "schedule": timedelta(minutes=5),
}
# --- Public web forms (kanalen) ----------------------------------------------
# Questions without a product (and products without an afdeling) go to this afdeling (code).
KCC_WEBFORMULIER_AFDELING = env("KCC_WEBFORMULIER_AFDELING", "kcc")
# Sent sooner after the form was shown: a bot; the visitor is asked to send it again.
KCC_WEBFORMULIER_MIN_SECONDS = int(env("KCC_WEBFORMULIER_MIN_SECONDS", "3"))
# At most this many submissions per IP address per window (seconds).
KCC_WEBFORMULIER_RATE_LIMIT = int(env("KCC_WEBFORMULIER_RATE_LIMIT", "10"))
KCC_WEBFORMULIER_RATE_WINDOW = int(env("KCC_WEBFORMULIER_RATE_WINDOW", "3600"))

# --- Organisation / theme -------------------------------------------------
KCC_ORGANISATION_NAME = env("KCC_ORGANISATION_NAME", "Gemeente Voorbeeld")
KCC_THEME_CSS = env("KCC_THEME_CSS", "kcc/theme.css")
KCC_LOGO = env("KCC_LOGO", "kcc/logo.svg")
# The return address on letters, lines separated by commas.
KCC_ORGANISATION_POSTADRES = env("KCC_ORGANISATION_POSTADRES", "Postbus 1000, 1000 AA Voorbeeld")

# --- API ------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "kcc.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["kcc.api.permissions.IsStaffMember"],
    "DEFAULT_PARSER_CLASSES": [
        "kcc.api.parsers.Utf8JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "kcc.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "kcc.api.exceptions.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "KCC API",
    "DESCRIPTION": "API van het Klant Contact Centrum (KCC).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "InkomendeEmailStatusEnum": "kanalen.models.InkomendeEmail.Status",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "kcc.api.schema.document_error_responses",
    ],
}
# An Idempotency-Key is remembered this long.
KCC_IDEMPOTENCY_TTL = timedelta(hours=int(env("KCC_IDEMPOTENCY_TTL_HOURS", "24")))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    # aiosmtpd logs every SMTP command of the dev mail server at INFO.
    "loggers": {"axes": {"level": "WARNING"}, "mail.log": {"level": "WARNING"}},
}

# --- Base registers (contacts/registers.py) -------------------------------
# Empty URL: the local register from contacts/data/ (demo and tests).
KCC_BRP_URL = env("KCC_BRP_URL")
KCC_BRP_API_KEY = env("KCC_BRP_API_KEY")
KCC_KVK_URL = env("KCC_KVK_URL")
KCC_KVK_API_KEY = env("KCC_KVK_API_KEY")
# contacts: choice sets shared by several fields keep one schema name each.
SPECTACULAR_SETTINGS.setdefault("ENUM_NAME_OVERRIDES", {}).update(
    {
        "KanaalEnum": "contacts.models.Kanaal",
        "AfhandelingEnum": "contacts.models.Afhandeling",
        "PartijSoortEnum": "contacts.models.Partij.Soort",
        "PartijIdentificatorSoortEnum": "contacts.models.PartijIdentificator.Soort",
        "DigitaalAdresSoortEnum": "contacts.models.DigitaalAdres.Soort",
        "ContactverzoekStatusEnum": "contacts.models.Contactverzoek.Status",
    }
)
# A contact about the same subject within this many days makes the earlier one
# "not resolved in one contact" (true first-contact resolution).
KCC_FCR_DAYS = int(env("KCC_FCR_DAYS", "7"))
# After a contact on these kanalen, a partij with an e-mail address gets a one-question
# satisfaction survey; at most once per partij per KCC_TEVREDENHEID_DAGEN days.
KCC_TEVREDENHEID_KANALEN = env_list("KCC_TEVREDENHEID_KANALEN", "telefoon,balie,e-mail,chat")
KCC_TEVREDENHEID_DAGEN = int(env("KCC_TEVREDENHEID_DAGEN", "30"))

# --- Zaken ------------------------------------------------------------------
# The zaaknummer: {jaar} and {nummer} (a Postgres sequence per year; a rolled-back
# intake leaves a gap).
KCC_ZAAK_IDENTIFICATIE = env("KCC_ZAAK_IDENTIFICATIE", "ZAAK-{jaar}-{nummer:07d}")
KCC_ZAAK_DOCUMENT_MAX_BYTES = int(env("KCC_ZAAK_DOCUMENT_MAX_MB", "20")) * 1024 * 1024
# Customer status page: requests per IP address per minute.
KCC_ZAAK_STATUSPAGINA_PER_MINUUT = int(env("KCC_ZAAK_STATUSPAGINA_PER_MINUUT", "30"))
# A zaak is "nearly due" this many days before its deadline.
KCC_ZAAK_BIJNA_TE_LAAT_DAGEN = int(env("KCC_ZAAK_BIJNA_TE_LAAT_DAGEN", "3"))
# The afdeling a backoffice hands a zaak back to.
KCC_AFDELING_CODE = env("KCC_AFDELING_CODE", "kcc")
# Where customers reach KCC's public pages (links in e-mails and the receipt).
KCC_PUBLIC_URL = env("KCC_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")

# --- Telephony screen-pop (kanalen.telefonie) -----------------------------
# An event stream ends after this long and the browser reconnects, so that a
# (threaded) worker is never held by one browser for ever.
KCC_SSE_STREAM_SECONDS = float(env("KCC_SSE_STREAM_SECONDS", "55"))
KCC_SSE_HEARTBEAT_SECONDS = float(env("KCC_SSE_HEARTBEAT_SECONDS", "15"))
# Live chat (kanalen.chat): "openingstijden" (werkdagen within KCC_OPENINGSTIJDEN),
# "altijd" or "gesloten" (for example when nobody can staff it).
KCC_CHAT_OPEN = env("KCC_CHAT_OPEN", "openingstijden")
# Origin of the ASGI server (uvicorn) that holds the chat streams, when it is not the
# page's own origin (a reverse proxy routing /chat/*/events and /kanalen/chat/events
# to it leaves this empty). `make run` sets it to http://127.0.0.1:8001.
KCC_SSE_URL = env("KCC_SSE_URL", "").rstrip("/")
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"].update(
    {
        "TelefoongesprekStatusEnum": "kanalen.models.Telefoongesprek.Status",
        "TicketStatusEnum": "kanalen.models.Ticket.Status",
    }
)
