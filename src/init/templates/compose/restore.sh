#!/bin/sh
# Restores a dump the backup service made, written by `djship init`:
#   deploy/restore.sh 20250101-030000.dump
# The dumps are pg_dump custom-format files from the backup service.
# Stops the app first so nothing writes during the restore, then starts it again.
set -eu
dump="${1:?usage: deploy/restore.sh DUMP (a file name in the backups volume)}"
compose="docker compose -f compose.production.yaml"
$compose stop web{{celeryServices}}
$compose exec -T backup pg_restore --clean --if-exists --no-owner --dbname "${POSTGRES_DB:-app}" "/backups/$dump"
$compose up -d web{{celeryServices}}
