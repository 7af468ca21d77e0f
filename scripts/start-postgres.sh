#!/bin/sh
# Start the local PostgreSQL 15 cluster and prepare the test database (idempotent; run as root).
# Prints only the test URL on stdout (everything else goes to stderr), so that:
#   export MIANZE_TEST_PG_URL=$(bash scripts/start-postgres.sh)
# gives postgresql://postgres:mianze@127.0.0.1:5432/mianze_test
# (password auth over TCP, which pg_hba.conf allows by default; nothing in pg_hba.conf is changed).
set -eu
exec 3>&1 1>&2
# Nothing started below may inherit fd 3: the server daemon would hold the caller's
# $(...) pipe open and the caller would wait for it forever.
# the installed server version (15 on Debian bookworm); PG_VERSION overrides
VERSION="${PG_VERSION:-$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)}"
[ -n "$VERSION" ] || { echo "PostgreSQL server is not installed (apt-get install postgresql)" >&2; exit 1; }
CLUSTER="${PG_CLUSTER:-main}"
PASSWORD="${MIANZE_TEST_PG_PASSWORD:-mianze}"
DBNAME="${MIANZE_TEST_PG_DB:-mianze_test}"

if ! pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1==v && $2==c {found=1} END {exit !found}'; then
    pg_createcluster "$VERSION" "$CLUSTER" 3>&-
fi
if ! pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1==v && $2==c && $4=="online" {found=1} END {exit !found}'; then
    pg_ctlcluster "$VERSION" "$CLUSTER" start 3>&-
fi
# wait until the server accepts connections
i=0
until su postgres -c "pg_isready -q"; do
    i=$((i + 1))
    [ "$i" -gt 30 ] && { echo "PostgreSQL did not start" >&2; exit 1; }
    sleep 1
done
su postgres -c "psql -q -v ON_ERROR_STOP=1 -c \"ALTER USER postgres PASSWORD '$PASSWORD'\""
if ! su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='$DBNAME'\"" | grep -q 1; then
    su postgres -c "createdb -E UTF8 -T template0 $DBNAME"
fi
echo "postgresql://postgres:$PASSWORD@127.0.0.1:5432/$DBNAME" >&3
