"""The Celery worker of the integration test: the test settings with a real broker and a real SMTP server.

Everything comes from the environment the test gives the worker process: DATABASE_URL (the test database
of the test process), CELERY_BROKER_URL, CELERY_TASK_DEFAULT_QUEUE, DJANGO_EMAIL_HOST/PORT, DONDOC_SITE_URL.
"""

from .base import env
from .test import *  # noqa: F403

CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL")
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="celery")
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_TIMEOUT = 10
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
}
