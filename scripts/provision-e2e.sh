#!/usr/bin/env bash
# Provisions what the end-to-end tests and init's target tests run against, idempotently: nginx,
# caddy, rclone, certbot, openssl, libjs-jquery, docker-compose (Compose 1.29 validates a file against the Compose schema
# with `config`, no daemon needed), systemd (for `systemd-analyze verify`), and for the generated
# stack (test/e2e/stack/) PostgreSQL, pgbouncer and Redis, from Debian; Django (through
# provision.sh); gunicorn and Celery (the examples import
# it) with their dependencies unpacked from bookworm into .cache/py/lib/servers, for Debian's
# /usr/bin/python3 run isolated; what the settings `djship init` writes import (psycopg 3 and its
# pool, redis, django-csp) and uvicorn for ASGI, into .cache/py/lib/stack; and the MDN HTTP Observatory 1.4.8 in its own folder for the
# comparison test — never as a dependency of the package. The tests call this themselves; it is
# quick once done.
# Fails loudly, naming what is missing, when it cannot provide something.
set -euo pipefail
cd "$(dirname "$0")/.."
# Test files run two at a time and each calls this: one at a time (apt and npm take locks of their own).
mkdir -p .cache
exec 9>.cache/provision-e2e.lock
flock 9

missing_pkgs=()
command -v nginx >/dev/null 2>&1 || [[ -x /usr/sbin/nginx ]] || missing_pkgs+=(nginx)
command -v openssl >/dev/null 2>&1 || missing_pkgs+=(openssl)
[[ -x /usr/bin/docker-compose ]] || missing_pkgs+=(docker-compose)
[[ -x /usr/bin/systemd-analyze ]] || missing_pkgs+=(systemd)
# Caddy 2.6 (bookworm): `caddy validate` on the Caddyfile init writes for --proxy caddy, and a
# serving Caddy on loopback in front of gunicorn (test/init/caddy.test.ts).
[[ -x /usr/bin/caddy ]] || missing_pkgs+=(caddy)
# rclone 1.60 (bookworm): the off-host copy of the generated backups, with its own WebDAV server as
# the remote in the stack test (Debian packages no S3 server).
[[ -x /usr/bin/rclone ]] || missing_pkgs+=(rclone)
# certbot 2.1 (bookworm): the renew command lines init writes are checked by the real certbot, and
# its certbot.service (with init's drop-in) by systemd-analyze verify.
[[ -x /usr/bin/certbot ]] || missing_pkgs+=(certbot)
# libjs-jquery: Debian's Django links the admin's jquery.js to it, and collectstatic follows the link.
# postgresql-15 is bookworm's server (initdb, pg_ctl); the tests run their own clusters, never the
# one the package makes.
for pkg in libjs-jquery postgresql pgbouncer redis-server; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing_pkgs+=("$pkg")
done
if [[ ${#missing_pkgs[@]} -gt 0 ]]; then
  if [[ $(id -u) -ne 0 ]]; then
    echo "provision-e2e: missing ${missing_pkgs[*]}; installing needs root (apt-get install ${missing_pkgs[*]})" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || true
  # RUNLEVEL=1 keeps Debian's maintainer scripts from starting a system nginx or caddy on port 80.
  RUNLEVEL=1 apt-get install -y -qq "${missing_pkgs[@]}" >/dev/null ||
    { echo "provision-e2e: apt-get install ${missing_pkgs[*]} failed" >&2; exit 1; }
fi

# Django and the libraries the examples import (idempotent), then the servers, from bookworm with
# their python3-* dependencies (billiard and others are compiled for bookworm's Python 3.11).
bash scripts/provision.sh >/dev/null
bash scripts/py-unpack.sh .cache/py/lib/servers python3-gunicorn@bookworm+ python3-celery@bookworm+ >/dev/null
# psycopg 3.1.7 in bookworm is below what Django 4.2+ asks (3.1.8): the pure-Python one from
# trixie, which loads the machine's libpq5. redis from bookworm, the series bookworm's kombu knows.
bash scripts/py-unpack.sh .cache/py/lib/stack python3-psycopg python3-psycopg-pool python3-redis@bookworm+ \
  python3-django-csp python3-uvicorn python3-h11 >/dev/null
# django-storages and its S3 backend (Debian splits the backends into packages of their own) with
# boto3, for production's media on object storage; a folder of their own, as they bring requests
# and urllib3 along.
bash scripts/py-unpack.sh .cache/py/lib/storages python3-django-storages@bookworm python3-django-storages-boto3@bookworm \
  python3-boto3@bookworm+ >/dev/null
# sentry-sdk 2 (trixie's, pure Python), the series init's dependency range names: bookworm's 1.9 in
# .cache/py/lib/settings is what the audit's examples import; a test that wants 2 puts this first.
bash scripts/py-unpack.sh .cache/py/lib/sentry python3-sentry-sdk@trixie >/dev/null
# What production settings import below Django 4.2 instead: django-csp 3.7 (4.0 requires 4.2) and
# django-redis (no built-in Redis cache before 4.0), named one by one: both depend on python3-django,
# which must not shadow the series under test.
bash scripts/py-unpack.sh .cache/py/lib/stack-3.2 python3-django-csp@bookworm python3-django-redis@bookworm >/dev/null
# Channels and its Redis layer for init's ASGI fixtures, named one by one: their dependencies
# include python3-django, which must not shadow the series under test.
bash scripts/py-unpack.sh .cache/py/lib/channels python3-django-channels@bookworm python3-channels-redis@bookworm \
  python3-msgpack@bookworm python3-redis@bookworm python3-packaging@bookworm python3-async-timeout@bookworm python3-deprecated@bookworm python3-wrapt@bookworm >/dev/null
# The gunicorn.conf.py init writes for ASGI names uvicorn-worker's UvicornWorker, which Debian does
# not package: uvicorn-worker is uvicorn's own uvicorn.workers.UvicornWorker moved to a package of
# its own, so that class, under the name the generated file imports, stands in for it.
mkdir -p .cache/py/lib/uvicorn-worker/uvicorn_worker
printf '%s\n' '"""Stand-in for the uvicorn-worker package (not in Debian): the same class, from uvicorn itself."""' \
  'from uvicorn.workers import UvicornH11Worker, UvicornWorker' '' '__all__ = ["UvicornWorker", "UvicornH11Worker"]' \
  >.cache/py/lib/uvicorn-worker/uvicorn_worker/__init__.py
# Debian's Django links the admin's jquery.js into libjs-jquery with a relative path that dangles
# once unpacked under .cache/: point those links at /usr/share/javascript, so collectstatic works.
while IFS= read -r link; do
  target=/usr/share/javascript/jquery/$(basename "$link")
  [[ -f $target ]] || { echo "provision-e2e: $target is missing (libjs-jquery)" >&2; exit 1; }
  ln -sfn "$target" "$link"
done < <(find .cache/py -xtype l -path '*/jquery/*' 2>/dev/null)

observatory=.cache/observatory
package=$observatory/node_modules/@mdn/mdn-http-observatory
if [[ ! -f $package/package.json ]] || ! grep -q '"version": "1.4.8"' "$package/package.json"; then
  mkdir -p "$observatory"
  # --ignore-scripts: its postinstall downloads the HSTS preload list and TLD list from the network.
  npm install --silent --no-audit --no-fund --ignore-scripts --prefix "$observatory" @mdn/mdn-http-observatory@1.4.8 >/dev/null 2>&1 ||
    { echo "provision-e2e: npm install @mdn/mdn-http-observatory@1.4.8 into $observatory failed" >&2; exit 1; }
fi
# What the skipped postinstall would have written: no host is preloaded in these tests.
[[ -f $package/conf/hsts-preload.json ]] || echo '{}' >"$package/conf/hsts-preload.json"

for tool in /usr/sbin/nginx /usr/bin/openssl /usr/bin/python3 /usr/bin/docker-compose /usr/bin/systemd-analyze \
  /usr/sbin/pgbouncer /usr/bin/redis-server /usr/bin/pg_dump /usr/bin/pg_restore /usr/bin/psql; do
  [[ -x $tool ]] || { echo "provision-e2e: $tool is missing" >&2; exit 1; }
done
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || { echo "provision-e2e: no initdb under /usr/lib/postgresql" >&2; exit 1; }
got=$(/usr/bin/python3 -I -S -B -c "import sys; sys.path[:0] = ['.cache/py/lib/stack', '.cache/py/lib/uvicorn-worker', '.cache/py/lib/servers']; import gunicorn, celery, psycopg, psycopg_pool, redis, csp, uvicorn_worker" 2>&1) ||
  { echo "provision-e2e: a server library does not import: $got" >&2; exit 1; }
got=$(/usr/bin/python3 -I -S -B -c "import sys; sys.path[:0] = ['.cache/py/django/5.2', '.cache/py/lib/channels']; import channels, channels_redis.core" 2>&1) ||
  { echo "provision-e2e: Channels does not import: $got" >&2; exit 1; }
got=$(/usr/bin/python3 -I -S -B -c "import sys; sys.path[:0] = ['.cache/py/django/5.2', '.cache/py/lib/storages']; import storages.backends.s3boto3, boto3" 2>&1) ||
  { echo "provision-e2e: django-storages' S3 backend does not import: $got" >&2; exit 1; }
got=$(/usr/bin/docker-compose version 2>&1) || { echo "provision-e2e: docker-compose does not run: $got" >&2; exit 1; }
[[ -f $package/src/retriever/retriever.js ]] || { echo "provision-e2e: the Observatory is not in $package" >&2; exit 1; }
echo "provision-e2e: nginx, openssl, docker-compose, systemd-analyze, PostgreSQL, pgbouncer, Redis, gunicorn, uvicorn, Celery, Channels, Django and the MDN Observatory 1.4.8 ready"
