#!/usr/bin/env bash
# The restore drill of docs/operations.md §5, as one command:
#   scripts/restore-drill.sh SOURCE_DATABASE_URL AUDIT_HEAD_FILE [DUMP_FILE]
# Dumps the source (or takes an existing custom-format dump), restores it into a scratch database
# beside it, checks the schema matches the code (migrate --check), verifies the audit chain
# against the exported heads, compares row counts with the source, and drops the scratch
# database. Exits non-zero, saying which step failed, if any step fails.
# Needs pg_dump / pg_restore of the server's major version, the production environment
# (DESIST_SECRET_KEY, DESIST_AUDIT_KEY and DESIST_AUDIT_OLD_KEYS as in production) and `desist`.
set -euo pipefail

source_url=${1:?usage: restore-drill.sh SOURCE_DATABASE_URL AUDIT_HEAD_FILE [DUMP_FILE]}
heads=${2:?usage: restore-drill.sh SOURCE_DATABASE_URL AUDIT_HEAD_FILE [DUMP_FILE]}
dump=${3:-}
desist=${DESIST:-desist}

base=${source_url%/*}
source_db=${source_url##*/}
source_db=${source_db%%\?*}
scratch="${source_db:0:50}_restore"
scratch_url="$base/$scratch"
workdir=$(mktemp -d)

step() { echo "== $*"; }
fail() { echo "RESTORE DRILL FAILED: $*" >&2; exit 1; }
cleanup() {
  psql -q "$base/postgres" -c "DROP DATABASE IF EXISTS \"$scratch\" WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$workdir"
}
trap cleanup EXIT

count() {  # rows of the tables whose loss would matter most, as "table=count" lines
  psql -qAt "$1" -c "SELECT 'people_person=' || count(*) FROM people_person
                     UNION ALL SELECT 'audit_auditevent=' || count(*) FROM audit_auditevent"
}

if [[ -z "$dump" ]]; then
  step "1. dump $source_db"
  dump="$workdir/desist.dump"
  pg_dump -Fc --no-owner -f "$dump" "$source_url" || fail "pg_dump"
  expected=$(count "$source_url")
else
  expected=""
fi

step "2. restore into $scratch"
psql -q "$base/postgres" -c "DROP DATABASE IF EXISTS \"$scratch\" WITH (FORCE)" >/dev/null
psql -q "$base/postgres" -c "CREATE DATABASE \"$scratch\"" >/dev/null
pg_restore --no-owner --exit-on-error -d "$scratch_url" "$dump" || fail "pg_restore"

step "3. schema matches the code"
DATABASE_URL="$scratch_url" $desist migrate --check >/dev/null \
  || fail "the restored schema lacks migrations this code needs"

step "4. audit chain verifies against the exported heads"
DATABASE_URL="$scratch_url" $desist audit verify --against "$heads" || fail "audit chain"

step "5. row counts"
restored=$(count "$scratch_url")
echo "$restored"
if [[ -n "$expected" && "$restored" != "$expected" ]]; then
  fail "row counts differ from the source: $expected"
fi
echo "Restore drill passed: $dump restored, schema current, audit chain intact."
