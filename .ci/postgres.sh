#!/usr/bin/env bash
# Sourced by .ci/run. Gives the real-cluster test a PostgreSQL server on loopback and, for this run only, a login
# role that owns one throw-away database. The test creates and drops its own databases with that role; whatever is
# left is dropped, with the role, when the run ends (also when it fails). Exports SYSTEMMETRICS_PG_URL,
# SYSTEMMETRICS_PG_USER, SYSTEMMETRICS_PG_PASSWORD and SYSTEMMETRICS_PG_DATABASE, which the test reads.

systemmetrics_pg_sql() {
    runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -d postgres "$@"
}

systemmetrics_pg_cleanup() {
    local role="${SYSTEMMETRICS_PG_USER:-}"
    [ -n "$role" ] || return 0
    local db
    for db in $(systemmetrics_pg_sql -At -c "SELECT datname FROM pg_database d JOIN pg_roles r ON d.datdba = r.oid WHERE r.rolname = '$role'"); do
        systemmetrics_pg_sql -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" || true
    done
    systemmetrics_pg_sql -c "DROP ROLE IF EXISTS \"$role\"" || true
    if [ -n "${SYSTEMMETRICS_PG_STARTED:-}" ]; then
        pg_ctlcluster "$SYSTEMMETRICS_PG_STARTED" main stop || true
    fi
}

systemmetrics_pg_setup() {
    if ! command -v pg_ctlcluster >/dev/null 2>&1; then
        apt-get update -q
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql
    fi
    local version
    version=$(ls /usr/lib/postgresql | sort -V | tail -1)
    if ! pg_lsclusters -h | grep -q "^$version main "; then
        pg_createcluster "$version" main
    fi
    if ! pg_lsclusters -h | grep -q "^$version main .* online"; then
        pg_ctlcluster "$version" main start
        SYSTEMMETRICS_PG_STARTED="$version"
    fi
    local port
    port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')
    SYSTEMMETRICS_PG_USER="systemmetrics_ci_$$_$(date +%s)"
    SYSTEMMETRICS_PG_PASSWORD=$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')
    SYSTEMMETRICS_PG_DATABASE="$SYSTEMMETRICS_PG_USER"
    SYSTEMMETRICS_PG_URL="jdbc:postgresql://127.0.0.1:$port/"
    systemmetrics_pg_sql -c "CREATE ROLE \"$SYSTEMMETRICS_PG_USER\" LOGIN CREATEDB PASSWORD '$SYSTEMMETRICS_PG_PASSWORD'"
    systemmetrics_pg_sql -c "CREATE DATABASE \"$SYSTEMMETRICS_PG_DATABASE\" OWNER \"$SYSTEMMETRICS_PG_USER\""
    export SYSTEMMETRICS_PG_URL SYSTEMMETRICS_PG_USER SYSTEMMETRICS_PG_PASSWORD SYSTEMMETRICS_PG_DATABASE
}

trap systemmetrics_pg_cleanup EXIT
systemmetrics_pg_setup
