#!/usr/bin/env bash
# Provisions what the test suites run against, idempotently: real Django 3.2, 4.2 and 5.2 with the
# current django-environ, dj-database-url and whitenoise, for Debian's /usr/bin/python3.
# djship itself needs none of this; only the differential and end-to-end tests do.
# Fails loudly, naming what is missing, when it cannot provide something.
set -euo pipefail
cd "$(dirname "$0")/.."
# The team's shared tools live beside the repository (../shared); a clone elsewhere finds them
# through DJSHIP_SHARED or the workplace's /work/shared.
shared=""
for candidate in "${DJSHIP_SHARED:-}" ../shared /work/shared; do
  if [[ -n $candidate && -f $candidate/tools/py-deb.sh ]]; then
    shared=$candidate/tools
    break
  fi
done
if [[ -z $shared ]]; then
  echo "provision: the shared tools (tools/py-deb.sh, tools/enable-backports.sh) are not in ../shared or /work/shared; set DJSHIP_SHARED to their folder" >&2
  exit 1
fi
py_dir=.cache/py
mkdir -p "$py_dir"

need_root() {
  if [[ $(id -u) -ne 0 ]]; then
    echo "provision: installing $1 needs root (apt-get); install it by hand or run as root" >&2
    exit 1
  fi
}

# Debian packages: Django 4.2 from bookworm-backports (bookworm itself has 3.2) and the libraries
# the example projects import.
debian_packages=(python3-django python3-decouple python3-psycopg2 python3-sentry-sdk gunicorn)
missing=()
for pkg in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ! /usr/bin/python3 -c 'import django, sys; sys.exit(0 if django.VERSION[:2] == (4, 2) else 1)' 2>/dev/null; then
  missing+=(python3-django)
fi
if [[ ${#missing[@]} -gt 0 ]]; then
  need_root "${missing[*]}"
  [[ -f $shared/enable-backports.sh ]] || { echo "provision: $shared/enable-backports.sh is missing" >&2; exit 1; }
  bash "$shared/enable-backports.sh"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || true
  apt-get install -y -qq -t bookworm-backports python3-django >/dev/null
  apt-get install -y -qq "${debian_packages[@]}" >/dev/null
fi

# Django series side by side, unpacked from Debian's newer suites (py-deb.sh is idempotent per folder).
bash "$shared/py-deb.sh" "$py_dir/django-5.2" python3-django=5.2 python3-asgiref python3-sqlparse >/dev/null
bash "$shared/py-deb.sh" "$py_dir/django-3.2" python3-django=3.2 >/dev/null
bash "$shared/py-deb.sh" "$py_dir/libs" python3-django-environ python3-dj-database-url python3-whitenoise python3-django-split-settings python3-dotenv >/dev/null

check() {
  local label=$1 path=$2 expect=$3
  local got
  got=$(env -i PATH=/usr/bin:/bin PYTHONPATH="$path" /usr/bin/python3 -c 'import django; print(django.get_version())' 2>&1) ||
    { echo "provision: $label does not import: $got" >&2; exit 1; }
  [[ $got == "$expect"* ]] || { echo "provision: $label is $got, expected $expect.x" >&2; exit 1; }
}
check "Django 3.2" "$py_dir/django-3.2:$py_dir/libs" 3.2
check "Django 4.2" "$py_dir/libs" 4.2
check "Django 5.2" "$py_dir/django-5.2:$py_dir/libs" 5.2
env -i PATH=/usr/bin:/bin PYTHONPATH="$py_dir/libs" /usr/bin/python3 -c 'import environ, dj_database_url, whitenoise, decouple, split_settings, dotenv' ||
  { echo "provision: django-environ, dj-database-url, whitenoise or python-decouple does not import" >&2; exit 1; }
# nginx, for the tests that check djship's nginx parser against `nginx -t` (and the e2e servers).
if [[ ! -x /usr/sbin/nginx ]]; then
  need_root nginx
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || true
  apt-get install -y -qq nginx-light >/dev/null 2>&1 || apt-get install -y -qq nginx >/dev/null
fi
# Chromium, for the HTML report's browser tests (driven by playwright-core, which downloads no
# browser), and pre-commit, for the hook's install test: both from Debian.
browser_tools=()
[[ -x /usr/lib/chromium/chromium || -x /usr/bin/chromium ]] || browser_tools+=(chromium)
command -v pre-commit >/dev/null || browser_tools+=(pre-commit)
if [[ ${#browser_tools[@]} -gt 0 ]]; then
  need_root "${browser_tools[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || true
  apt-get install -y -qq "${browser_tools[@]}" >/dev/null
fi
echo "provision: Django 3.2, 4.2 and 5.2 ready under $py_dir"
