#!/usr/bin/env bash
# Sourced by .ci/run. Gives the real-database tests a MariaDB server (Debian's mariadb-server) on loopback and, for
# this run only, a login that may create and drop databases whose names start with its own name. Whatever the tests
# leave is dropped, with the login, when the run ends (also when it fails); a server this script started is stopped
# again. Exports SYSTEMMETRICS_MARIADB_URL, SYSTEMMETRICS_MARIADB_USER, SYSTEMMETRICS_MARIADB_PASSWORD and
# SYSTEMMETRICS_MARIADB_DATABASE, which the tests read.

systemmetrics_mariadb_sql() {
    mariadb --protocol=socket -u root -N -B -e "$1"
}

systemmetrics_mariadb_cleanup() {
    local user="${SYSTEMMETRICS_MARIADB_USER:-}"
    if [ -n "$user" ]; then
        local db
        for db in $(systemmetrics_mariadb_sql "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE '${user}%'" 2>/dev/null); do
            systemmetrics_mariadb_sql "DROP DATABASE IF EXISTS \`$db\`" || true
        done
        systemmetrics_mariadb_sql "DROP USER IF EXISTS '$user'@'127.0.0.1'" || true
    fi
    if [ -n "${SYSTEMMETRICS_MARIADB_STARTED:-}" ]; then
        service mariadb stop >/dev/null 2>&1 || true
    fi
}

# Runs every cleanup registered before this one too: .ci/postgres.sh has its own EXIT trap, and a second `trap`
# would silently replace it.
systemmetrics_add_exit_trap() {
    local existing
    existing=$(trap -p EXIT | sed -E "s/^trap -- '(.*)' EXIT$/\1/")
    trap "$1${existing:+; $existing}" EXIT
}

systemmetrics_mariadb_setup() {
    if ! command -v mariadbd >/dev/null 2>&1; then
        apt-get update -q
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q mariadb-server
    fi
    if ! mariadb-admin --protocol=socket -u root status >/dev/null 2>&1; then
        service mariadb start
        SYSTEMMETRICS_MARIADB_STARTED=1
    fi
    local port
    port=$(systemmetrics_mariadb_sql "SELECT @@port")
    SYSTEMMETRICS_MARIADB_USER="smci_$$_$(date +%s)"
    SYSTEMMETRICS_MARIADB_PASSWORD=$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')
    SYSTEMMETRICS_MARIADB_DATABASE="$SYSTEMMETRICS_MARIADB_USER"
    SYSTEMMETRICS_MARIADB_URL="jdbc:mariadb://127.0.0.1:$port/"
    systemmetrics_mariadb_sql "CREATE USER '$SYSTEMMETRICS_MARIADB_USER'@'127.0.0.1' IDENTIFIED BY '$SYSTEMMETRICS_MARIADB_PASSWORD'"
    systemmetrics_mariadb_sql "GRANT ALL PRIVILEGES ON \`${SYSTEMMETRICS_MARIADB_USER}%\`.* TO '$SYSTEMMETRICS_MARIADB_USER'@'127.0.0.1'"
    systemmetrics_mariadb_sql "CREATE DATABASE \`$SYSTEMMETRICS_MARIADB_DATABASE\`"
    export SYSTEMMETRICS_MARIADB_URL SYSTEMMETRICS_MARIADB_USER SYSTEMMETRICS_MARIADB_PASSWORD SYSTEMMETRICS_MARIADB_DATABASE
}

systemmetrics_add_exit_trap systemmetrics_mariadb_cleanup
systemmetrics_mariadb_setup
