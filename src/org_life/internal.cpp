// Who sees and writes a meeting, the tally move, and a meeting as the console and phone show it.
#include <boost/json.hpp>

#include <vector>

#include "auth/service.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "org_life/internal.hpp"
#include "org_life/queries.hpp"
#include "org_life/rules.hpp"
#include "org_life/standing.hpp"
#include "orgs/service.hpp"

namespace jiceng::org_life::detail {
namespace {

namespace bj = boost::json;

Meeting meeting_of(const store::Row& r) {
  return Meeting{r.integer(0), r.integer(1), r.text(2),  r.text(3),     r.text(4),
                 r.text(5),    r.text(12),   r.text(11), r.integer(10), r.integer(17) == 1};
}

bj::array roll(store::Conn& c, std::int64_t id) {
  bj::array out;
  for (const auto& r : c.query(sql::kRoll, {id})) {
    out.push_back(bj::object{{"member_id", r.integer(0)},
                             {"name", r.text(1)},
                             {"full_member", r.integer(2) == 1},
                             {"guest", r.integer(3) == 1},
                             {"status", r.text(4)},
                             {"leave_reason", json::opt_text(r, 5)},
                             {"leave_decided_by", json::opt_text(r, 6)}});
  }
  return out;
}

bj::array resolutions(store::Conn& c, std::int64_t id) {
  bj::array out;
  for (const auto& r : c.query(sql::kResolutions, {id})) {
    out.push_back(bj::object{{"body", r.text(0)},
                             {"ayes", json::opt_int(r, 1)},
                             {"noes", json::opt_int(r, 2)},
                             {"abstentions", json::opt_int(r, 3)},
                             {"passed", r.is_null(4) ? bj::value(nullptr) : bj::value(r.integer(4) == 1)}});
  }
  return out;
}

bj::array attachments(store::Conn& c, std::int64_t id) {
  bj::array out;
  for (const auto& r : c.query(sql::kAttachments, {id})) {
    auto attachment = json::row_object(r, {"hash", "name", "mime", "bytes", "added_by", "at"});
    attachment["url"] = "/api/v1/org-life/files/" + r.text(0);
    out.push_back(std::move(attachment));
  }
  return out;
}

// An observer is shown by the account's display name (auth's, one batch), the username beside it.
bj::array observers(store::Conn& c, std::int64_t id) {
  bj::array out;
  const auto rows = c.query(sql::kObservers, {id});
  std::vector<std::int64_t> ids;
  for (const auto& r : rows) ids.push_back(r.integer(0));
  const auto names = auth::display_names(c, ids);
  for (const auto& r : rows) {
    const auto it = names.find(r.integer(0));
    out.push_back(bj::object{{"account_id", r.integer(0)},
                             {"name", it == names.end() || it->second.empty() ? r.text(1) : it->second},
                             {"username", r.text(1)},
                             {"assigned_by", r.text(2)},
                             {"assigned_at", r.integer(3)},
                             {"assessment", json::opt_text(r, 4)},
                             {"assessed_at", json::opt_int(r, 5)}});
  }
  return out;
}

}  // namespace

bool writes_over(const core::Principal& who, const std::string& org_path, const std::string& area_path) {
  return core::binds_over(who, core::Register::org_life, core::Action::write, org_path, area_path);
}

bool supervises(const core::Principal& who, const std::string& area_path, bool county_only) {
  for (const auto& b : who.bindings) {
    const bool role = b.role == core::Role::org_dept || (!county_only && b.role == core::Role::street_officer);
    if (role && b.scope_type == core::ScopeType::area && core::path_within(area_path, b.path)) return true;
  }
  return false;
}

Meeting visible(store::Conn& c, const core::Principal& who, std::int64_t id) {
  core::ScopeColumns cols;
  cols.area_path = "m.area_path";
  cols.org_path = "m.org_path";
  cols.member_id = sql::kMemberOnRoll;
  auto scope = core::scope_clause(who, core::Register::org_life, core::Action::read, cols);
  store::Params params{id};
  params.insert(params.end(), scope.params.begin(), scope.params.end());
  params.emplace_back(who.account_id);
  auto r = c.one(std::string(sql::kMeetingColumns) + sql::kById + " AND (" + scope.sql + " OR " + sql::kObserving + ")",
                 params);
  if (!r) not_found("会议不存在或不在您的管辖范围内");
  return meeting_of(*r);
}

Meeting writable(store::Conn& c, const core::Principal& who, std::int64_t id) {
  const auto m = visible(c, who, id);
  if (!writes_over(who, m.org_path, m.area_path)) forbidden("只有本组织书记或上级组织可以管理会议");
  return m;
}

void tally(store::Conn& c, const Meeting& m, std::int64_t delta) {
  c.execute(sql::kTallyAdd, {m.org_path, m.kind, m.month, m.org_id, m.area_path, delta});
  if (const auto org = orgs::org_info(c, m.org_id)) restand(c, *org, std::stoi(m.month.substr(0, 4)));
}

std::optional<std::string> kind_label(store::Conn& c, const std::string& code) {
  auto r = c.one(sql::kKindLabel, {code});
  if (!r) return std::nullopt;
  return r->text(0);
}

bj::object render(store::Conn& c, const core::Principal& who, std::int64_t id) {
  const auto r = c.one(std::string(sql::kMeetingColumns) + sql::kById, {id});
  if (!r) not_found();
  const auto m = meeting_of(*r);
  const auto org = orgs::org_info(c, m.org_id);
  const bool held = m.status == "held";
  return bj::object{{"id", m.id},
                    {"org_id", m.org_id},
                    {"org_name", org ? org->name : ""},
                    {"kind", m.kind},
                    {"kind_label", kind_label(c, m.kind).value_or(m.kind)},
                    {"topic", m.topic},
                    {"agenda", r->text(6)},
                    {"place", r->text(7)},
                    {"venue_id", json::opt_int(*r, 8)},
                    {"presider", r->text(9)},
                    {"starts_at", m.starts_at},
                    {"status", m.status},
                    {"minutes", r->text(13)},
                    {"due", r->integer(14)},
                    {"present", r->integer(15)},
                    {"quorum", held ? bj::value(r->integer(16) == 1) : bj::value(nullptr)},
                    // A meeting below quorum is kept on record but counts for no duty and no vote.
                    {"valid", held ? bj::value(m.counted) : bj::value(nullptr)},
                    {"cancel_reason", json::opt_text(*r, 18)},
                    {"created_by", r->text(19)},
                    {"announced_at", json::opt_int(*r, 22)},
                    {"held_at", json::opt_int(*r, 23)},
                    {"can_write", writes_over(who, m.org_path, m.area_path)},
                    {"attendance", roll(c, id)},
                    {"resolutions", resolutions(c, id)},
                    {"attachments", attachments(c, id)},
                    {"observers", observers(c, id)}};
}

void audit(store::Conn& c, const App& app, const Actor& by, const std::string& action, std::int64_t id,
           const std::string& after) {
  cogov::audit(c, app, by, action, "meeting", id, after);
}

}  // namespace jiceng::org_life::detail
