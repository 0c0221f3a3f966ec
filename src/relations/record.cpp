// A member's movement record (status, "in transfer", transfers, flows, cases) and the county's dated
// settings (the pattern of org_life's: a change closes the version in force and dates the next).
#include <boost/json.hpp>

#include "cogov/common.hpp"
#include "core/dated_settings.hpp"
#include "core/dates.hpp"
#include "core/errors.hpp"
#include "orgs/service.hpp"
#include "people/rules.hpp"
#include "people/service.hpp"
#include "relations/internal.hpp"
#include "relations/queries.hpp"
#include "relations/rules.hpp"
#include "relations/service.hpp"

namespace jiceng::relations {
namespace {

namespace bj = boost::json;
constexpr std::int64_t kMaxSettingValue = 3650;
constexpr const char* kSettingKeys[] = {"transfer_confirm_days", "correct_months", "letter_valid_days"};

bool known_key(const std::string& key) {
  for (const char* k : kSettingKeys) {
    if (key == k) return true;
  }
  return false;
}

// An organisation of the installation by its id, or the outside one named in words.
std::string org_name(store::Conn& c, const store::Row& r, std::size_t id_col, std::size_t outside_col) {
  if (!r.is_null(id_col)) {
    const auto org = orgs::org_info(c, r.integer(id_col));
    if (org) return org->name;
  }
  return r.is_null(outside_col) ? "" : r.text(outside_col);
}

bj::array transfers_of(store::Conn& c, std::int64_t member_id) {
  bj::array out;
  for (const auto& r : c.query(std::string(sql::kTransferColumns) + sql::kTransfersOfMember, {member_id})) {
    out.push_back(bj::object{{"id", r.integer(0)},
                             {"kind", r.text(1)},
                             {"state", r.text(2)},
                             {"from_name", org_name(c, r, 5, 8)},
                             {"to_name", org_name(c, r, 9, 12)},
                             {"started_at", r.integer(22)},
                             {"decided_at", r.is_null(24) ? bj::value(nullptr) : bj::value(r.integer(24))}});
  }
  return out;
}

bj::array flows_of(store::Conn& c, std::int64_t member_id) {
  bj::array out;
  for (const auto& r : c.query(std::string(sql::kFlowColumns) + sql::kFlowsOfMember, {member_id})) {
    out.push_back(bj::object{{"id", r.integer(0)},
                             {"registered_by", r.text(3)},
                             {"destination", r.text(11)},
                             {"host_name", org_name(c, r, 7, 10)},
                             {"since", r.text(12)},
                             {"last_contact_on", json::opt_text(r, 15)},
                             {"untraceable_since", json::opt_text(r, 16)},
                             {"state", r.text(17)},
                             {"ended_on", json::opt_text(r, 18)}});
  }
  return out;
}

bj::array cases_of(store::Conn& c, std::int64_t member_id) {
  bj::array out;
  for (const auto& r : c.query(std::string(sql::kCaseColumns) + sql::kCasesOfMember, {member_id})) {
    out.push_back(bj::object{{"id", r.integer(0)},
                             {"kind", r.text(1)},
                             {"reason", r.text(8)},
                             {"correct_by", json::opt_text(r, 9)},
                             {"state", r.text(11)},
                             {"outcome", json::opt_text(r, 12)},
                             {"decided_on", json::opt_text(r, 13)},
                             {"approved_on", json::opt_text(r, 17)}});
  }
  return out;
}

}  // namespace

bj::object member_by_id_number(App& app, const Actor& by, const std::string& id_number) {
  if (!by.who.can(core::Register::relations, core::Action::write)) forbidden("只有党组织可以登记流动党员");
  const auto normal = people::normalize_id_number(id_number);
  if (const auto why = people::id_number_problem(normal)) bad_request("id_number", *why);
  return app.db.write([&](store::Conn& c) {
    const auto id = people::member_by_id_number(c, app.cipher, normal);
    const auto m = id ? people::member_standing(c, *id) : std::nullopt;
    cogov::audit(c, app, by, "lookup", "member", m ? m->id : 0, m ? "found" : "none");
    if (!m) not_found("没有登记该身份证号的党员，外地转入请先办理组织关系转接");
    const auto org = orgs::org_info(c, m->org_id);
    return bj::object{{"member_id", m->id},  {"name", m->name},
                      {"org_id", m->org_id}, {"org_name", org ? org->name : ""},
                      {"status", m->status}, {"may_flow", may_move(m->status)}};
  });
}

bj::object member_record(App& app, const core::Principal& who, std::int64_t member_id) {
  return app.db.read([&](store::Conn& c) {
    const auto m = people::member_standing(c, member_id);
    if (!m || !detail::reaches(who, core::Action::read, m->org_path, m->area_path)) {
      // The receiving side of a pending transfer or a flow sees the member too.
      bool other_side = false;
      for (const auto& r : c.query(std::string(sql::kTransferColumns) + sql::kTransfersOfMember, {member_id})) {
        other_side = other_side || detail::reaches(who, core::Action::read, r.is_null(10) ? "" : r.text(10),
                                                   r.is_null(11) ? "" : r.text(11));
      }
      for (const auto& r : c.query(std::string(sql::kFlowColumns) + sql::kFlowsOfMember, {member_id})) {
        other_side = other_side || detail::reaches(who, core::Action::read, r.is_null(8) ? "" : r.text(8),
                                                   r.is_null(9) ? "" : r.text(9));
      }
      if (!m || !other_side) not_found("党员不存在或不在您的管辖范围内");
    }
    const bool in_transfer = c.one(sql::kOpenTransferOf, {member_id}).has_value();
    return bj::object{{"member_id", m->id},
                      {"name", m->name},
                      {"status", m->status},
                      {"org_id", m->org_id},
                      {"in_transfer", in_transfer},
                      // Until the receiver confirms, the sending organisation is responsible.
                      {"transfers", transfers_of(c, member_id)},
                      {"flows", flows_of(c, member_id)},
                      {"cases", cases_of(c, member_id)}};
  });
}

bj::object settings(App& app) {
  return app.db.read([&](store::Conn& c) { return core::dated::listing(c, detail::kSettingsTable); });
}

bj::object change_setting(App& app, const Actor& by, const std::string& key, std::int64_t value,
                          const std::string& source, const std::string& effective_from) {
  if (!known_key(key)) {
    bad_request("key", "可设置的项目：transfer_confirm_days、correct_months、letter_valid_days");
  }
  if (value < 1 || value > kMaxSettingValue) bad_request("value", "数值应在 1 到 3650 之间");
  app.db.write([&](store::Conn& c) {
    if (!detail::county(c, by.who)) forbidden("组织关系管理的县级设置由县委组织部设置");
    core::dated::change(c, detail::kSettingsTable, key, value, source, effective_from, core::local_day(app.now()),
                        by.name(), app.now());
    cogov::audit(c, app, by, "setting", "relation_setting", 0, key + "=" + std::to_string(value));
  });
  return settings(app);
}

}  // namespace jiceng::relations
