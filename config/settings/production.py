"""Production: PostgreSQL, Redis, SMTP, whitenoise; no secret has a default."""

from .base import *  # noqa: F403
from .base import MIDDLEWARE, database, env

DEBUG = False
# No default: a missing secret stops start-up instead of running with a known key.
SECRET_KEY = env.str("DJANGO_SECRET_KEY")
DATABASES = {"default": database(env.str("DATABASE_URL"))}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=env.str("REDIS_URL"))
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env.str("REDIS_URL"),
    },
    # The API lists' pages (api.list_cache); DONDOC_LISTS_CACHE=off computes every page (bench/api.py's cold run).
    "lists": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env.str("REDIS_URL"),
    }
    if env.str("DONDOC_LISTS_CACHE", default="on") != "off"
    else {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    # The main pages, per session (agencies.page_cache); DONDOC_PAGES_CACHE=off computes every page.
    "pages": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env.str("REDIS_URL"),
    }
    if env.str("DONDOC_PAGES_CACHE", default="on") != "off"
    else {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# whitenoise serves the collected static files right after SecurityMiddleware.
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
# Sessions read from Redis (the default cache, shared by every process), written through to the database: a page
# kept per session (agencies.page_cache) then costs one query, the user's. Not locally: there the default cache is
# each process's own memory, where a session ended in one process would live on in another.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_USE_TLS = env.bool("DJANGO_EMAIL_USE_TLS", default=False)
EMAIL_HOST_USER = env.str("DJANGO_EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("DJANGO_EMAIL_HOST_PASSWORD", default="")
