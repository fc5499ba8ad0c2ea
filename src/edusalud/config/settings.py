"""Settings for every deployment; each deployment value comes from the environment.

The README lists every variable read here.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from edusalud.config.env import env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(Path.cwd() / "var"))).resolve()

DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Only for a developer's machine: never used with DEBUG off.
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI and Redoc from our own static files
    "simple_history",
    "axes",
    "csp",
    "django_countries",
    "edusalud.core",
    "edusalud.accounts",
    "edusalud.catalog",
    "edusalud.residents",
    "edusalud.exchange",
    "edusalud.admissions",
    "edusalud.training",
    "edusalud.conduct",
    "edusalud.practices",
    "edusalud.surveys",
    "edusalud.dashboards",
    "edusalud.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "edusalud.core.middleware.SpanishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "edusalud.core.middleware.PrivateResponseMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After the messages: it tells why the session ended.
    "edusalud.accounts.middleware.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns lockouts into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "edusalud.config.urls"
WSGI_APPLICATION = "edusalud.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "edusalud.accounts.context_processors.navigation",
                "edusalud.admissions.context_processors.application",
                "edusalud.conduct.context_processors.pending_codes",
            ],
        },
    },
]

# SQLite under var/ unless DATABASE_URL names another database (PostgreSQL in production).
_default_db = f"sqlite:///{VAR_DIR / 'edusalud.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(env_str("DATABASE_URL") or _default_db, conn_max_age=60)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets pages read while the demo loader or an import writes. The
        # default page cache (2 MB) is far smaller than a national dataset: the
        # dashboards' aggregates went from 10x to 25x slower with 10x the rows.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA cache_size=-65536; PRAGMA mmap_size=268435456; PRAGMA temp_store=MEMORY;"
        ),
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background jobs: a Celery worker fed by Redis in production; without
# REDIS_URL every task runs in-process, so `make run` needs nothing else.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True  # jobs keep their own state (e.g. exchange.ImportJob)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# Uploads: a file is read whole, so its size is capped, and an XLSX (a ZIP
# archive) is refused before decompression when it would inflate beyond the cap.
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 20_000_000)
IMPORT_MAX_INFLATED_BYTES = env_int("IMPORT_MAX_INFLATED_BYTES", 100_000_000)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 100_000)

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
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
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Locked out per account and, separately, per IP address; the order matters to
# accounts.lockout, which lets an IP fail more often (a hospital's staff share
# one public address). The lock lifts by itself after the cool-off.
AXES_HANDLER = "edusalud.accounts.lockout.LockoutHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_IP_FAILURE_LIMIT = env_int("AXES_IP_FAILURE_LIMIT", 50)
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False  # its start-up banner would pollute `edusalud ... --json` output

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboards:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "es-mx"
LANGUAGES = [("es-mx", _("Spanish (Mexico)")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "America/Mexico_City"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
# Files the product writes (an edition's certificates as a ZIP): served only by
# views that check who asks, never as static files.
MEDIA_ROOT = VAR_DIR / "files"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# In development WhiteNoise serves straight from the apps' static folders;
# in production from STATIC_ROOT, filled by `edusalud collectstatic`.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# The API (/api/v1/): the browser's session or another system's token
# (accounts.api; first, so that a request without credentials gets a 401).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "edusalud.accounts.api.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "edusalud.core.schema.Schema",
    "DEFAULT_PAGINATION_CLASS": "edusalud.core.api.Pagination",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "EXCEPTION_HANDLER": "edusalud.core.api.exception_handler",
    # JSON only: the browsable API would need inline scripts, which the CSP refuses.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "edusalud API",
    "DESCRIPTION": "Catalog, residents and indicators, with the same scope rules as the pages.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "ENUM_NAME_OVERRIDES": {
        "EnrolmentStatusEnum": "edusalud.residents.enums.EnrolmentStatus",
    },
}

# Sessions end after 30 idle minutes and, whatever the activity, 12 hours after
# the login (accounts.middleware); Django gives a new session id at login.
SESSION_IDLE_SECONDS = 30 * 60
SESSION_COOKIE_AGE = 12 * 60 * 60
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = True

SECURE_SSL_REDIRECT = env_bool("SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
if env_bool("BEHIND_TLS_PROXY", default=False):
    # Only behind a proxy that sets this header itself: otherwise a client could forge it.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Scripts only from our own static files: no inline script or handler, no CDN.
# Inline style attributes stay allowed (charts' bar widths, the admin's
# templates); a style cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "edusalud@localhost")
# Where e-mails sent by background jobs point (links to set a password): no request to ask.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
# Who gives course certificates (printed on them and named in their Open Badges issuer).
CERTIFICATE_ISSUER = env_str("CERTIFICATE_ISSUER", "Coordinación de Educación en Salud")
CERTIFICATE_ISSUER_EMAIL = env_str("CERTIFICATE_ISSUER_EMAIL", "educacion.salud@localhost")
# Processes that render an edition's certificates into one ZIP (one per core).
CERTIFICATE_RENDER_WORKERS = env_int("CERTIFICATE_RENDER_WORKERS", 2)
# Lookups of the public verification page per minute and client address.
CERTIFICATE_LOOKUPS_PER_MINUTE = env_int("CERTIFICATE_LOOKUPS_PER_MINUTE", 30)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
