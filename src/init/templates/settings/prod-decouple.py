# {{#if module}}
"""
Production settings, written by `djship init`: everything secret or deployment-specific comes from
the environment (see .env.example for every variable). Run with
DJANGO_SETTINGS_MODULE={{productionModule}}; `manage.py check --deploy` passes with no warning.
"""

from .base import *  # noqa: F403

# {{/if}}
import os

import dj_database_url
from decouple import Csv, config


class MissingVariable(Exception):
    """A required variable is not set. Deliberately not ImproperlyConfigured: manage.py catches that
    one while it loads the settings, goes on, and then fails with an unrelated AppRegistryNotReady
    that does not name the variable."""


class AmbiguousVariable(Exception):
    """NAME and NAME_FILE are both set (not empty): which one is meant cannot be told (a stale NAME
    left beside a rotated secret file, or the other way round), so neither is used."""


def _secret(name, **kwargs):
    """NAME as decouple reads it (the environment, then .env or settings.ini), or the contents of the
    file NAME_FILE names (a mounted secret). Both set is an error, as in the official Docker images'
    entrypoints; an empty NAME (as .env.example leaves it) is not set. Without a default, required."""
    path = os.environ.get(name + "_FILE")
    if path:
        if config(name, default=""):
            raise AmbiguousVariable(name + " and " + name + "_FILE are both set: set only one of them")
        with open(path) as file:
            value = file.read().strip()
        return kwargs["cast"](value) if "cast" in kwargs else value
    if "default" not in kwargs and not config(name, default=""):
        raise MissingVariable("Set the " + name + " environment variable (or " + name + "_FILE, a file holding it)")
    return config(name, **kwargs)


DEBUG = False

# Required: Django refuses to start without it ("Set the DJANGO_SECRET_KEY environment variable").
SECRET_KEY = _secret("DJANGO_SECRET_KEY")
# Rotation: put the old key here while sessions and signed values made with it expire.
SECRET_KEY_FALLBACKS = _secret("DJANGO_SECRET_KEY_FALLBACKS", default="", cast=Csv())

ALLOWED_HOSTS = config("DJANGO_ALLOWED_HOSTS", cast=Csv())
# The origins forms are posted from; behind TLS Django compares them with the Origin header. An
# allowed host ".example.com" (the domain and every subdomain) is the origin "https://*.example.com".
CSRF_TRUSTED_ORIGINS = config(
    "DJANGO_CSRF_TRUSTED_ORIGINS",
    default=",".join("https://" + ("*" + host if host.startswith(".") else host) for host in ALLOWED_HOSTS if host != "*"),
    cast=Csv(),
)

# HTTPS. The proxy terminates TLS and says so in X-Forwarded-Proto (it overwrites what the client
# sent), so Django knows a request was secure. HSTS is set here only, not again in the proxy.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = config("DJANGO_SECURE_SSL_REDIRECT", default=True, cast=bool)
SECURE_HSTS_SECONDS = 31536000  # one year
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preloading is a promise to browsers that is slow to undo: opt in deliberately, then set
# SECURE_HSTS_PRELOAD = True and remove security.W021 below.
SECURE_HSTS_PRELOAD = False
# {{#if baseSilenced}}
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W021"]  # noqa: F405
# {{else}}
SILENCED_SYSTEM_CHECKS = ["security.W021"]
# {{/if}}
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Middleware: the health check first (answered before host validation and the HTTPS redirect, so a
# load balancer probing by IP over HTTP gets 200), WhiteNoise right after SecurityMiddleware.
_SECURITY = "django.middleware.security.SecurityMiddleware"
_WHITENOISE = "whitenoise.middleware.WhiteNoiseMiddleware"
MIDDLEWARE = [m for m in MIDDLEWARE if m not in ("{{package}}.healthz.HealthCheckMiddleware", _WHITENOISE)]  # noqa: F405
if _SECURITY not in MIDDLEWARE:
    MIDDLEWARE.insert(0, _SECURITY)
MIDDLEWARE.insert(MIDDLEWARE.index(_SECURITY) + 1, _WHITENOISE)
MIDDLEWARE.insert(0, "{{package}}.healthz.HealthCheckMiddleware")
# {{#if djangoCspMiddleware}}
MIDDLEWARE.append("csp.middleware.CSPMiddleware")
# {{/if}}
# {{#if djangoOwnCsp}}
MIDDLEWARE.append("django.middleware.csp.ContentSecurityPolicyMiddleware")
# {{/if}}

# PostgreSQL. DATABASE_URL: postgres://USER:PASSWORD@HOST:PORT/NAME
DATABASES = {"default": dj_database_url.parse(_secret("DATABASE_URL"))}
# {{#if djangoPool}}
# Django's own connection pool (psycopg 3, Django >= 5.1): one pool per worker process, so the
# server's max_connections must cover replicas x WEB_CONCURRENCY x DATABASE_POOL_MAX_SIZE. The pool
# needs CONN_MAX_AGE = 0, and must not sit behind pgbouncer (one pooler only).
DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
    "min_size": 1,
    "max_size": config("DATABASE_POOL_MAX_SIZE", default=4, cast=int),
    "timeout": 10,
}
# {{else}}
# Pooling is pgbouncer's, in transaction mode (compose.production.yaml): Django keeps its
# connection to pgbouncer open, and server-side cursors are off because a transaction-mode pooler
# cannot keep them across transactions.
DATABASES["default"]["CONN_MAX_AGE"] = config("DATABASE_CONN_MAX_AGE", default=60, cast=int)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
# {{/if}}

# Redis, shared by every process (the built-in backend, Django >= 4.0).
CACHES = {
    "default": {
        "BACKEND": "{{cacheBackend}}",
        "LOCATION": _secret("REDIS_URL"),
    }
}
# {{#if celery}}
# Celery's broker is the same Redis (compose runs it with noeviction, so no queued task is dropped),
# never the broker address the development settings name.
CELERY_BROKER_URL = CACHES["default"]["LOCATION"]
# {{/if}}
# {{#if channels}}

# Channels: the channel layer on Redis, so a group reaches every web process of every replica
# (the in-memory layer only reaches its own process).
CHANNEL_LAYERS = {
    "default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {"hosts": [_secret("REDIS_URL")]},
    }
}
# {{/if}}

# Static files: hashed names and compressed copies, served by WhiteNoise (and cached for a year by
# the proxy). collectstatic runs at build time and needs no secret.
# {{#unless baseStaticUrl}}
STATIC_URL = "/static/"
# {{/unless}}
STATIC_ROOT = config("DJANGO_STATIC_ROOT", default=os.path.join(BASE_DIR, "staticfiles"))  # noqa: F405
# {{#unless baseMediaUrl}}
MEDIA_URL = "/media/"
# {{/unless}}
# Media live on a volume (compose) or object storage, never in the image.
MEDIA_ROOT = config("DJANGO_MEDIA_ROOT", default=os.path.join(BASE_DIR, "media"))  # noqa: F405
# {{#if storages}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# {{else}}
STATICFILES_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"
# {{/if}}

# Media on object storage (S3-compatible: AWS S3, Scaleway, OVH, MinIO...) through django-storages
# when the bucket is set, so uploads outlive every container and every replica sees the same files;
# otherwise on the media volume at MEDIA_ROOT. Private objects, served through signed URLs that
# expire. The key and its secret may come from NAME_FILE (a mounted secret) or, left empty, from
# the machine's role.
# {{#if objectStorage}}
_MEDIA_BUCKET = _secret("DJANGO_MEDIA_BUCKET")
# {{else}}
_MEDIA_BUCKET = config("DJANGO_MEDIA_BUCKET", default="")
# {{/if}}
if _MEDIA_BUCKET:
    AWS_STORAGE_BUCKET_NAME = _MEDIA_BUCKET
    AWS_S3_ENDPOINT_URL = config("DJANGO_MEDIA_ENDPOINT_URL", default="") or None
    AWS_S3_REGION_NAME = config("DJANGO_MEDIA_REGION", default="") or None
    AWS_S3_ACCESS_KEY_ID = _secret("DJANGO_MEDIA_ACCESS_KEY_ID", default="") or None
    AWS_S3_SECRET_ACCESS_KEY = _secret("DJANGO_MEDIA_SECRET_ACCESS_KEY", default="") or None
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = True
    AWS_S3_FILE_OVERWRITE = False
    # {{#if storages}}
    STORAGES["default"] = {"BACKEND": "storages.backends.s3boto3.S3Boto3Storage"}
    # {{else}}
    DEFAULT_FILE_STORAGE = "storages.backends.s3boto3.S3Boto3Storage"
    # {{/if}}

# Content-Security-Policy in report-only mode: browsers report what the policy would block without
# blocking it. Watch the reports, then enforce it by renaming the setting (see the comment below).
# {{#if djangoCsp}}
# django-csp 4: enforce with CONTENT_SECURITY_POLICY instead of CONTENT_SECURITY_POLICY_REPORT_ONLY.
CONTENT_SECURITY_POLICY_REPORT_ONLY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
# {{/if}}
# {{#if djangoCsp3}}
# django-csp 3 (the series for Django < 4.2; 4.0 needs 4.2): enforce with CSP_REPORT_ONLY = False.
CSP_REPORT_ONLY = True
CSP_DEFAULT_SRC = ("'self'",)
CSP_IMG_SRC = ("'self'", "data:")
CSP_FRAME_ANCESTORS = ("'none'",)
CSP_FORM_ACTION = ("'self'",)
# {{/if}}
# {{#if djangoOwnCsp}}
# Django's own CSP (>= 6.0): enforce with SECURE_CSP instead of SECURE_CSP_REPORT_ONLY.
SECURE_CSP_REPORT_ONLY = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}
# {{/if}}

# Logs: one JSON object per line on stdout, for the container runtime or journald to collect.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "{{package}}.jsonlog.JsonFormatter"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}},
    "root": {"handlers": ["stdout"], "level": config("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {"django.security.DisallowedHost": {"level": "ERROR"}},
}

# Error tracking: Sentry when SENTRY_DSN is set.
SENTRY_DSN = _secret("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=config("SENTRY_ENVIRONMENT", default="production"),
        traces_sample_rate=config("SENTRY_TRACES_SAMPLE_RATE", default=0.0, cast=float),
        send_default_pii=False,
    )
