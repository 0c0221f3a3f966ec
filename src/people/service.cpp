#include "people/service.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "orgs/service.hpp"
#include "people/queries.hpp"
#include "people/rules.hpp"

namespace jiceng::people {
namespace {

namespace bj = boost::json;

const char* table_of(Holder h) { return h == Holder::member ? "member" : "person"; }
core::Register register_of(Holder h) { return h == Holder::member ? core::Register::members : core::Register::people; }

// Whether one of `who`'s area bindings at street level or above may assign the contact of `grid_path`.
bool assigns_contacts(const core::Principal& who, const std::string& grid_path) {
  return std::any_of(who.bindings.begin(), who.bindings.end(), [&](const core::Binding& b) {
    return b.scope_type == core::ScopeType::area &&
           core::allowed(b.role, core::Register::people, core::Action::write) &&
           orgs::level(b.path) <= orgs::kStreetLevel && core::path_within(grid_path, b.path);
  });
}

// A cadre of the grid's own street or town, or of the county above it.
void check_contact(store::Conn& c, const std::string& grid_path, std::int64_t person_id) {
  auto p = c.one(sql::kCadre, {person_id});
  if (!p) bad_request("person_id", "包联干部应为人员库中“干部”类的人员");
  const auto nodes = core::path_and_ancestors(grid_path);
  const auto street = nodes.size() > orgs::kStreetLevel ? nodes[orgs::kStreetLevel - 1] : nodes.front();
  const auto at = p->text(1);
  if (!(core::path_within(at, street) || at == nodes.front())) {
    bad_request("person_id", "包联干部应为本镇（街道）或县里的干部");
  }
}

}  // namespace

std::optional<std::string> revealed_column(Holder h, const std::string& field) {
  if (field == "phone") return "phone_enc";
  if (field == "id_number" && h == Holder::member) return "id_number_enc";
  return std::nullopt;
}

std::optional<std::string> reveal(App& app, const core::Principal& who, Holder h, std::int64_t id,
                                  const std::string& field, const std::string& ip) {
  const auto column = revealed_column(h, field);
  if (!column) bad_request("field", "field 不能查看");
  core::ScopeColumns cols;
  cols.area_path = "area_path";
  if (h == Holder::member) cols.org_path = "org_path";
  auto scope = core::scope_clause(who, register_of(h), core::Action::reveal, cols);
  return app.db.write([&](store::Conn& c) -> std::optional<std::string> {
    store::Params params{id};
    params.insert(params.end(), scope.params.begin(), scope.params.end());
    auto row = c.one("SELECT " + *column + " FROM " + table_of(h) + sql::kRevealWhere + scope.sql, params);
    if (!row) return std::nullopt;
    audit::record(c, {app.now(), who.username, who.account_id, ip, "reveal", table_of(h), std::to_string(id), "",
                      bj::serialize(bj::object{{"field", field}})});
    if (row->is_null(0)) return std::string();
    return app.cipher.decrypt(row->text(0));
  });
}

void set_grid_contact(App& app, const core::Principal& who, std::int64_t grid_id, std::optional<std::int64_t> person_id,
                      const std::string& ip) {
  app.db.write([&](store::Conn& c) {
    // The people register's write scope over the grid: staffing names people.
    const auto grids = orgs::grids_in_scope(c, who, core::Register::people, core::Action::write, grid_id, std::nullopt);
    if (grids.empty()) not_found();
    const auto& g = grids.front();
    // The town assigns its cadres to grids: a street or the county, not the grid or community itself.
    if (!assigns_contacts(who, g.path)) forbidden("包联干部由镇（街道）或县里指定");
    if (person_id) check_contact(c, g.path, *person_id);
    orgs::set_grid_contact(c, grid_id, person_id, app.now());
    audit::record(c, {app.now(), who.username, who.account_id, ip, "grid_contact", "area", std::to_string(grid_id),
                      g.contact_person_id ? std::to_string(*g.contact_person_id) : "",
                      person_id ? std::to_string(*person_id) : ""});
  });
}

// ---- For appeals ----

std::vector<std::int64_t> full_time_grid_worker_accounts(store::Conn& c, std::int64_t grid_id) {
  std::vector<std::int64_t> out;
  for (const auto& r : c.query(sql::kFullTimeGridWorkerAccounts, {grid_id})) out.push_back(r.integer(0));
  return out;
}

// ---- For org_life ----

namespace {
MemberBrief brief_of(const store::Row& r) {
  return MemberBrief{r.integer(0), r.text(1), r.integer(2), r.text(3), r.integer(4) == 1};
}
}  // namespace

std::optional<MemberBrief> member_brief(store::Conn& c, std::int64_t id) {
  auto r = c.one(std::string(sql::kBriefColumns) + sql::kBriefById, {id});
  if (!r) return std::nullopt;
  return brief_of(*r);
}

std::vector<MemberBrief> members_of_org(store::Conn& c, std::int64_t org_id) {
  std::vector<MemberBrief> out;
  for (const auto& r : c.query(std::string(sql::kBriefColumns) + sql::kBriefsOfOrg, {org_id})) {
    out.push_back(brief_of(r));
  }
  return out;
}

std::map<std::int64_t, Headcount> headcounts_under(store::Conn& c, const std::string& org_path) {
  std::map<std::int64_t, Headcount> out;
  for (const auto& r : c.query(sql::kHeadcountsUnder, {org_path, core::path_end(org_path)})) {
    out[r.integer(0)] = Headcount{r.integer(1), r.integer(2)};
  }
  return out;
}

// ---- For pipeline (发展党员) ----

bool member_with_id_index(store::Conn& c, const std::string& id_number_idx) {
  return c.one(sql::kMemberWithIdNumber, {id_number_idx, std::int64_t{0}}).has_value();
}

std::int64_t admit_probationary(store::Conn& c, const Admission& a, std::int64_t now) {
  if (member_with_id_index(c, a.id_number_idx)) conflict("该身份证号已登记为党员", "id_number");
  return c
      .one(sql::kAdmitProbationary, {a.name, a.gender, a.birth_date, a.id_number_enc, a.id_number_idx, a.id_number_mask,
                                     a.joined_on, a.org_id, a.org_path, a.area_path, now, now})
      ->integer(0);
}

void confirm_full(store::Conn& c, std::int64_t member_id, const std::string& full_on, std::int64_t now) {
  c.execute(sql::kConfirmFull, {full_on, now, member_id});
}

void cancel_probation(store::Conn& c, std::int64_t member_id, std::int64_t now) {
  c.execute(sql::kCancelProbation, {now, member_id});
}

// ---- For dues: the roll its accounts are opened from ----

namespace {
RollMember roll_of(const store::Row& r) {
  return RollMember{r.integer(0), r.text(1), r.integer(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7)};
}
}  // namespace

std::optional<RollMember> roll_member(store::Conn& c, std::int64_t id) {
  auto r = c.one(sql::kRollMember, {id});
  if (!r) return std::nullopt;
  return roll_of(*r);
}

std::vector<RollMember> roll_under(store::Conn& c, const std::string& org_path, std::int64_t limit) {
  std::vector<RollMember> out;
  for (const auto& r : c.query(sql::kRollUnder, {org_path, core::path_end(org_path), limit})) {
    out.push_back(roll_of(r));
  }
  return out;
}

// ---- For relations (组织关系转接, 处置): a member's organisation and status change only here ----

namespace {

void record_change(store::Conn& c, const std::string& by, std::int64_t now, const char* action, std::int64_t id,
                   const std::string& before, const std::string& after) {
  audit::record(c, {now, by, std::nullopt, "", action, "member", std::to_string(id), before, after});
}
}  // namespace

std::optional<MemberStanding> member_standing(store::Conn& c, std::int64_t id) {
  const auto r = c.one(sql::kStanding, {id});
  if (!r) return std::nullopt;
  return MemberStanding{r->integer(0), r->text(1), r->text(2), r->integer(3), r->text(4), r->text(5)};
}

std::vector<MemberStanding> standing_members_after(store::Conn& c, std::int64_t after_id, std::int64_t limit) {
  std::vector<MemberStanding> out;
  for (const auto& r : c.query(sql::kStandingAfter, {after_id, limit})) {
    out.push_back(MemberStanding{r.integer(0), r.text(1), r.text(2), r.integer(3), r.text(4), r.text(5)});
  }
  return out;
}

std::optional<std::int64_t> member_by_id_number(store::Conn& c, const crypto::FieldCipher& cipher,
                                                const std::string& id_number) {
  auto r = c.one(sql::kMemberByIdNumber, {cipher.blind_index(normalize_id_number(id_number))});
  if (!r) return std::nullopt;
  return r->integer(0);
}

void move_member(store::Conn& c, std::int64_t id, std::int64_t org_id, const std::string& by, std::int64_t now) {
  const auto m = member_standing(c, id);
  const auto to = orgs::org_info(c, org_id);
  if (!m) not_found("党员不存在");
  if (!to) bad_request("to_org_id", "接收党组织不存在");
  c.execute(sql::kMoveMember, {org_id, to->path, to->area_path, now, id});
  c.execute(sql::kMoveProblem, {org_id, to->path, to->area_path, id});
  record_change(c, by, now, "transfer", id, "org_id=" + std::to_string(m->org_id), "org_id=" + std::to_string(org_id));
}

bool status_step_allowed(const std::string& from, const std::string& to) {
  const bool standing = from == "full" || from == "probationary" || from == "stopped";
  const bool target = to == "stopped" || to == "removed" || to == "left" || to == "deceased";
  // A relation transferred out of the installation (the receipt came back) leaves a member in good standing.
  if (to == "transferred_out") return from == "full" || from == "probationary";
  return standing && target && from != to;
}

void set_member_status(store::Conn& c, std::int64_t id, const std::string& status, const std::string& by,
                       std::int64_t now) {
  const auto m = member_standing(c, id);
  if (!m) not_found("党员不存在");
  if (!status_step_allowed(m->status, status)) conflict("党员状态不能从 " + m->status + " 改为 " + status, "status");
  c.execute(sql::kSetStatus, {status, now, id});
  record_change(c, by, now, "status", id, "status=" + m->status, "status=" + status);
}

}  // namespace jiceng::people
