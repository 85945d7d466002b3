from .base import *  # noqa: F403
from .base import INSTALLED_APPS, MIDDLEWARE, env

DEBUG = env.bool("DEBUG", default=True)

if DEBUG:
    INSTALLED_APPS += ["django.contrib.admindocs"]
    MIDDLEWARE += ["django.contrib.admindocs.middleware.XViewMiddleware"]

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
INTERNAL_IPS = ["127.0.0.1"]
