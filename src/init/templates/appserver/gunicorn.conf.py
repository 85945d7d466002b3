"""
Gunicorn for {{project}}, written by `djship init`. Every value can be overridden from the
environment (GUNICORN_CMD_ARGS, WEB_CONCURRENCY), so one file serves every environment.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# WEB_CONCURRENCY is set explicitly in production; without it, two workers per CPU plus one
# (Gunicorn's own advice), capped so a big machine does not exhaust PostgreSQL's connections.
workers = int(os.environ.get("WEB_CONCURRENCY", min(multiprocessing.cpu_count() * 2 + 1, 8)))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# {{#if asgi}}
# ASGI through uvicorn-worker, the maintained home of the worker (uvicorn.workers is deprecated).
worker_class = "uvicorn_worker.UvicornWorker"
# {{/if}}
wsgi_app = "{{application}}"

# Below the proxy's proxy_read_timeout (60 s in the nginx site), so Gunicorn answers first.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so a slow leak never takes the site down.
max_requests = 1000
max_requests_jitter = 100

# Trust X-Forwarded-* only from the proxy in front (its address in the compose network or localhost).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Temporary files in memory: container file systems can be slow or read-only.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
