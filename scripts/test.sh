#!/usr/bin/env bash
# The whole test suite, on SQLite and then on PostgreSQL, with browser journeys in Chromium.
# Extra arguments go to pytest (for example: scripts/test.sh -k access).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh --test

echo "== static checks"
.venv/bin/ruff check src tests bench
# Types in the rules core and the services (ADR 0010; [tool.mypy] in pyproject.toml lists them).
.venv/bin/mypy
# The declared layers (ADR 0007, .importlinter): rules pure, demo a leaf, views private, no cycles.
.venv/bin/lint-imports --no-cache
# Production settings refuse to load without a secret, an audit key and a PostgreSQL URL (no
# connection is made by the check).
DESIST_SECRET_KEY="$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(64))')" \
  DESIST_AUDIT_KEY="$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(48))')" \
  DATABASE_URL=postgresql://desist@127.0.0.1:5432/desist \
  DJANGO_SETTINGS_MODULE=desist.config.settings.production .venv/bin/desist check --deploy --fail-level WARNING
DJANGO_SETTINGS_MODULE=desist.config.settings.test .venv/bin/desist makemigrations --check --dry-run >/dev/null \
  || { echo "Model changes without a migration: run 'desist makemigrations'"; exit 1; }

# Mutation testing of the rules modules this change touches (against the merge base with
# origin/main, or the previous commit), within a time budget: a module that does not finish in
# time is named with the command to run it in full (docs/testing.md). Set
# DESIST_MUTATION_BUDGET=0 to leave it out.
budget="${DESIST_MUTATION_BUDGET:-110}"
if [ "$budget" != "0" ]; then
  echo "== mutation testing of the changed rules modules, or one in rotation (at most ${budget} s)"
  if git rev-parse --git-dir >/dev/null 2>&1; then
    .venv/bin/pip install -q -c requirements.lock mutmut
    .venv/bin/python scripts/mutation.py --changed --budget "$budget"
  else
    echo "mutation: skipped (not a git checkout, so the changed modules are unknown)"
  fi
fi

# In parallel: one pytest-xdist worker per core (each with its own test database and live server).
workers="${DESIST_TEST_WORKERS:-auto}"
# Hand out at most two tests at a time: the slowest tests (browser journeys, the contract walk per
# role) come last, because Django runs transactional tests after the others, and handed out in
# larger chunks they queued on one worker while the other sat idle. Each worker still runs its
# tests in collection order, so that ordering holds.
dist=(--dist load --maxschedchunk 2)

# PostgreSQL (production's database) runs every test. SQLite (the demo's embedded database) runs
# every test whose outcome can depend on the engine; the browser journeys, the API contract walk,
# the production server tests and the list-performance scan do not, and run once (marker
# one_database, tests/conftest.py). DESIST_BOTH_DATABASES=1 runs those on SQLite too.
pg_url=$(scripts/postgres-url.sh)
echo "== tests on PostgreSQL (${pg_url%%@*}@…)"
# --durations: the slowest tests, printed in CI's log, so the next speed-up starts from figures.
DATABASE_URL="$pg_url" .venv/bin/python -m pytest -p no:cacheprovider -n "$workers" "${dist[@]}" --durations=40 "$@"

echo "== tests on SQLite"
sqlite_only=(-m "not one_database")
[[ "${DESIST_BOTH_DATABASES:-}" == 1 ]] && sqlite_only=()
env -u DATABASE_URL .venv/bin/python -m pytest -p no:cacheprovider -n "$workers" "${dist[@]}" "${sqlite_only[@]}" "$@"
