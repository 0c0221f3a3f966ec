// What the subcommands share: the clock and opening the store.
#include <algorithm>
#include <ctime>
#include <thread>

#include "app/commands.hpp"
#include "appeals/figures.hpp"
#include "store/migrations.hpp"

namespace jiceng::app {

std::int64_t now_seconds() { return static_cast<std::int64_t>(std::time(nullptr)); }

std::unique_ptr<store::Database> open_db(const Common& c, bool run_migrations) {
  const int pool = static_cast<int>(std::max(4u, 4 * std::thread::hardware_concurrency()));
  auto db = store::open(c.db, pool);
  if (run_migrations) {
    store::migrate(*db);
    appeals::rebuild_rollups_if_due(*db);
  }
  return db;
}

}  // namespace jiceng::app
