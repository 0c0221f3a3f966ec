#include "appeals/assignment.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <tuple>
#include <unordered_map>

#include "appeals/queries.hpp"
#include "appeals/rules.hpp"
#include "appeals/service.hpp"
#include "appeals/service_internal.hpp"
#include "auth/service.hpp"
#include "core/errors.hpp"
#include "orgs/service.hpp"
#include "people/service.hpp"

namespace jiceng::appeals {
namespace {

namespace bj = boost::json;

// The roles that handle appeals at the first line, whom an appeal may be handed to.
constexpr core::Role kFirstLineRoles[] = {core::Role::grid_staff, core::Role::community_secretary};

// The community (or village) path above an appeal's area, or the area's own path above that level.
std::string community_path(const std::string& area_path) {
  const auto nodes = core::path_and_ancestors(area_path);
  constexpr std::size_t kCommunityDepth = 3;  // county / street / community
  return nodes.size() >= kCommunityDepth ? nodes[kCommunityDepth - 1] : area_path;
}

struct Held final {
  std::string area_path;
  std::string status;
  int level = 0;
};

// The appeal as the caller may change it, or 404; 403 when its level is above the caller's.
Held held_for(store::Conn& c, const core::Principal& who, std::int64_t id) {
  auto scope = core::scope_clause(who, core::Register::appeals, core::Action::write, scope_columns());
  store::Params params{id};
  params.insert(params.end(), scope.params.begin(), scope.params.end());
  auto r = c.one(sql::kHeld + scope.sql, params);
  if (!r) not_found();
  Held h{r->text(0), r->text(1), static_cast<int>(r->integer(2))};
  const int lvl = caller_level(who, h.area_path);
  if (lvl == 0) forbidden("您的角色不能转派诉求");
  if (lvl < h.level) forbidden("此诉求已上报至上级，由上级办理");
  return h;
}

struct Staff final {
  std::int64_t id = 0;
  std::string name;
  core::Role role;
  std::string area_name;
  // Where the store's collation puts the area's name and theirs: each owner sorts its own names.
  std::size_t area_rank = 0;
  std::size_t name_rank = 0;
};

// The active first-line staff bound to areas at or below `root`, by the area's name, then their
// name, then their id; someone bound twice under one area name is listed once.
std::vector<Staff> staff_of_subtree(store::Conn& c, const std::string& root) {
  std::unordered_map<std::int64_t, std::pair<std::size_t, std::string>> areas;  // id → rank, name
  std::vector<std::int64_t> area_ids;
  std::size_t rank = 0;
  const auto subtree = orgs::subtree(c, root);  // by name
  for (std::size_t i = 0; i < subtree.size(); ++i) {
    if (i > 0 && subtree[i].name != subtree[i - 1].name) ++rank;  // equal names rank equal
    areas.emplace(subtree[i].id, std::pair{rank, subtree[i].name});
    area_ids.push_back(subtree[i].id);
  }
  std::vector<Staff> out;
  rank = 0;
  const auto bound = auth::area_staff(c, area_ids, kFirstLineRoles);  // by display name
  for (std::size_t i = 0; i < bound.size(); ++i) {
    const auto& b = bound[i];
    if (i > 0 && b.display_name != bound[i - 1].display_name) ++rank;
    const auto& [area_rank, area_name] = areas.at(b.area_id);
    out.push_back({b.account_id, b.display_name, b.role, area_name, area_rank, rank});
  }
  const auto key = [](const Staff& s) { return std::tie(s.area_rank, s.name_rank, s.id, s.role, s.area_name); };
  std::sort(out.begin(), out.end(), [&](const Staff& a, const Staff& b) { return key(a) < key(b); });
  out.erase(std::unique(out.begin(), out.end(), [&](const Staff& a, const Staff& b) { return key(a) == key(b); }),
            out.end());
  return out;
}

}  // namespace

std::optional<std::int64_t> default_assignee(store::Conn& c, std::int64_t grid_id) {
  const auto workers = people::full_time_grid_worker_accounts(c, grid_id);
  const auto active = auth::active_accounts(c, workers);
  for (const auto id : workers) {
    if (active.count(id)) return id;
  }
  const std::int64_t grid[] = {grid_id};
  const core::Role grid_staff[] = {core::Role::grid_staff};
  std::optional<std::int64_t> first;
  for (const auto& s : auth::area_staff(c, grid, grid_staff))
    first = std::min(first.value_or(s.account_id), s.account_id);
  return first;
}

bj::array assignees(App& app, const core::Principal& who, std::int64_t id) {
  return app.db.read([&](store::Conn& c) {
    const auto held = held_for(c, who, id);
    const auto root = community_path(held.area_path);
    bj::array out;
    for (const auto& s : staff_of_subtree(c, root)) {
      out.push_back(bj::object{{"id", s.id},
                               {"name", s.name},
                               {"role_label", std::string(core::role_label(s.role))},
                               {"area_name", s.area_name}});
    }
    return out;
  });
}

void assign(App& app, const core::Principal& who, std::int64_t id, std::int64_t account_id, const std::string& ip) {
  const auto now = app.now();
  app.db.write([&](store::Conn& c) {
    const auto held = held_for(c, who, id);
    const auto status = parse_status(held.status);
    if (!status || !is_open(*status)) throw ApiError(409, "bad_state", "诉求已办结，不能转派");
    const auto root = community_path(held.area_path);
    std::optional<std::string> name;
    for (const auto& s : staff_of_subtree(c, root)) {
      if (s.id == account_id) name = s.name;
    }
    if (!name) bad_request("account_id", "只能转派给本网格或本社区（村）的工作人员");
    auto before = c.one(sql::kAssignee, {id});
    auto ch = change_by(who, id, now);
    ch.update = sql::kAssign;
    ch.params = {account_id, now, id};
    ch.action = "assign";
    ch.from = ch.to = held.status;
    ch.level = held.level;
    ch.note = "转派给" + *name;
    ch.audit =
        audit_by(who, now, ip, "assign", id, before && !before->is_null(0) ? std::to_string(before->integer(0)) : "",
                 std::to_string(account_id));
    apply_change(c, ch);
  });
}

}  // namespace jiceng::appeals
