#include "appeals/state.hpp"

#include "appeals/queries.hpp"

namespace jiceng::appeals {
namespace {

// The calendar changes once a year and limits seldom: read them at most once a minute, or after an edit.
constexpr std::int64_t kPolicyTtl = 60;

}  // namespace

std::shared_ptr<const Policy> PolicyCache::get(store::Conn& c, std::int64_t now) {
  std::lock_guard lock(mu_);
  if (!cached_ || stale_ || now - loaded_at_ > kPolicyTtl || now < loaded_at_) {
    stale_ = false;
    auto pol = std::make_shared<Policy>();
    for (const auto& r : c.query(sql::kHolidays)) {
      const auto day = core::parse_day(r.text(0));
      if (day == core::kBadDay) continue;
      if (r.text(1) == "workday")
        pol->cal.add_workday(day);
      else
        pol->cal.add_holiday(day);
    }
    for (const auto& r : c.query(sql::kLimits)) {
      const auto u = parse_urgency(r.text(0));
      const auto unit = parse_limit_unit(r.text(1));
      if (!u || !unit) continue;
      const LimitRule rule{*u,
                           *unit,
                           static_cast<int>(r.integer(2)),
                           {static_cast<int>(r.integer(3)), static_cast<int>(r.integer(4)),
                            static_cast<int>(r.integer(5)), static_cast<int>(r.integer(6))}};
      if (!limit_problem(rule)) pol->limits[static_cast<std::size_t>(*u)] = rule;
    }
    cached_ = std::move(pol);
    loaded_at_ = now;
  }
  return cached_;
}

void PolicyCache::invalidate() {
  std::lock_guard lock(mu_);
  stale_ = true;
}

}  // namespace jiceng::appeals
