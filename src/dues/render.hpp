#pragma once
// How the dues module shows a member's dues and a reduction, shared by its service files.
#include <boost/json/object.hpp>
#include <cstdint>
#include <map>
#include <span>

#include "core/app.hpp"
#include "dues/internal.hpp"
#include "store/db.hpp"

namespace jiceng::dues {

// The member's assessment, standing, the last 12 months, payments, reductions and bases.
boost::json::object render_member(store::Conn& c, const App& app, std::int64_t member_id);
boost::json::object render_reduction(const store::Row& r);  // a row of sql::kReductionColumns
// Each member's schedule, in two batched lookups.
std::map<std::int64_t, detail::Schedule> schedules(store::Conn& c, std::span<const std::int64_t> ids);
// What a member owes for the months before `current`.
Fen owed_fen(const detail::Schedule& s, int next_due, int current);

}  // namespace jiceng::dues
