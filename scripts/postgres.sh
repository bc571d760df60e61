# Starts and stops a throwaway PostgreSQL cluster on 127.0.0.1 for tests. Sourced by scripts/test.
# Usage: source scripts/postgres.sh; pg_start; ...; pg_stop
# Exports CHANCERY_TEST_POSTGRES, a connection string to the server (tests create their own databases).

pg_bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

pg_start() {
  local bin; bin=$(pg_bin_dir)
  [[ -n $bin ]] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; return 1; }
  PG_DIR=$(mktemp -d /tmp/chancery-pg.XXXXXX)
  PG_PORT=${CHANCERY_PG_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 55432)}
  local run=()
  if [[ $(id -u) == 0 ]]; then
    id postgres >/dev/null 2>&1 || useradd --system --home "$PG_DIR" postgres
    chown postgres "$PG_DIR"
    run=(runuser -u postgres --)
  fi
  "${run[@]}" "$bin/initdb" -D "$PG_DIR/data" -U postgres --auth=trust --no-sync -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log" >&2; return 1; }
  "${run[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null \
    || { cat "$PG_DIR/server.log" >&2; return 1; }
  PG_RUN=("${run[@]}")
  PG_BIN=$bin
  export CHANCERY_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=20"
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT ($PG_DIR)"
}

pg_stop() {
  [[ -n ${PG_DIR:-} ]] || return 0
  "${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
