#pragma once
// What the appeals module keeps between requests, one per app (App::state): the county's policy
// (calendar and limits), the grid index that places appeals and the open counts the figures show.
// Each is thread-safe.
#include <array>
#include <cstdint>
#include <memory>
#include <mutex>

#include "appeals/calendar.hpp"
#include "appeals/figures.hpp"
#include "appeals/grid_index.hpp"
#include "appeals/rules.hpp"
#include "core/app.hpp"
#include "store/db.hpp"

namespace jiceng::appeals {

// The county's calendar and limits, read together.
struct Policy final {
  Calendar cal;
  std::array<LimitRule, kUrgencies> limits = {limit_rule(Urgency::emergency), limit_rule(Urgency::utilities),
                                              limit_rule(Urgency::general), limit_rule(Urgency::complex),
                                              limit_rule(Urgency::dispute)};
  const LimitRule& rule(Urgency u) const { return limits[static_cast<std::size_t>(u)]; }
};

// The policy, kept until edited (invalidate) or a minute has passed.
class PolicyCache final {
 public:
  std::shared_ptr<const Policy> get(store::Conn& c, std::int64_t now);
  void invalidate();

 private:
  std::mutex mu_;
  bool stale_ = true;
  std::shared_ptr<const Policy> cached_;
  std::int64_t loaded_at_ = 0;
};

struct State final {
  PolicyCache policy;
  GridIndex grids;  // one for every intake channel
  LiveCounts live;  // what is open under each node, for the figures
};

inline State& state_of(const App& app) { return app.state<State>(); }

}  // namespace jiceng::appeals
