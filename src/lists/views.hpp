#pragma once
// What the lists module shows: orders with the moves open to the caller, the honour roll, the
// public page and dispatch suggestions. Reads only; the writes are in lists/service.hpp.
#include <boost/json/object.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "core/app.hpp"
#include "store/db.hpp"

namespace jiceng::lists {

// Columns of sql::kOrderSelect that the service reads too.
constexpr std::size_t kOrderAreaId = 10;
constexpr std::size_t kOrderStatus = 12;
constexpr std::size_t kOrderAreaPath = 19;

// The order's row (sql::kOrderSelect's columns) when it lies in the caller's read scope.
std::optional<store::Row> order_row(store::Conn& c, const core::Principal& who, std::int64_t id);
// The moves ("accept", "start", …) `who` may make on an order now.
std::vector<std::string> allowed_actions(const core::Principal& who, const store::Row& order);
// An order with its timeline and the moves open to the caller; 404 outside the caller's scope.
boost::json::object order_detail(store::Conn& c, const core::Principal& who, std::int64_t id);

// A need's status, area_id, area_path, kind, lon and lat when it lies in the caller's `a` scope.
std::optional<store::Row> need_for_staff(store::Conn& c, const core::Principal& who, std::int64_t id, core::Action a);

// order_detail in a read of its own.
boost::json::object order_view(App& app, const core::Principal& who, std::int64_t id);

struct OrderFilter final {
  std::int64_t limit = 20;
  std::optional<std::int64_t> after;  // the cursor: orders older than this id
  std::optional<std::string> status;
  std::optional<std::int64_t> need_id;
  std::optional<std::int64_t> project_id;
  std::optional<std::int64_t> area_id;  // the subtree; an unknown area matches nothing
};
// A page of orders, newest first, with the next cursor and (on the first page) the total.
boost::json::object list_orders(App& app, const core::Principal& who, const OrderFilter& f);

// 光荣榜 for a month ("2026-11") or a year ("2026") under an area (see cogov::report_area).
boost::json::object honour_roll(App& app, std::optional<std::int64_t> area_id, const core::Principal* who,
                                const std::string& period);
// The three published lists and this month's honour roll, for anyone.
boost::json::object public_lists(App& app, std::optional<std::int64_t> area_id, const core::Principal* who);
// The best `limit` resources for a need, with the reasons the officer reads.
boost::json::object suggestions(App& app, const core::Principal& who, std::int64_t need, std::int64_t limit);

}  // namespace jiceng::lists
