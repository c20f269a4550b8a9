"""Settings shared by every environment, read from the environment through django-environ."""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = Path(environ.Env().str("DONDOC_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
SITE_URL = env.str("DONDOC_SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "axes",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "agencies",
    "directives",
    "tasks",
    "reports",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "agencies.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF, the first to read request.POST: a view may take more fields than the site-wide limit.
    "agencies.middleware.ViewPostFieldLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes last: it must see the authenticated user and every failed login.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
# A refused CSRF check gets the site's own page, in Vietnamese, not Django's technical one.
CSRF_FAILURE_VIEW = "config.views.csrf_failure"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "agencies.context_processors.notifications",
                "reports.context_processors.inbox",
            ],
        },
    },
]


def database(url: str) -> dict:
    """The DATABASES entry for a URL. On PostgreSQL the JIT compiler is off (DJANGO_PG_JIT=on turns it back on):
    a list's plan over 20,000 assignments costs more than jit_above_cost, and compiling it took 770 ms of an 830 ms
    query that runs in 50 ms without it (bench/api.py); short OLTP queries never repay it."""
    config = env.db_url_config(url)
    if config["ENGINE"] == "django.db.backends.postgresql" and not env.bool("DJANGO_PG_JIT", default=False):
        options = config.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()
    return config


DATABASES = {
    "default": database(env.str("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'dondoc.sqlite3'}")),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "agencies.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling (django-axes): lock a username + address pair after repeated failures.
AXES_FAILURE_LIMIT = env.int("DONDOC_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("DONDOC_LOGIN_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The empty choice of the list filters' selects (django-filter's default is "---------").
FILTERS_EMPTY_CHOICE_LABEL = _("All")
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Dates as dd/mm/yyyy whatever the language (formats/ overrides Django's per-locale formats).
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
# Third-party assets come from node_modules, installed from package-lock.json at set-up.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    # Bootstrap's CSS trimmed to the classes the site uses, built at set-up (purgecss.config.cjs).
    ("vendor/bootstrap-trimmed", BASE_DIR / "build" / "bootstrap"),
    ("vendor/chartjs", NODE_MODULES / "chart.js" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = Path(env.str("DONDOC_MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/media/"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

EMAIL_BACKEND = env.str("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env.str("DJANGO_EMAIL_HOST", default="127.0.0.1")
EMAIL_PORT = env.int("DJANGO_EMAIL_PORT", default=25)
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="Đôn đốc <dondoc@localhost>")

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=env.str("REDIS_URL", default="redis://127.0.0.1:6379/0"))
SERIALIZATION_MODULES = {"fulljson": "agencies.backup_format"}  # manage.py backup / restore

CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Faults (tests/tasks/test_faults_celery.py). Jobs are acknowledged after they ran (ACKS_LATE), so a worker
# killed mid-job leaves its message unacknowledged in Redis: Redis hands it to a worker again once it has
# been unacknowledged for the visibility timeout (longer than any job runs), checked every restore interval.
# Running a job twice is safe: the reminder scan and the digests are idempotent (their ledgers).
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    "unacked_restore_interval": env.int("CELERY_UNACKED_RESTORE_INTERVAL", default=60),
    "unacked_restore_throttle": 1,
}
# A publish while Redis restarts waits for it (up to about a minute) instead of failing the job that queues
# it after its work was committed: the digests the scan queues are not lost to a broker restart.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 12, "interval_start": 0, "interval_step": 1, "interval_max": 5}
# Beat, in local time (CELERY_TIMEZONE); a missed day is caught up by the next run of each job.
DONDOC_REMINDER_HOUR = env.int("DONDOC_REMINDER_HOUR", default=7)
# Caches. "lists" keeps the API's assignment list pages (api.list_cache) under the lists' data version
# (tasks.list_version), "pages" the main HTML pages per session under the pages' version (agencies.page_cache):
# whichever process writes changes them, so every process must share them, here folders (the embedded default runs
# several processes), Redis in production.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "lists": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache" / "lists"),
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
    "pages": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache" / "pages"),
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}

CELERY_BEAT_SCHEDULE = {
    # The reminder scan and the daily digests, once a day at a local hour.
    "daily-reminders": {
        "task": "tasks.jobs.daily_reminders",
        "schedule": crontab(hour=DONDOC_REMINDER_HOUR, minute=0),
    },
    # Reporting periods created ahead, early in the morning.
    "reports-generate-periods": {
        "task": "reports.jobs.generate_periods",
        "schedule": crontab(hour=0, minute=30),
    },
}

# Domain settings.
DONDOC_DUE_SOON_DAYS = env.int("DONDOC_DUE_SOON_DAYS", default=3)

# Evidence uploads: each file at most DONDOC_MAX_UPLOAD_BYTES; the first upload handler stops keeping a
# file's bytes past that size, so an oversized file gets a form error instead of filling the disk.
DONDOC_MAX_UPLOAD_BYTES = env.int("DONDOC_MAX_UPLOAD_BYTES", default=20 * 1024 * 1024)
DONDOC_MAX_FILES_PER_UPDATE = env.int("DONDOC_MAX_FILES_PER_UPDATE", default=5)
FILE_UPLOAD_HANDLERS = [
    "tasks.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Files above this are spooled to a temporary file rather than held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2621440
# Form fields other than files (reports are text, not books); a larger body gets the friendly 400 page.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 20
DONDOC_DEMO_PASSWORD = "dondoc-demo"  # noqa: S105  (demo seed only, documented in README)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
}

# Periodic reports: the place written on official documents ("Hòa Bình, ngày ...").
DONDOC_PLACE_NAME = env.str("DONDOC_PLACE_NAME", default="Hòa Bình")

# Webhooks (api/webhooks.py): attempts before a delivery is logged failed, the first retry's delay (doubling),
# the receiver's time to answer; receivers on loopback or private addresses only where a province allows them.
DONDOC_WEBHOOK_ATTEMPTS = env.int("DONDOC_WEBHOOK_ATTEMPTS", default=6)
DONDOC_WEBHOOK_BACKOFF_SECONDS = env.int("DONDOC_WEBHOOK_BACKOFF_SECONDS", default=60)
DONDOC_WEBHOOK_TIMEOUT = env.int("DONDOC_WEBHOOK_TIMEOUT", default=10)
DONDOC_WEBHOOK_ALLOW_INTERNAL = env.bool("DONDOC_WEBHOOK_ALLOW_INTERNAL", default=False)

# The REST API (api/): tokens or the browser's session (with CSRF), problem documents, one budget per token.
DONDOC_API_RATE = env.str("DONDOC_API_RATE", default="1200/min")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.tokens.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "api.views.common.Pagination",
    "DEFAULT_THROTTLE_CLASSES": ["api.views.common.TokenRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.problems.problem_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Đôn đốc API",
    "DESCRIPTION": "Directives, tasks, assignments and reports, as their pages show them to the token's user.",
    "VERSION": "1.0.0",
    "SCHEMA_PATH_PREFIX": "/api/v1/",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    # No CDN: the documentation page's JavaScript and CSS come from drf-spectacular-sidecar's static files.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "DirectiveKindEnum": "directives.models.Directive.Kind",
        "PeriodKindEnum": "reports.models.ReportPeriod.Kind",
        "WebhookEventEnum": "api.webhook_models.WebhookEvent",
        "DeliveryStatusEnum": "api.webhook_models.WebhookDelivery.Status",
        "AssignmentStatusEnum": "tasks.timeliness.Status",
    },
}
