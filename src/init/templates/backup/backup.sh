#!/bin/sh
# The database backup, written by `djship init`; the compose backup services and the systemd
# backup unit run it:
#   sh deploy/backup.sh dump      a custom-format pg_dump into BACKUP_DIR, then the dumps there older
#                                 than BACKUP_RETENTION_DAYS days deleted
#   sh deploy/backup.sh offsite   when BACKUP_REMOTE is set, the dumps copied off the host with rclone,
#                                 then the ones older than BACKUP_RETENTION_DAYS deleted there too
# A backup on the same disk is lost with it: set BACKUP_REMOTE. It is an rclone remote and path,
# "offsite:BUCKET/FOLDER", the remote configured by RCLONE_CONFIG_OFFSITE_* variables (S3-compatible
# storage: TYPE=s3, PROVIDER, ENDPOINT, ACCESS_KEY_ID, SECRET_ACCESS_KEY; see .env.example).
# PostgreSQL is reached through libpq's own PGHOST, PGDATABASE, PGUSER... (the compose service
# sets them; the systemd unit dumps as postgres over the local socket), never through pgbouncer.
# Restore: deploy/restore.sh.
set -eu
dir="${BACKUP_DIR:-/backups}"
days="${BACKUP_RETENTION_DAYS:-14}"
case "$days" in '' | *[!0-9]*)
  echo "backup: BACKUP_RETENTION_DAYS must be a number of days, not '$days'" >&2
  exit 2
  ;;
esac

case "${1:-}" in
dump)
  name="$(date -u +%Y%m%d-%H%M%S).dump"
  # Written under another name and renamed once complete: the off-host copy, which takes *.dump
  # only, never sends a dump that is still being written.
  pg_dump --format custom --file "$dir/$name.partial"
  mv "$dir/$name.partial" "$dir/$name"
  # Older than the retention to the minute, as rclone's --min-age counts it below.
  find "$dir" -name '*.dump' -type f -mmin +"$((days * 1440))" -delete
  echo "backup: wrote $dir/$name"
  ;;
offsite)
  if [ -z "${BACKUP_REMOTE:-}" ]; then
    echo "backup: BACKUP_REMOTE is not set: the dumps stay on this host only"
    exit 0
  fi
  # Copies what the remote lacks, keeping modification times, so the age test below holds there too.
  rclone copy "$dir" "$BACKUP_REMOTE" --include '*.dump'
  rclone delete "$BACKUP_REMOTE" --include '*.dump' --min-age "${days}d"
  echo "backup: copied to $BACKUP_REMOTE, kept ${days} days there"
  ;;
*)
  echo "usage: backup.sh dump|offsite" >&2
  exit 2
  ;;
esac
