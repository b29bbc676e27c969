#!/usr/bin/env bash
# tests/pg.sh — a throw-away PostgreSQL 15 server for the tests, from Debian's
# packages: initdb into a temporary folder as an unprivileged user (initdb
# refuses root), listening on a Unix socket in that folder only (no TCP).
#
#   source tests/pg.sh; pg_start; ... "$PG_URI" ...; pg_stop
#
# pg_start sets PG_URI (a libpq URI of the database `liaison`) and PG_DIR, and
# installs an EXIT trap that stops the server and removes the folder.  When no
# PostgreSQL 15 is installed it returns 2 (the caller skips).
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

pg_stop() {
    if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR" ]; then
        if [ -f "$PG_DIR/data/postmaster.pid" ]; then
            pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop > /dev/null 2>&1 || true
        fi
        rm -rf "$PG_DIR"
    fi
    PG_DIR=
}

# Runs a command as the server's user (root cannot run PostgreSQL).
pg_as() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u "$PG_USER" -- "$@"
    else
        "$@"
    fi
}

pg_start() {
    [ -x "$PG_BIN/initdb" ] || return 2
    PG_USER=$(id -un)
    if [ "$(id -u)" = 0 ]; then
        PG_USER=postgres
        id "$PG_USER" > /dev/null 2>&1 || PG_USER=nobody
    fi
    PG_DIR=$(mktemp -d /tmp/liaison-pg.XXXXXX)
    chmod 755 "$PG_DIR"
    [ "$(id -u)" = 0 ] && chown "$PG_USER" "$PG_DIR"
    trap pg_stop EXIT
    # C locale and UTF-8: text sorts by its bytes, as in SQLite
    pg_as "$PG_BIN/initdb" -D "$PG_DIR/data" -U liaison --auth=trust --locale=C --encoding=UTF8 \
        > "$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log" >&2; return 1; }
    pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
        -o "-c listen_addresses='' -c unix_socket_directories='$PG_DIR' -c fsync=off -c max_connections=40" \
        start > /dev/null || { cat "$PG_DIR/server.log" >&2; return 1; }
    pg_as "$PG_BIN/createdb" -h "$PG_DIR" -U liaison liaison || return 1
    PG_URI="postgresql:///liaison?host=$PG_DIR&user=liaison"
    export PG_URI PG_DIR
}
