#pragma once
// The lists module's transactions, the only code that writes resource, need, project and
// service_order outside the registers: review, two-way claiming (a unit or member claims, the
// community dispatches), each order's moves to confirmation, and a 求助 appeal becoming a need.
// Each checks who may do it against the row it reads, in the same transaction.
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "cogov/common.hpp"
#include "core/app.hpp"
#include "lists/rules.hpp"

namespace jiceng::lists {

// Points a confirmed order earns its claimer on the honour roll: a base and more per star.
constexpr std::int64_t kBasePoints = 10;
constexpr std::int64_t kPointsPerStar = 2;

// A unit admin or member claims a published need, optionally with one of their own resources.
// Returns the order as order_detail shows it.
boost::json::object claim_need(App& app, const cogov::Actor& by, std::int64_t need, const std::string& note,
                               std::optional<std::int64_t> resource);
// A unit admin or member takes one place of a published project (one live claim each).
boost::json::object claim_project(App& app, const cogov::Actor& by, std::int64_t project, const std::string& note);
// Community staff send a published need to a resource with room; its owner becomes the claimer.
boost::json::object dispatch(App& app, const cogov::Actor& by, std::int64_t need, std::int64_t resource,
                             const std::string& note);

struct OrderMove final {
  OrderAction action = OrderAction::accept;  // accept, start, complete, confirm or cancel
  std::string name;                          // the action as the caller named it
  std::string note;
  std::optional<std::int64_t> rating;  // 1–5, with confirm
  std::string comment;                 // the rating's comment, with confirm
};
// Moves an order on; 403 when the caller may not make this move, 409 when the order cannot.
boost::json::object act(App& app, const cogov::Actor& by, std::int64_t order, const OrderMove& m);

enum class List { resources, needs, projects };
// The community publishes (approve) or turns down what was put forward for review.
void review(App& app, const cogov::Actor& by, List list, std::int64_t id, bool approve, const std::string& note);
// The owner, or staff over it, takes a resource off the list.
void withdraw(App& app, const cogov::Actor& by, std::int64_t resource);
// A 求助 appeal becomes a published need (titled by `title`, or the start of what the resident
// wrote); returns the need's id.
std::int64_t need_from_appeal(App& app, const cogov::Actor& by, std::int64_t appeal, const std::string& kind,
                              std::string title);

}  // namespace jiceng::lists
