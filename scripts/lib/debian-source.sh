# Sourced by the provisioning scripts: the Debian archive addresses this machine is configured with,
# so no host is ever written into the repository. Reads deb822 (*.sources) and one-line (*.list)
# entries; prints nothing and returns 1 when there is none.

# Every "URI SUITE" pair apt is configured with, one a line.
debian_source_pairs() {
  local file
  for file in /etc/apt/sources.list.d/*.sources; do
    [[ -f $file ]] || continue
    # deb822: stanzas separated by blank lines; a stanza may list several URIs and suites.
    awk '
      function flush() { if (types ~ /(^| )deb( |$)/) { n = split(uris, u, " "); m = split(suites, s, " "); for (i = 1; i <= n; i++) for (j = 1; j <= m; j++) print u[i], s[j] } types = uris = suites = "" }
      /^[[:space:]]*$/ { flush(); next }
      /^[[:space:]]*#/ { next }
      tolower($1) == "types:" { $1 = ""; types = $0 }
      tolower($1) == "uris:" { $1 = ""; uris = $0 }
      tolower($1) == "suites:" { $1 = ""; suites = $0 }
      END { flush() }
    ' "$file"
  done
  for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f $file ]] || continue
    # deb [options] URI SUITE COMPONENT...
    sed -n 's/^[[:space:]]*deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\([^[:space:]]\+\)[[:space:]]\+\([^[:space:]]\+\).*/\2 \3/p' "$file"
  done
}

# The address of the main Debian archive (the one that serves bookworm itself).
debian_archive_uri() {
  debian_source_pairs | awk '$2 == "bookworm" { print $1; exit }' | grep . || return 1
}

# The address of the security archive, when the machine has one configured.
debian_security_uri() {
  debian_source_pairs | awk '$2 == "bookworm-security" { print $1; exit }' | grep . || return 1
}
