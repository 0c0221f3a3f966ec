#pragma once
// The figures leaders see (三率, first-line share, handling time, overdue) from the appeal_day
// rollup, and the per-appeal contribution that keeps that rollup in step.
#include <array>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "auth/principal.hpp"
#include "core/app.hpp"
#include "store/db.hpp"

namespace jiceng::appeals {

// The rollups' counters: received … overdue_resolved, first_line_grid, in appeal_day column order.
constexpr std::size_t kFigureColumns = 9;
using Counts = std::array<std::int64_t, kFigureColumns>;

// The seeds' target (seed 002, 高唐): 95% of all disputes and appeals resolved at the first line.
constexpr double kFirstLineTarget = 0.95;

// What one appeal adds to the rollup row of its area, intake day and category.
struct Contribution final {
  std::string area_path;
  std::string day;
  std::int64_t category_id = 0;
  Counts counts{};
  bool empty() const { return area_path.empty(); }
};
Contribution contribution_of(const store::Row& appeal);
// Moves the rollup from what an appeal contributed before a change to what it contributes after.
void retally(store::Conn& c, const Contribution& before, const Contribution& after);

// Recomputes both rollups from the appeals themselves (after a bulk load, or to repair them);
// returns how many appeals were counted.
std::int64_t rebuild_rollups(store::Conn& c);
// Rebuilds them when a migration has asked for it (a new counter); returns whether it did.
bool rebuild_rollups_if_due(store::Database& db);

// What is open right now under each node, kept per app (appeals::State) so that a crowd reading
// the figures page does not recount it.
class LiveCounts final {
 public:
  // Open, overdue, due soon, and as of when.
  std::array<std::int64_t, 4> get(store::Conn& c, const std::string& path, std::int64_t now);

 private:
  struct Entry final {
    std::array<std::int64_t, 4> counts{};
    std::int64_t generation = -1;  // the store's write generation it was counted at
    bool recounting = false;
  };
  std::mutex mu_;
  std::map<std::string, Entry> cache_;
};

struct FigureQuery final {
  std::string path;      // subtree
  std::string from_day;  // inclusive, YYYY-MM-DD
  std::string to_day;
  std::optional<std::int64_t> category_id;
};
// `live`: the app's cache of the open counts; null counts them afresh.
boost::json::object figures(store::Conn& c, const FigureQuery& q, std::int64_t now, bool by_child,
                            LiveCounts* live = nullptr);

// The rates of one set of counters, and a set of named ones ranked as the monthly notice ranks areas.
boost::json::object summarise(const Counts& t);
boost::json::array ranked(std::vector<std::pair<boost::json::object, Counts>> children);

}  // namespace jiceng::appeals
