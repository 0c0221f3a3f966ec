#!/usr/bin/env bash
# A database made before migrations moved beside their modules upgrades cleanly: loaded from the
# fixture (tests/fixtures/schema-before-module-migrations.STORE.sql, what commit 2b6bb8e's `jiceng
# migrate` made), `jiceng migrate` applies only the migrations written since (those of versions the
# fixture lacks), and the schema, with the versions it records, equals that of a database migrated
# fresh. A migration renamed or renumbered fails here.
# `run_upgrade.sh sqlite|postgres BIN`.
set -euo pipefail
store=$1 bin=$2
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
setup_store "$store"
fail() { echo "upgrade test ($store): $*"; exit 1; }
fixture="$here/fixtures/schema-before-module-migrations.$store.sql"

if [ "$store" = postgres ]; then
  for name in upgraded fresh; do "${PG_PSQL[@]}" -c "CREATE DATABASE $name" >/dev/null; done
  upgraded=${PG_URL%/*}/upgraded fresh=${PG_URL%/*}/fresh
  psql -q -v ON_ERROR_STOP=1 -d "$upgraded" -f "$fixture" >/dev/null || fail "the fixture did not load"
  # pg_dump sorts objects by kind and name; its comments and the session's random \restrict key go.
  schema() {
    pg_dump --schema-only --no-owner --no-privileges "$1" | grep -v -e '^--' -e '^\\restrict' -e '^\\unrestrict' |
      sed '/^$/d'
    psql -At -d "$1" -c "SELECT version FROM schema_migrations ORDER BY version"
  }
  versions() { psql -At -d "$1" -c "SELECT COUNT(*) FROM schema_migrations"; }
else
  upgraded="sqlite:$tmp/upgraded.db" fresh="sqlite:$tmp/fresh.db"
  sqlite3 -bail "$tmp/upgraded.db" <"$fixture" || fail "the fixture did not load"
  # Every table, index, trigger and view as SQLite keeps it, by kind and name (not by page).
  schema() {
    sqlite3 "${1#sqlite:}" "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name" \
      "SELECT version FROM schema_migrations ORDER BY version"
  }
  versions() { sqlite3 "${1#sqlite:}" "SELECT COUNT(*) FROM schema_migrations"; }
fi

"$bin" migrate --db "$fresh" >/dev/null 2>&1 || fail "migrate failed on a fresh database"
# The migrations since the fixture: the versions a fresh database records beyond the fixture's.
since=$(($(versions "$fresh") - $(versions "$upgraded")))
applied=$("$bin" migrate --db "$upgraded" 2>"$tmp/migrate.log") ||
  fail "migrate failed on the database made before the move: $(cat "$tmp/migrate.log")"
case "$applied" in
  "applied $since migration(s)"*) ;;
  *) fail "migrate should apply the $since migration(s) written since the fixture, but: $applied" ;;
esac
schema "$upgraded" >"$tmp/upgraded.schema"
schema "$fresh" >"$tmp/fresh.schema"
if ! diff -u "$tmp/upgraded.schema" "$tmp/fresh.schema" >"$tmp/schema.diff"; then
  head -40 "$tmp/schema.diff"
  fail "the upgraded schema differs from a fresh one (above: - upgraded, + fresh)"
fi
echo "upgrade ($store): a database made before migrations moved applies the $since written since and its schema" \
  "equals a fresh one ($(wc -l <"$tmp/fresh.schema") lines, $(tail -1 "$tmp/fresh.schema") the last version)"
