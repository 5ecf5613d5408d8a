#!/usr/bin/env bash
# The whole test suite, on SQLite and then on PostgreSQL, with browser journeys in Chromium.
# Extra arguments go to pytest (for example: scripts/test.sh -k access).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh --test

echo "== static checks"
.venv/bin/ruff check src tests bench
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

# In parallel: one pytest-xdist worker per core (each with its own test database and live server).
workers="${DESIST_TEST_WORKERS:-auto}"

echo "== tests on SQLite"
env -u DATABASE_URL .venv/bin/python -m pytest -p no:cacheprovider -n "$workers" "$@"

pg_url=$(scripts/postgres-url.sh)
echo "== tests on PostgreSQL (${pg_url%%@*}@…)"
DATABASE_URL="$pg_url" .venv/bin/python -m pytest -p no:cacheprovider -n "$workers" "$@"
