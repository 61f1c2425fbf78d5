#!/usr/bin/env bash
# Makes a PostgreSQL available to the tests (@downcity/store-postgres, @downcity/cluster-postgres) and exports
# DOWNCITY_TEST_DATABASE_URL.
#
#   source scripts/test-postgres.sh && ensure_test_postgres   # from test-all.sh: stops what it started on EXIT
#   bash scripts/test-postgres.sh pnpm --filter @downcity/store-postgres test   # runs one command with a database
#
# Order: DOWNCITY_TEST_DATABASE_URL when set (used as is); else a local cluster that already runs; else the
# installed cluster, started now (pg_ctlcluster, as root); else PostgreSQL installed through apt and started.
# For a local cluster it (re)creates the login role downcity_test with a fresh random password and CREATEDB,
# and exports postgres://downcity_test:<password>@127.0.0.1:<port>/postgres. A cluster this script started is
# stopped again when the shell exits; one that was already running is left running.

# The cluster this script started ("<version> <name>"), stopped on exit; empty when it started nothing.
DOWNCITY_PG_STARTED=""

_pg_say() { echo "==> postgres: $*" >&2; }

_pg_as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    _pg_say "need root to run '$*'. Run as root, or set DOWNCITY_TEST_DATABASE_URL to a role allowed to CREATE DATABASE."
    return 1
  fi
}

# Prints "<version> <name> <port> <status>" of the first installed cluster, nothing when none is.
_pg_first_cluster() {
  command -v pg_lsclusters >/dev/null 2>&1 || return 0
  pg_lsclusters --no-header 2>/dev/null | awk 'NR == 1 { print $1, $2, $3, $4 }'
}

_pg_stop_started() {
  if [ -n "$DOWNCITY_PG_STARTED" ]; then
    _pg_say "stopping cluster $DOWNCITY_PG_STARTED (started for the tests)"
    # shellcheck disable=SC2086 # "<version> <name>" are two arguments
    _pg_as_root pg_ctlcluster $DOWNCITY_PG_STARTED stop || true
    DOWNCITY_PG_STARTED=""
  fi
}

_pg_start_cluster() {
  local version=$1 name=$2
  _pg_say "starting installed cluster $version/$name"
  _pg_as_root pg_ctlcluster "$version" "$name" start || return 1
  DOWNCITY_PG_STARTED="$version $name"
  trap _pg_stop_started EXIT
}

_pg_install() {
  _pg_say "no PostgreSQL installed: installing it through apt"
  _pg_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq || return 1
  _pg_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null || return 1
}

# Creates (or re-passwords) the test role on the local cluster listening on $1 and exports the URL.
_pg_test_role() {
  local port=$1 password
  password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  _pg_as_root runuser -u postgres -- psql -q -X -v ON_ERROR_STOP=1 -p "$port" -d postgres >/dev/null <<SQL || return 1
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'downcity_test') THEN
    CREATE ROLE downcity_test LOGIN CREATEDB PASSWORD '$password';
  ELSE
    ALTER ROLE downcity_test LOGIN CREATEDB PASSWORD '$password';
  END IF;
END \$\$;
SQL
  export DOWNCITY_TEST_DATABASE_URL="postgres://downcity_test:$password@127.0.0.1:$port/postgres"
}

# Makes a database reachable and exports DOWNCITY_TEST_DATABASE_URL (see the top of this file). Returns non-zero,
# having said why, when it cannot; every step checks its own status, as callers may run it under `||`.
ensure_test_postgres() {
  if [ -n "${DOWNCITY_TEST_DATABASE_URL:-}" ]; then
    _pg_say "using DOWNCITY_TEST_DATABASE_URL"
    return 0
  fi
  local cluster
  cluster=$(_pg_first_cluster)
  if [ -z "$cluster" ]; then
    _pg_install || return 1
    cluster=$(_pg_first_cluster)
    if [ -z "$cluster" ]; then
      _pg_say "apt installed postgresql but pg_lsclusters lists no cluster; create one with pg_createcluster"
      return 1
    fi
  fi
  # shellcheck disable=SC2086 # split "<version> <name> <port> <status>"
  set -- $cluster
  local version=$1 name=$2 port=$3 status=$4
  if [ "$status" = "online" ]; then
    _pg_say "using running cluster $version/$name on port $port"
  else
    _pg_start_cluster "$version" "$name" || return 1
  fi
  _pg_test_role "$port" || return 1
  _pg_say "tests use postgres://downcity_test:***@127.0.0.1:$port/postgres"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  ensure_test_postgres
  if [ "$#" -gt 0 ]; then
    status=0
    "$@" || status=$?
    exit "$status"
  fi
fi
