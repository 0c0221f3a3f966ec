// Orders as their claimers and the community see them, the honour roll, the public page and the
// dispatch suggestions with their reasons.
#include "lists/views.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>

#include "cogov/common.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "lists/candidates.hpp"
#include "lists/queries.hpp"
#include "lists/rules.hpp"
#include "orgs/lookups.hpp"
#include "orgs/service.hpp"

namespace jiceng::lists {
namespace {

namespace bj = boost::json;
using core::Action;
using core::Register;

constexpr std::int64_t kRollSize = 50;
constexpr std::int64_t kPublicItems = 50;

core::ScopeColumns order_scope() {
  core::ScopeColumns cols;
  cols.area_path = "o.area_path";
  cols.unit_id = "o.unit_id";
  cols.member_id = "o.member_id";
  return cols;
}

// A row of sql::kOrderSelect with its area's name.
bj::object order_json(const store::Row& r, const std::string& area_name) {
  return bj::object{{"id", r.integer(0)},
                    {"need_id", json::opt_int(r, 1)},
                    {"project_id", json::opt_int(r, 2)},
                    {"subject", r.text(3)},
                    {"resource_id", json::opt_int(r, 4)},
                    {"resource_title", json::opt_text(r, 5)},
                    {"claimer_kind", r.text(6)},
                    {"unit_id", json::opt_int(r, 7)},
                    {"member_id", json::opt_int(r, 8)},
                    {"claimer_name", r.text(9)},
                    {"area_id", r.integer(kOrderAreaId)},
                    {"area_name", area_name},
                    {"via", r.text(11)},
                    {"status", r.text(kOrderStatus)},
                    {"rating", json::opt_int(r, 13)},
                    {"rating_comment", json::opt_text(r, 14)},
                    {"points", r.integer(15)},
                    {"created_at", r.integer(16)},
                    {"updated_at", r.integer(17)},
                    {"confirmed_at", json::opt_int(r, 18)}};
}

// The names of the areas of these rows, whose area id is column `col`, in one lookup.
std::map<std::int64_t, std::string> area_names_of(store::Conn& c, const store::ResultSet& rs, std::size_t col,
                                                  std::size_t n) {
  std::vector<std::int64_t> ids;
  for (std::size_t i = 0; i < n && i < rs.size(); ++i) {
    if (!rs[i].is_null(col)) ids.push_back(rs[i].integer(col));
  }
  return ids.empty() ? std::map<std::int64_t, std::string>{} : orgs::area_names(c, ids);
}

std::string name_in(const std::map<std::int64_t, std::string>& names, const store::Row& r, std::size_t col) {
  const auto it = r.is_null(col) ? names.end() : names.find(r.integer(col));
  return it == names.end() ? std::string() : it->second;
}

bool is_claimer(const core::Principal& who, const store::Row& order) {
  const auto u = cogov::acting_unit(who, Register::lists, Action::write);
  const auto m = cogov::acting_member(who, Register::lists, Action::write);
  return (u && !order.is_null(7) && order.integer(7) == *u) || (m && !order.is_null(8) && order.integer(8) == *m);
}

CandidateCache& candidate_cache() {
  static CandidateCache cache;
  return cache;
}

bj::object roll_of(store::Conn& c, const cogov::Area& area, const std::string& period) {
  std::string query = sql::kRoll;
  store::Params params{area.path, core::path_end(area.path)};
  if (period.size() == 4) {
    query += sql::kRollYear;
    params.emplace_back(period + "-01");
    params.emplace_back(period + "-12");
  } else {
    query += sql::kRollMonth;
    params.emplace_back(period);
  }
  params.emplace_back(kRollSize);
  bj::array items;
  std::int64_t rank = 0;
  for (const auto& r : c.query(query + sql::kRollTail, params)) {
    items.push_back(bj::object{{"rank", ++rank},
                               {"claimer_kind", r.text(0)},
                               {"unit_id", json::opt_int(r, 1)},
                               {"member_id", json::opt_int(r, 2)},
                               {"name", r.text(3)},
                               {"orders", r.integer(4)},
                               {"points", r.integer(5)},
                               {"average_rating", std::round(r.real(6) * 10) / 10}});
  }
  return bj::object{{"area_id", area.id}, {"area_name", area.name}, {"period", period}, {"items", std::move(items)}};
}

}  // namespace

std::optional<store::Row> order_row(store::Conn& c, const core::Principal& who, std::int64_t id) {
  auto scope = core::scope_clause(who, Register::lists, Action::read, order_scope());
  store::Params params{id};
  params.insert(params.end(), scope.params.begin(), scope.params.end());
  return c.one(std::string(sql::kOrderSelect) + " WHERE o.id = ? AND " + scope.sql, params);
}

std::vector<std::string> allowed_actions(const core::Principal& who, const store::Row& order) {
  static constexpr std::pair<OrderAction, const char*> kMoves[] = {{OrderAction::accept, "accept"},
                                                                   {OrderAction::start, "start"},
                                                                   {OrderAction::complete, "complete"},
                                                                   {OrderAction::confirm, "confirm"},
                                                                   {OrderAction::cancel, "cancel"}};
  std::vector<std::string> out;
  const auto status = parse_order_status(order.text(kOrderStatus));
  if (!status) return out;
  const bool staff = cogov::staff_over(who, Register::lists, Action::write, order.text(kOrderAreaPath));
  const bool claimer = is_claimer(who, order);
  for (const auto& [a, name] : kMoves) {
    if (!next_order_status(*status, a)) continue;
    // The community accepts a claim and confirms the work; a dispatched resource accepts for itself.
    const bool ok = a == OrderAction::confirm  ? staff
                    : a == OrderAction::accept ? staff || (claimer && *status == OrderStatus::dispatched)
                                               : staff || claimer;
    if (ok) out.emplace_back(name);
  }
  return out;
}

bj::object order_detail(store::Conn& c, const core::Principal& who, std::int64_t id) {
  auto row = order_row(c, who, id);
  if (!row) not_found();
  const std::int64_t area[] = {row->integer(kOrderAreaId)};
  const auto names = orgs::area_names(c, area);
  auto o = order_json(*row, name_in(names, *row, kOrderAreaId));
  bj::array timeline;
  for (const auto& e : c.query(sql::kOrderEvents, {id})) {
    timeline.push_back(
        bj::object{{"at", e.integer(0)}, {"actor", e.text(1)}, {"action", e.text(2)}, {"note", json::opt_text(e, 3)}});
  }
  o["timeline"] = std::move(timeline);
  bj::array actions;
  for (auto& a : allowed_actions(who, *row)) actions.emplace_back(a);
  o["actions"] = std::move(actions);
  return o;
}

bj::object order_view(App& app, const core::Principal& who, std::int64_t id) {
  return app.db.read([&](store::Conn& c) { return order_detail(c, who, id); });
}

std::optional<store::Row> need_for_staff(store::Conn& c, const core::Principal& who, std::int64_t id, Action a) {
  core::ScopeColumns cols;
  cols.area_path = "area_path";
  auto scope = core::scope_clause(who, Register::lists, a, cols);
  store::Params params{id};
  params.insert(params.end(), scope.params.begin(), scope.params.end());
  return c.one(std::string(sql::kNeedForStaff) + " AND " + scope.sql, params);
}

bj::object list_orders(App& app, const core::Principal& who, const OrderFilter& f) {
  auto scope = core::scope_clause(who, Register::lists, Action::read, order_scope());
  std::string where = " WHERE " + scope.sql;
  store::Params params = scope.params;
  store::and_if(where, params, "o.status = ?", f.status);
  store::and_if(where, params, "o.need_id = ?", f.need_id);
  store::and_if(where, params, "o.project_id = ?", f.project_id);
  bj::array items;
  std::optional<std::int64_t> next, total;
  app.db.read([&](store::Conn& c) {
    if (f.area_id) {
      auto a = orgs::area_by_id(c, *f.area_id);
      const std::string path = a ? a->path : "/none/";
      where += " AND o.area_path >= ? AND o.area_path < ?";
      params.emplace_back(path);
      params.emplace_back(core::path_end(path));
    }
    if (!f.after) total = c.scalar(sql::kOrderCount + where, params);
    auto page_params = params;
    std::string page_where = where;
    store::and_if(page_where, page_params, "o.id < ?", f.after);
    page_params.emplace_back(f.limit + 1);
    auto rs = c.query(sql::kOrderSelect + page_where + " ORDER BY o.id DESC LIMIT ?", page_params);
    const auto n = std::min<std::size_t>(rs.size(), static_cast<std::size_t>(f.limit));
    const auto names = area_names_of(c, rs, kOrderAreaId, n);
    for (std::size_t i = 0; i < n; ++i) items.push_back(order_json(rs[i], name_in(names, rs[i], kOrderAreaId)));
    if (rs.size() > n) next = rs[n - 1].integer(0);
  });
  bj::object out{{"items", std::move(items)}};
  out["next_cursor"] = next ? bj::value(std::to_string(*next)) : bj::value(nullptr);
  out["total"] = total ? bj::value(*total) : bj::value(nullptr);
  return out;
}

bj::object honour_roll(App& app, std::optional<std::int64_t> area_id, const core::Principal* who,
                       const std::string& period) {
  return app.db.read([&](store::Conn& c) { return roll_of(c, cogov::report_area(c, area_id, who), period); });
}

bj::object public_lists(App& app, std::optional<std::int64_t> area_id, const core::Principal* who) {
  return app.db.read([&](store::Conn& c) {
    const auto area = cogov::report_area(c, area_id, who);
    const store::Params range{area.path, core::path_end(area.path), kPublicItems};
    const auto need_rows = c.query(sql::kPublicNeeds, range);
    const auto project_rows = c.query(sql::kPublicProjects, range);
    const auto resource_rows = c.query(sql::kPublicResources, range);
    // Every area named on the page, in one lookup; a row whose area is gone is left out, as a join would.
    std::vector<std::int64_t> area_ids;
    for (const auto& r : need_rows) area_ids.push_back(r.integer(4));
    for (const auto& r : project_rows) area_ids.push_back(r.integer(6));
    for (const auto& r : resource_rows) area_ids.push_back(r.integer(5));
    const auto names = area_ids.empty() ? std::map<std::int64_t, std::string>{} : orgs::area_names(c, area_ids);
    const auto name_of = [&](const store::Row& r, std::size_t col) -> const std::string* {
      const auto it = names.find(r.integer(col));
      return it == names.end() ? nullptr : &it->second;
    };
    bj::array needs, projects, resources;
    for (const auto& r : need_rows) {
      const auto* area_name = name_of(r, 4);
      if (!area_name) continue;
      needs.push_back(bj::object{{"id", r.integer(0)},
                                 {"title", r.text(1)},
                                 {"kind", r.text(2)},
                                 {"description", json::opt_text(r, 3)},
                                 {"area_name", *area_name},
                                 {"created_at", r.integer(5)}});
    }
    for (const auto& r : project_rows) {
      const auto* area_name = name_of(r, 6);
      if (!area_name) continue;
      projects.push_back(bj::object{{"id", r.integer(0)},
                                    {"title", r.text(1)},
                                    {"description", json::opt_text(r, 2)},
                                    {"goal", json::opt_text(r, 3)},
                                    {"places", r.integer(4)},
                                    {"taken", r.integer(5)},
                                    {"area_name", *area_name},
                                    {"starts_on", json::opt_text(r, 7)},
                                    {"ends_on", json::opt_text(r, 8)}});
    }
    for (const auto& r : resource_rows) {
      const auto* area_name = name_of(r, 5);
      if (!area_name) continue;
      resources.push_back(bj::object{{"id", r.integer(0)},
                                     {"title", r.text(1)},
                                     {"kind", r.text(2)},
                                     {"description", json::opt_text(r, 3)},
                                     {"owner_name", r.text(4)},
                                     {"area_name", *area_name},
                                     {"available", json::opt_text(r, 6)}});
    }
    return bj::object{{"area_id", area.id},
                      {"area_name", area.name},
                      {"needs", std::move(needs)},
                      {"projects", std::move(projects)},
                      {"resources", std::move(resources)},
                      {"honour_roll", roll_of(c, area, core::month_of(app.now()))}};
  });
}

bj::object suggestions(App& app, const core::Principal& who, std::int64_t id, std::int64_t limit) {
  NeedFacts need_facts;
  std::vector<Ranked> ranked;
  std::map<std::int64_t, store::Row> shown;
  app.db.read([&](store::Conn& c) {
    auto need = need_for_staff(c, who, id, Action::write);
    if (!need) not_found();
    need_facts = NeedFacts{need->text(3), need->text(2), std::nullopt, std::nullopt};
    if (!need->is_null(4)) need_facts.lon = need->real(4);
    if (!need->is_null(5)) need_facts.lat = need->real(5);
    ranked = rank(need_facts, *candidate_cache().current(c), static_cast<std::size_t>(limit));
    if (ranked.empty()) return;
    std::string marks;
    store::Params ids;
    for (const auto& r : ranked) {
      marks += marks.empty() ? "?" : ", ?";
      ids.emplace_back(r.id);
    }
    for (auto& row : c.query(sql::kResourcesShown + marks + ")", ids)) {
      const auto key = row.integer(0);
      shown.emplace(key, std::move(row));
    }
  });
  bj::array items;
  for (const auto& r : ranked) {
    const auto row = shown.find(r.id);
    if (row == shown.end()) continue;             // removed since the cache was loaded
    const auto s = suggest(need_facts, r.facts);  // the reasons, for the few shown
    bj::array reasons;
    for (const auto& why : s.reasons) reasons.emplace_back(why);
    items.push_back(bj::object{{"resource_id", r.id},
                               {"title", row->second.text(1)},
                               {"kind", row->second.text(2)},
                               {"owner_name", row->second.text(3)},
                               {"score", s.score},
                               {"reasons", std::move(reasons)},
                               {"open_orders", r.facts.open_orders},
                               {"capacity", r.facts.capacity}});
  }
  return bj::object{{"items", std::move(items)}};
}

}  // namespace jiceng::lists
