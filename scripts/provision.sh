#!/usr/bin/env bash
# Provisions what the differential suites run against, idempotently: real Django 3.2, 4.2 and 5.2,
# each in its own folder under .cache/py/django/, and the settings libraries the fixtures and
# examples import (django-environ, dj-database-url, whitenoise, python-decouple, sentry-sdk,
# psycopg2, django-split-settings, python-dotenv) in .cache/py/lib/settings, all unpacked from
# Debian's archive by scripts/py-unpack.sh.
# The tests run Debian's /usr/bin/python3 isolated (-I -S) with exactly these folders on sys.path
# (test/helpers/python.ts), so nothing installed system-wide can change a result. djship itself
# needs none of this. Fails loudly, naming what is missing, when it cannot provide something.
set -euo pipefail
cd "$(dirname "$0")/.."
py=.cache/py
mkdir -p "$py"
# Test files run two at a time and may each call this: one at a time.
exec 8>.cache/provision.lock
flock 8

# What must come from the machine: the interpreter and its standard library, the C library
# psycopg2 links, nginx for the tests that check djship's nginx parser against `nginx -t` and Caddy
# for those that check its Caddyfile parser against `caddy adapt`, apt's
# archive key (every bookworm has it) to verify what py-unpack.sh downloads, Chromium for the HTML
# report's browser tests (driven by playwright-core, which downloads no browser), and pre-commit
# for the hook's install test.
system_packages=()
[[ -x /usr/bin/python3 ]] && /usr/bin/python3 -I -S -c 'import sqlite3, ssl, json' 2>/dev/null || system_packages+=(python3)
[[ -x /usr/sbin/nginx ]] || system_packages+=(nginx-light)
[[ -x /usr/bin/caddy ]] || system_packages+=(caddy)
[[ -x /usr/lib/chromium/chromium || -x /usr/bin/chromium ]] || system_packages+=(chromium)
command -v pre-commit >/dev/null || system_packages+=(pre-commit)
for pkg in libpq5 debian-archive-keyring; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || system_packages+=("$pkg")
done
if [[ ${#system_packages[@]} -gt 0 ]]; then
  if [[ $(id -u) -ne 0 ]]; then
    echo "provision: missing ${system_packages[*]}; installing needs root (apt-get install ${system_packages[*]})" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || true
  # RUNLEVEL=1 keeps Debian's maintainer scripts from starting a system nginx on port 80.
  RUNLEVEL=1 apt-get install -y -qq "${system_packages[@]}" >/dev/null ||
    { echo "provision: apt-get install ${system_packages[*]} failed" >&2; exit 1; }
fi

# Each series with the asgiref and sqlparse Debian ships beside it (3.2 also needs pytz); compiled
# and Python-3.11-specific packages come from bookworm itself.
bash scripts/py-unpack.sh "$py/django/3.2" python3-django=3.2 python3-asgiref@bookworm python3-sqlparse@bookworm python3-tz@bookworm >/dev/null
bash scripts/py-unpack.sh "$py/django/4.2" python3-django=4.2 python3-asgiref@bookworm python3-sqlparse@bookworm >/dev/null
bash scripts/py-unpack.sh "$py/django/5.2" python3-django=5.2 python3-asgiref python3-sqlparse >/dev/null
# Bookworm's own django-environ (0.4.x) and dj-database-url are from 2017-2018 and map postgres://
# to a backend Django removed in 3.0: the current ones are what real projects see.
bash scripts/py-unpack.sh "$py/lib/settings" python3-django-environ python3-dj-database-url python3-whitenoise \
  python3-decouple@bookworm python3-sentry-sdk@bookworm+ python3-psycopg2@bookworm python3-django-split-settings python3-dotenv >/dev/null

# Imports exactly as the tests run Python: isolated, nothing but the provisioned folders on the path.
isolated() {
  local path=$1
  shift
  /usr/bin/python3 -I -S -B -c "import sys; sys.path[:0] = sys.argv[1].split(':'); del sys.argv[1]; exec(sys.argv[1])" "$path" "$@"
}
for series in 3.2 4.2 5.2; do
  got=$(isolated "$py/django/$series:$py/lib/settings" 'import django; print(django.get_version())' 2>&1) ||
    { echo "provision: Django $series does not import: $got" >&2; exit 1; }
  [[ $got == "$series".* ]] || { echo "provision: Django $series is $got" >&2; exit 1; }
done
got=$(isolated "$py/django/5.2:$py/lib/settings" 'import environ, dj_database_url, whitenoise, decouple, sentry_sdk, psycopg2, split_settings, dotenv' 2>&1) ||
  { echo "provision: a settings library does not import: $got" >&2; exit 1; }
echo "provision: Django 3.2, 4.2 and 5.2 and the settings libraries ready under $py"
