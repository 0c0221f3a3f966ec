// Pairings (结对) and volunteer teams (志愿服务队) as registers; their parties, help records,
// volunteers and hours are added through the module's own routes.
#include "pairing/registers.hpp"

#include <boost/json.hpp>

#include "cogov/common.hpp"
#include "core/errors.hpp"
#include "orgs/lookups.hpp"
#include "pairing/queries.hpp"
#include "registry/spec.hpp"

namespace jiceng::pairing {
namespace {

namespace bj = boost::json;
using core::Register;
using namespace registry::fields;

void area_in_scope(WriteCtx& wc) {
  if (wc.has("area_id")) wc.columns["area_path"] = wc.area_path("area_id", std::get<std::int64_t>(wc.input["area_id"]));
}

void pairing_detail(store::Conn& c, const store::Row& row, bj::object& o, bool detail) {
  if (!detail) return;
  const auto id = row.integer(0);
  bj::array parties, help;
  for (const auto& r : c.query(sql::kParties, {id})) {
    parties.push_back(bj::object{{"id", r.integer(0)},
                                 {"side", r.text(1)},
                                 {"party_kind", r.text(2)},
                                 {"ref_id", r.integer(3)},
                                 {"name", r.text(4)}});
  }
  for (const auto& r : c.query(sql::kHelps, {id})) {
    help.push_back(bj::object{{"id", r.integer(0)},
                              {"on_date", r.text(1)},
                              {"content", r.text(2)},
                              {"hours", r.is_null(3) ? bj::value(nullptr) : bj::value(r.real(3))},
                              {"recorded_by", r.text(4)},
                              {"at", r.integer(5)}});
  }
  o["parties"] = std::move(parties);
  o["help"] = std::move(help);
}

void team_detail(store::Conn& c, const store::Row& row, bj::object& o, bool detail) {
  if (!detail) return;
  bj::array volunteers;
  for (const auto& r : c.query(sql::kVolunteers, {row.integer(0)})) {
    volunteers.push_back(bj::object{{"id", r.integer(0)},
                                    {"name", r.text(1)},
                                    {"person_id", r.is_null(2) ? bj::value(nullptr) : bj::value(r.integer(2))},
                                    {"member_id", r.is_null(3) ? bj::value(nullptr) : bj::value(r.integer(3))},
                                    {"hours", r.real(4)}});
  }
  o["members"] = std::move(volunteers);
}

}  // namespace

void add_registers() {
  {
    static const std::vector<registry::Choice> kinds = {
        {"one_one", "1+1"}, {"n_one", "N+1"}, {"one_n", "1+N"}, {"enterprise_village", "企村结对"}};
    auto s = orgs::area_register(Register::pairings, "pairings", "结对", "pairing", "title");
    s.fields = {
        choice_field("kind", "结对类型", kinds, true, true),
        sorted(text_field("title", "结对名称", 60, true)),
        area_ref_field("所属社区（村）"),
        text_field("content", "结对内容", 500),
        value_field("started_on", "结对日期", Kind::date),
        shown_field("parties_count", "结对方数", Kind::integer),
        shown_field("helps", "帮扶次数", Kind::integer),
        shown_field("help_hours", "帮扶时长（小时）", Kind::number),
    };
    // Members and units see the pairings they are a party to.
    registry::widen_reads(s, sql::kPairingsOfUnit, sql::kPairingsOfMember);
    s.prepare = [](WriteCtx& wc) {
      area_in_scope(wc);
      if (!wc.create && wc.has("kind") && cogov::int_of(wc.existing->at("parties_count")).value_or(0) > 0) {
        bad_request("kind", "已有结对方，不能更改结对类型");
      }
    };
    s.decorate = pairing_detail;
    registry::add_spec(std::move(s));
  }
  {
    auto s = orgs::area_register(Register::pairings, "volunteer-teams", "志愿服务队", "volunteer_team");
    s.fields = {
        sorted(text_field("name", "服务队名称", 40, true)), area_ref_field("所属社区（村）"),
        text_field("description", "服务内容", 300),         text_field("leader", "队长", 30),
        shown_field("volunteers", "队员数", Kind::integer), shown_field("hours", "服务时长（小时）", Kind::number),
    };
    s.prepare = area_in_scope;
    s.decorate = team_detail;
    registry::add_spec(std::move(s));
  }
}

}  // namespace jiceng::pairing
