"""The Celery application; every option is a CELERY_* Django setting."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("dondoc")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Jobs live in <app>/jobs.py so that tasks/ never holds a tasks.py (see STYLE.md).
app.autodiscover_tasks(related_name="jobs")
