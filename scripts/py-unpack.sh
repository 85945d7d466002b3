#!/usr/bin/env bash
# Unpacks Python packages from Debian's archive into one folder, without installing anything on the
# machine, so the tests can run several Django series side by side on bookworm's /usr/bin/python3
# with exactly the libraries they name (and nothing from the system's site-packages):
#   bash scripts/py-unpack.sh .cache/py/django/5.2 python3-django=5.2 python3-asgiref python3-sqlparse
# A SPEC is
#   NAME          the newest version in bookworm, bookworm-updates, bookworm-security, bookworm-backports,
#                 trixie or sid (pure-Python packages only: trixie and sid build for newer Pythons);
#   NAME=SERIES   the newest version whose number starts with SERIES, experimental included;
#   NAME@SUITE    the version in SUITE (bookworm for compiled extensions, built for Python 3.11);
#   NAME@SUITE+   the same, with every python3-* package it depends on, recursively, from SUITE.
# The archive address is the one the machine is configured with (scripts/lib/debian-source.sh); the
# package lists live in a private apt state under .cache/apt, fetched once a day. Idempotent per
# DEST: a stamp records the specs, and DEST is replaced whole (never half-written) when they change.
# Prints one line per package unpacked: NAME VERSION.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/debian-source.sh
dest=${1:?usage: py-unpack.sh DEST SPEC...}
shift
[[ $# -gt 0 ]] || { echo "usage: py-unpack.sh DEST SPEC..." >&2; exit 2; }
stamp=$dest/.py-unpack-specs
if [[ -f $stamp && "$(cat "$stamp")" == "$*" ]]; then
  cat "$dest/.py-unpack-versions"
  exit 0
fi

state=$PWD/.cache/apt
mkdir -p "$state/lists/partial" "$state/archives/partial"
uri=$(debian_archive_uri) || { echo "py-unpack: no Debian bookworm source on this machine to take the archive address from" >&2; exit 1; }
{
  for suite in bookworm bookworm-updates bookworm-backports trixie sid experimental; do
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri $suite main"
  done
  if security=$(debian_security_uri); then
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $security bookworm-security main"
  fi
} >"$state/sources.list.new"
opts=(-o Dir::Etc::SourceList="$state/sources.list" -o Dir::Etc::SourceParts=/dev/null
  -o Dir::Etc::Preferences=/dev/null -o Dir::Etc::PreferencesParts=/dev/null
  -o Dir::State::Lists="$state/lists" -o Dir::Cache="$state" -o Dir::Cache::Archives="$state/archives"
  -o Dir::Cache::pkgcache="$state/pkgcache.bin" -o Dir::Cache::srcpkgcache="$state/srcpkgcache.bin"
  -o Dir::State::Status=/var/lib/dpkg/status -o Acquire::Languages=none -o APT::Get::List-Cleanup=0
  -o Debug::NoLocking=1)
# apt drops privileges to _apt for downloads, which cannot write into a folder root made elsewhere.
[[ $(id -u) -eq 0 ]] && opts+=(-o APT::Sandbox::User=root)

# One private apt state per checkout, shared by every DEST: refresh the lists when the sources
# changed or the lists are a day old.
exec 7>"$state/lock"
flock 7
if ! cmp -s "$state/sources.list.new" "$state/sources.list" || [[ -z $(find "$state/updated" -mmin -1440 2>/dev/null) ]]; then
  mv "$state/sources.list.new" "$state/sources.list"
  apt-get "${opts[@]}" update -qq >/dev/null || { echo "py-unpack: apt-get update of the private package lists failed" >&2; exit 1; }
  touch "$state/updated"
else
  rm -f "$state/sources.list.new"
fi

# The candidate versions of NAME, one "VERSION SUITE" a line (apt-cache madison: NAME | VERSION | URI SUITE/main ...).
versions_of() {
  apt-cache "${opts[@]}" madison "$1" | awk -F'|' '{ gsub(/ /, "", $2); split($3, where, " "); sub(/\/.*/, "", where[2]); print $2, where[2] }'
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/debs" "$work/root"
picked=()
for spec in "$@"; do
  name=${spec%%[=@]*}
  case $spec in
    *=*)
      series=${spec#*=}
      version=$(versions_of "$name" | awk '{ print $1 }' | grep -E "^([0-9]+:)?${series//./\\.}([.~+-]|$)" | sort -V | tail -n 1 || true)
      picked+=("$name=$version")
      ;;
    *@*)
      suite=${spec#*@}
      with_deps=""
      [[ $suite == *+ ]] && { with_deps=1; suite=${suite%+}; }
      version=$(versions_of "$name" | awk -v suite="$suite" '$2 == suite { print $1 }' | sort -V | tail -n 1 || true)
      picked+=("$name=$version")
      if [[ -n $with_deps && -n $version ]]; then
        # The python3-* closure of its dependencies, as SUITE resolves them; the interpreter itself
        # and the parts of the standard library Debian packages apart are the machine's.
        while read -r dependency; do
          dep_version=$(versions_of "$dependency" | awk -v suite="$suite" '$2 == suite { print $1 }' | sort -V | tail -n 1 || true)
          [[ -n $dep_version ]] || { echo "py-unpack: $dependency (needed by $name) is not in $suite" >&2; exit 1; }
          picked+=("$dependency=$dep_version")
        done < <(apt-cache "${opts[@]}" -o APT::Default-Release="$suite" depends --recurse --no-recommends --no-suggests \
          --no-conflicts --no-breaks --no-replaces --no-enhances "$name" |
          grep -E '^python3-[a-z0-9.+-]+$' | grep -vxE "$name|python3-(minimal|distutils|lib2to3|venv|dev|all)" | sort -u)
      fi
      ;;
    *)
      version=$(versions_of "$name" | awk '$2 != "experimental" { print $1 }' | sort -V | tail -n 1 || true)
      picked+=("$name=$version")
      ;;
  esac
  [[ -n $version ]] || { echo "py-unpack: no version of $spec in the archive's suites" >&2; exit 1; }
done

# Each package once (a dependency shared by two specs), in the order first named.
mapfile -t picked < <(printf '%s\n' "${picked[@]}" | awk '!seen[$0]++')
(cd "$work/debs" && apt-get "${opts[@]}" download "${picked[@]}" >/dev/null 2>"$work/download.err") ||
  { echo "py-unpack: apt-get download ${picked[*]} failed: $(tail -n 3 "$work/download.err")" >&2; exit 1; }
for deb in "$work"/debs/*.deb; do dpkg-deb -x "$deb" "$work/root"; done

# Only the modules: Debian puts them in dist-packages, shared by every Python 3 version.
mkdir -p "$work/dest"
[[ -d $work/root/usr/lib/python3/dist-packages ]] && cp -a "$work/root/usr/lib/python3/dist-packages/." "$work/dest/"
printf '%s\n' "${picked[@]}" | tr '=' ' ' >"$work/dest/.py-unpack-versions"
printf '%s' "$*" >"$work/dest/.py-unpack-specs"
mkdir -p "$(dirname "$dest")"
rm -rf "$dest.old"
[[ -e $dest ]] && mv "$dest" "$dest.old"
cp -a "$work/dest" "$dest.new"
mv "$dest.new" "$dest"
rm -rf "$dest.old"
cat "$dest/.py-unpack-versions"
