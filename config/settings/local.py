"""The embedded default: SQLite, Celery on the filesystem broker, e-mail written to files."""

from .base import *  # noqa: F403
from .base import MIDDLEWARE, STORAGES, VAR_DIR, env

# SQLite, the broker's folders and the mail folder live here; a fresh clone has none of them yet.
for folder in ("", "celery/queue", "celery/processed", "celery/control", "mail"):
    (VAR_DIR / folder).mkdir(parents=True, exist_ok=True)

# Off unless asked for (DJANGO_DEBUG=1): a debug page shows every URL pattern and settings to whoever reaches it.
DEBUG = env.bool("DJANGO_DEBUG", default=False)
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]
if DEBUG:
    # Django's development server: whitenoise serves the files from the finders, as they change.
    WHITENOISE_USE_FINDERS = True
    WHITENOISE_AUTOREFRESH = True
else:
    # As production serves them: collected at start-up (bin/run-local), compressed, under hashed names with
    # far-future cache headers (an uncompressed Chart.js and stylesheet cost the dashboard 1.5 s of first paint).
    STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="local-only-insecure-key-do-not-use-in-production")

# kombu's filesystem transport needs no server; in and out share one folder (MACHINE-NOTES.md).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://localhost//")
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "data_folder_in": str(VAR_DIR / "celery" / "queue"),
    "data_folder_out": str(VAR_DIR / "celery" / "queue"),
    "processed_folder": str(VAR_DIR / "celery" / "processed"),
    "store_processed": False,
    # The exchange tables (broadcast, pidbox) too; by default kombu writes them to ./control.
    "control_folder": str(VAR_DIR / "celery" / "control"),
}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celery" / "beat-schedule")

EMAIL_BACKEND = env.str("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = str(VAR_DIR / "mail")
