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
using registry::Field;
using registry::Kind;
using registry::read_only;
using registry::WriteCtx;

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
    Spec s;
    s.reg = Register::pairings;
    s.name = "pairings";
    s.label = "结对";
    s.table = "pairing";
    s.search_column = "title";
    s.names = {orgs::area_name_lookup()};
    s.fields = {
        Field{"kind", "kind", "结对类型", Kind::choice, true, 20, kinds, true},
        Field{"title", "title", "结对名称", Kind::text, true, 60},
        registry::area_ref_field("所属社区（村）"),
        Field{"content", "content", "结对内容", Kind::text, false, 500},
        Field{"started_on", "started_on", "结对日期", Kind::date},
        read_only("parties_count", "parties_count", "结对方数", Kind::integer),
        read_only("helps", "helps", "帮扶次数", Kind::integer),
        read_only("help_hours", "help_hours", "帮扶时长（小时）", Kind::number),
    };
    s.fields[1].sort = true;
    registry::place_by_area(s);
    // Members and units see the pairings they are a party to.
    core::ScopeColumns wide = s.scope;
    wide.member_id = sql::kPairingsOfMember;
    wide.unit_id = sql::kPairingsOfUnit;
    s.read_scope = wide;
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
    Spec s;
    s.reg = Register::pairings;
    s.name = "volunteer-teams";
    s.label = "志愿服务队";
    s.table = "volunteer_team";
    s.names = {orgs::area_name_lookup()};
    s.fields = {
        Field{"name", "name", "服务队名称", Kind::text, true, 40},
        registry::area_ref_field("所属社区（村）"),
        Field{"description", "description", "服务内容", Kind::text, false, 300},
        Field{"leader", "leader", "队长", Kind::text, false, 30},
        read_only("volunteers", "volunteers", "队员数", Kind::integer),
        read_only("hours", "hours", "服务时长（小时）", Kind::number),
    };
    s.fields[0].sort = true;
    registry::place_by_area(s);
    s.prepare = area_in_scope;
    s.decorate = team_detail;
    registry::add_spec(std::move(s));
  }
}

}  // namespace jiceng::pairing
