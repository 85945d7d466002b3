"""
/healthz for load balancers and container health checks, written by `djship init`.

It is the first middleware, so it answers before anything reads the Host header (ALLOWED_HOSTS) or
redirects to HTTPS: a probe that sends an IP address as Host, over plain HTTP, still gets its
answer. It reports 200 when the database and the cache answer, 503 otherwise, and nothing else.
"""

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse

HEALTH_PATH = "/healthz"


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != HEALTH_PATH:
            return self.get_response(request)
        checks = {"database": _database_ok(), "cache": _cache_ok()}
        status = 200 if all(checks.values()) else 503
        return JsonResponse({"status": "ok" if status == 200 else "unavailable", **checks}, status=status)


def _database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:  # noqa: BLE001 - any failure means unhealthy
        return False


def _cache_ok():
    try:
        cache.set("djship-healthz", "1", 5)
        return cache.get("djship-healthz") == "1"
    except Exception:  # noqa: BLE001
        return False
