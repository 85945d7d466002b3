#!/usr/bin/env bash
# Provisions what the stack section of `npm run bench` (bench/stack.ts) needs beyond
# provision-e2e.sh: wrk, from Debian. Prints the path of the wrk to run, idempotently:
#   - the machine's wrk when it has one;
#   - as root, Debian's package installed with apt-get;
#   - otherwise (CI may run as a user without root), wrk and LuaJIT unpacked from bookworm into
#     .cache/bench/wrk with the private apt state that scripts/py-unpack.sh keeps (.cache/apt, made
#     by provision.sh), run through a small wrapper that points the loader at the unpacked LuaJIT.
# PROVISION_BENCH_UNPACK=1 takes the last way even as root, so it can be tried anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .cache/bench
exec 9>.cache/bench/provision.lock
flock 9

if [[ -z ${PROVISION_BENCH_UNPACK:-} ]]; then
  if found=$(command -v wrk 2>/dev/null); then
    echo "$found"
    exit 0
  fi
  if [[ $(id -u) -eq 0 ]]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq || true
    apt-get install -y -qq wrk >/dev/null || { echo "provision-bench: apt-get install wrk failed" >&2; exit 1; }
    command -v wrk
    exit 0
  fi
fi

dest=$PWD/.cache/bench/wrk
wrapper=$dest/run-wrk
if [[ ! -x $wrapper ]]; then
  bash scripts/provision.sh >/dev/null
  state=$PWD/.cache/apt
  [[ -f $state/sources.list ]] || { echo "provision-bench: no private apt state in $state (scripts/py-unpack.sh makes it)" >&2; exit 1; }
  # The same private state as py-unpack.sh: its sources and lists, the machine's dpkg status.
  opts=(-o Dir::Etc::SourceList="$state/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o Dir::Etc::Preferences=/dev/null -o Dir::Etc::PreferencesParts=/dev/null
    -o Dir::State::Lists="$state/lists" -o Dir::Cache="$state" -o Dir::Cache::Archives="$state/archives"
    -o Dir::Cache::pkgcache="$state/pkgcache.bin" -o Dir::Cache::srcpkgcache="$state/srcpkgcache.bin"
    -o Dir::State::Status=/var/lib/dpkg/status -o Acquire::Languages=none -o Debug::NoLocking=1)
  [[ $(id -u) -eq 0 ]] && opts+=(-o APT::Sandbox::User=root)
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  exec 7>"$state/lock"
  flock 7
  # bookworm's builds: they link the machine's libc and libssl3.
  (cd "$work" && apt-get "${opts[@]}" download wrk/bookworm libluajit-5.1-2/bookworm libluajit-5.1-common/bookworm >/dev/null 2>"$work/err") ||
    { echo "provision-bench: apt-get download wrk failed: $(tail -n 3 "$work/err")" >&2; exit 1; }
  flock -u 7
  mkdir -p "$work/root"
  for deb in "$work"/*.deb; do dpkg-deb -x "$deb" "$work/root"; done
  library=$(dirname "$(find "$work/root/usr/lib" -name 'libluajit-5.1.so.2*' | head -n 1)")
  [[ -x $work/root/usr/bin/wrk && -d $library ]] || { echo "provision-bench: the unpacked wrk or LuaJIT is incomplete" >&2; exit 1; }
  rm -rf "$dest"
  mkdir -p "$(dirname "$dest")"
  cp -a "$work/root" "$dest"
  # Paths relative to the wrapper, so the folder still works when the checkout moves.
  printf '%s\n' '#!/bin/sh' '# wrk unpacked from bookworm by scripts/provision-bench.sh, with its LuaJIT beside it.' \
    'here=$(dirname "$(readlink -f "$0")")' \
    "LD_LIBRARY_PATH=\"\$here${library#"$work/root"}\" exec \"\$here/usr/bin/wrk\" \"\$@\"" >"$wrapper"
  chmod +x "$wrapper"
fi
# wrk --version prints its banner and exits 1.
[[ $("$wrapper" --version 2>&1) == wrk* ]] ||
  { echo "provision-bench: $wrapper does not run: $("$wrapper" --version 2>&1 | tail -n 2)" >&2; exit 1; }
echo "$wrapper"
