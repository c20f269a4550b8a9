"""WSGI entry point for gunicorn."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()
# What the worker loaded to serve (Django, the apps, their modules) lives as long as it does: moved out of the
# collector's generations, a full collection no longer walks it, which was a pause of tens of milliseconds.
gc.freeze()
