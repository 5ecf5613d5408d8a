#!/usr/bin/env bash
# Prints a DATABASE_URL for a PostgreSQL server the tests can use: $DATABASE_URL if set, else
# the local server on 127.0.0.1:5432 (started if it is installed but stopped), else a throwaway
# cluster of our own in var/pg (installing Debian's postgresql if needed). Never skips PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${DATABASE_URL:-}" ]; then echo "$DATABASE_URL"; exit 0; fi

answers() { .venv/bin/python - "$1" <<'PY' >/dev/null 2>&1
import sys, psycopg
psycopg.connect(sys.argv[1], connect_timeout=3).close()
PY
}

local_url="postgresql://postgres@127.0.0.1:5432/postgres"
if answers "$local_url"; then echo "postgresql://postgres@127.0.0.1:5432/desist"; exit 0; fi
if ls /etc/postgresql/*/main >/dev/null 2>&1; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start >&2 || true
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    answers "$local_url" && { echo "postgresql://postgres@127.0.0.1:5432/desist"; exit 0; }
    sleep 1
  done
fi

# A throwaway cluster on port 55432, owned by an unprivileged user when we are root.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "Installing Debian's postgresql for a throwaway test cluster" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
dir="$PWD/var/pg"
port=55432
url="postgresql://postgres@127.0.0.1:${port}/desist"
if answers "postgresql://postgres@127.0.0.1:${port}/postgres"; then echo "$url"; exit 0; fi
mkdir -p "$dir"
run=(); [ "$(id -u)" = 0 ] && { chown -R postgres "$dir" 2>/dev/null || true; run=(runuser -u postgres --); }
[ -f "$dir/data/PG_VERSION" ] || "${run[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust >&2
"${run[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -o "-p ${port} -k /tmp -c listen_addresses=127.0.0.1" -w start >&2
echo "$url"
