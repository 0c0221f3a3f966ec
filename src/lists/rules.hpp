#pragma once
// The three lists (资源、需求、项目) and two-way claiming as pure rules: how an order moves, and
// how well a resource suits a need, with the reasons shown to the community officer.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jiceng::lists {

enum class OrderStatus { published, claimed, dispatched, accepted, in_progress, completed, confirmed, cancelled };
enum class OrderAction { claim, dispatch, accept, start, complete, confirm, cancel };

std::optional<OrderStatus> parse_order_status(std::string_view s);
std::string_view order_status_name(OrderStatus s);
std::optional<OrderAction> parse_order_action(std::string_view s);
// The status an action leads to, or nullopt when it is not allowed from `from`.
std::optional<OrderStatus> next_order_status(OrderStatus from, OrderAction a);

struct NeedFacts final {
  std::string kind;       // venue, funds, service, volunteers, goods
  std::string grid_path;  // where the need is
  std::optional<double> lon;
  std::optional<double> lat;
};

struct ResourceFacts final {
  std::string kind;
  std::vector<std::string> served_paths;  // areas the resource serves (subtree roots); empty: anywhere
  std::optional<double> lon;
  std::optional<double> lat;
  double average_rating = 0;  // 0–5, 0 when never rated
  int ratings = 0;
  int open_orders = 0;  // current load
  int capacity = 1;     // orders it can carry at once
};

struct Suggestion final {
  double score = 0;                  // 0–100
  std::vector<std::string> reasons;  // zh-CN, one per factor, for the officer to read
  bool eligible = true;              // false when the resource cannot take it at all
};

// Type match counts most, then nearness (same grid, served area, distance), then past ratings,
// then how much room the resource has left.
// Without `explain` only the score and eligibility are worked out: ranking 100,000 resources needs
// the reasons of the few shown, not of every one.
Suggestion suggest(const NeedFacts& need, const ResourceFacts& res, bool explain = true);

}  // namespace jiceng::lists
