#include "appeals/assignment.hpp"

#include <boost/json.hpp>

#include "appeals/queries.hpp"
#include "appeals/rules.hpp"
#include "appeals/service.hpp"
#include "appeals/service_internal.hpp"
#include "core/errors.hpp"

namespace jiceng::appeals {
namespace {

namespace bj = boost::json;

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

}  // namespace

std::optional<std::int64_t> default_assignee(store::Conn& c, std::int64_t grid_id) {
  if (auto p = c.one(sql::kFullTimeGridWorker, {grid_id})) {
    return p->integer(0);
  }
  if (auto b = c.one(sql::kGridStaff, {grid_id})) {
    return b->integer(0);
  }
  return std::nullopt;
}

bj::array assignees(App& app, const core::Principal& who, std::int64_t id) {
  return app.db.read([&](store::Conn& c) {
    const auto held = held_for(c, who, id);
    const auto root = community_path(held.area_path);
    bj::array out;
    for (const auto& r : c.query(sql::kStaffOfSubtree, {root, core::path_end(root)})) {
      const auto role = core::parse_role(r.text(2));
      out.push_back(bj::object{{"id", r.integer(0)},
                               {"name", r.text(1)},
                               {"role_label", role ? std::string(core::role_label(*role)) : r.text(2)},
                               {"area_name", r.text(3)}});
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
    for (const auto& r : c.query(sql::kStaffOfSubtree, {root, core::path_end(root)})) {
      if (r.integer(0) == account_id) name = r.text(1);
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
