#include "lists/rules.hpp"

#include "core/geo.hpp"
#include "core/names.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace jiceng::lists {
namespace {

constexpr double kTypeWeight = 40;
constexpr double kNearWeight = 30;
constexpr double kRatingWeight = 20;
constexpr double kLoadWeight = 10;
constexpr double kNearMetres = 500;
constexpr double kFarMetres = 5000;

constexpr std::array<core::Named<OrderStatus>, 8> kStatuses = {{
    {OrderStatus::published, "published"},
    {OrderStatus::claimed, "claimed"},
    {OrderStatus::dispatched, "dispatched"},
    {OrderStatus::accepted, "accepted"},
    {OrderStatus::in_progress, "in_progress"},
    {OrderStatus::completed, "completed"},
    {OrderStatus::confirmed, "confirmed"},
    {OrderStatus::cancelled, "cancelled"},
}};
constexpr std::array<core::Named<OrderAction>, 7> kActions = {{
    {OrderAction::claim, "claim"},
    {OrderAction::dispatch, "dispatch"},
    {OrderAction::accept, "accept"},
    {OrderAction::start, "start"},
    {OrderAction::complete, "complete"},
    {OrderAction::confirm, "confirm"},
    {OrderAction::cancel, "cancel"},
}};

bool within(const std::string& path, const std::string& root) {
  return !root.empty() && path.compare(0, root.size(), root) == 0;
}

std::string fixed(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

}  // namespace

std::optional<OrderStatus> parse_order_status(std::string_view s) { return core::parse_named(kStatuses, s); }
std::string_view order_status_name(OrderStatus s) { return core::row_of(kStatuses, s).name; }
std::optional<OrderAction> parse_order_action(std::string_view s) { return core::parse_named(kActions, s); }

std::optional<OrderStatus> next_order_status(OrderStatus from, OrderAction a) {
  switch (a) {
    case OrderAction::claim:
      if (from == OrderStatus::published) return OrderStatus::claimed;
      break;
    case OrderAction::dispatch:
      if (from == OrderStatus::published) return OrderStatus::dispatched;
      break;
    case OrderAction::accept:
      // The community accepts a claim; the resource accepts a dispatch.
      if (from == OrderStatus::claimed || from == OrderStatus::dispatched) return OrderStatus::accepted;
      break;
    case OrderAction::start:
      if (from == OrderStatus::accepted) return OrderStatus::in_progress;
      break;
    case OrderAction::complete:
      if (from == OrderStatus::in_progress) return OrderStatus::completed;
      break;
    case OrderAction::confirm:
      if (from == OrderStatus::completed) return OrderStatus::confirmed;
      break;
    case OrderAction::cancel:
      if (from != OrderStatus::confirmed && from != OrderStatus::cancelled && from != OrderStatus::completed) {
        return OrderStatus::cancelled;
      }
      break;
  }
  return std::nullopt;
}

Suggestion suggest(const NeedFacts& need, const ResourceFacts& res, bool explain) {
  Suggestion s;
  auto why = [&](auto&& make) {
    if (explain) s.reasons.push_back(make());
  };
  if (res.kind == need.kind) {
    s.score += kTypeWeight;
    why([&] { return std::string("类型相符"); });
  } else {
    why([&] { return std::string("类型不同"); });
  }
  // Nearness: the same grid beats a served area, which beats mere distance.
  bool serves = res.served_paths.empty();
  for (const auto& root : res.served_paths) serves = serves || within(need.grid_path, root);
  double near = 0;
  if (need.lon && need.lat && res.lon && res.lat) {
    const double m = geo::distance_m(*need.lon, *need.lat, *res.lon, *res.lat);
    near = m <= kNearMetres ? 1.0 : m >= kFarMetres ? 0.0 : (kFarMetres - m) / (kFarMetres - kNearMetres);
    why([&] { return std::string("相距约 " + std::to_string(static_cast<long>(std::round(m))) + " 米"); });
  }
  if (std::any_of(res.served_paths.begin(), res.served_paths.end(),
                  [&](const std::string& root) { return root == need.grid_path; })) {
    near = 1.0;
    why([&] { return std::string("同一网格"); });
  } else if (serves && !res.served_paths.empty()) {
    near = std::max(near, 0.6);
    why([&] { return std::string("在服务范围内"); });
  }
  if (!serves) {
    s.eligible = false;
    why([&] { return std::string("不在服务范围内"); });
  }
  s.score += kNearWeight * near;
  if (res.ratings > 0) {
    s.score += kRatingWeight * std::clamp(res.average_rating / 5.0, 0.0, 1.0);
    why([&] {
      return std::string("历史评价 " + fixed(res.average_rating) + " 分（" + std::to_string(res.ratings) + " 次）");
    });
  } else {
    s.score += kRatingWeight * 0.5;  // unknown is neither good nor bad
    why([&] { return std::string("暂无评价"); });
  }
  const int room = std::max(0, res.capacity - res.open_orders);
  if (room == 0) {
    s.eligible = false;
    why([&] { return std::string("已满负荷（" + std::to_string(res.open_orders) + " 单在办）"); });
  } else {
    s.score += kLoadWeight * static_cast<double>(room) / std::max(1, res.capacity);
    why([&] {
      return std::string("在办 " + std::to_string(res.open_orders) + "/" + std::to_string(res.capacity) + " 单");
    });
  }
  s.score = std::round(s.score * 10) / 10;
  return s;
}

}  // namespace jiceng::lists
