#!/usr/bin/env bash
# Sourced by test.sh and .ci/run: makes sure what the tests need is installed and running on this machine.
# - Debian's Chromium for Playwright (never a downloaded browser: there is no network but the registries).
# - A throwaway PostgreSQL 15 (initdb into a temp dir, trust auth, loopback only, fsync off), unless
#   INTERACTIONLAB_TEST_PG already points at a server. It is stopped and removed when the caller exits.
# PG_BIN is exported: the fault suite starts (and crashes) a PostgreSQL of its own with these binaries.
export PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_PORT=${PG_PORT:-55432}

il_step() { echo "=== [$(( SECONDS - ${IL_T0:-0} ))s] $*"; }

il_install_system_packages() {
  local need=()
  [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || need+=(chromium)
  [ -x "$PG_BIN/initdb" ] || need+=(postgresql-15)
  [ ${#need[@]} -eq 0 ] && return 0
  il_step "apt-get install ${need[*]}"
  if [ "$(id -u)" != 0 ]; then echo "Installing ${need[*]} needs root (apt-get)." >&2; return 1; fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" fonts-dejavu-core >/dev/null
}

il_start_postgres() {
  if [ -n "${INTERACTIONLAB_TEST_PG:-}" ]; then il_step "using PostgreSQL at $INTERACTIONLAB_TEST_PG"; return 0; fi
  IL_PGDIR=$(mktemp -d "${TMPDIR:-/tmp}/il-pg.XXXXXX"); chmod 755 "$IL_PGDIR"
  if [ "$(id -u)" = 0 ]; then IL_AS_PG=(runuser -u postgres --); chown postgres:postgres "$IL_PGDIR"; else IL_AS_PG=(); fi
  trap il_stop_postgres EXIT
  il_step "initdb + start PostgreSQL on 127.0.0.1:$PG_PORT"
  "${IL_AS_PG[@]}" "$PG_BIN/initdb" -D "$IL_PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$IL_PGDIR/initdb.log"
  "${IL_AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$IL_PGDIR/data" -l "$IL_PGDIR/server.log" -w -t 60 \
    -o "-p $PG_PORT -k $IL_PGDIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null || { cat "$IL_PGDIR/server.log"; return 1; }
  export INTERACTIONLAB_TEST_PG="Host=127.0.0.1;Port=$PG_PORT;Username=postgres"
}

il_stop_postgres() {
  [ -n "${IL_PGDIR:-}" ] || return 0
  "${IL_AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$IL_PGDIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$IL_PGDIR"
}
