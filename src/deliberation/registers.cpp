// Households (one ballot each) and deliberation matters as registers.
#include "deliberation/registers.hpp"

#include <boost/json.hpp>

#include "auth/service.hpp"
#include "cogov/common.hpp"
#include "core/errors.hpp"
#include "deliberation/queries.hpp"
#include "deliberation/rules.hpp"
#include "deliberation/service.hpp"
#include "orgs/lookups.hpp"
#include "registry/spec.hpp"

namespace jiceng::deliberation {
namespace {

namespace bj = boost::json;
using cogov::int_of;
using cogov::text_of;
using core::Register;
using namespace registry::fields;

constexpr std::int64_t kMaxPeople = 50;

void check_share(WriteCtx& wc, const char* key, const char* label) {
  if (!wc.given(key)) return;
  const auto v = std::get<double>(wc.input[key]);
  if (v < 0 || v > 1) bad_request(key, std::string(label) + "应为 0 到 1 之间的比例，如 0.5");
}

void prepare_matter(WriteCtx& wc) {
  if (wc.has("area_id")) {
    const auto id = std::get<std::int64_t>(wc.input["area_id"]);
    wc.columns["area_path"] = wc.area_path("area_id", id);
    if (!cogov::is_community(orgs::area_by_id(wc.conn, id)->kind)) bad_request("area_id", "议事应在社区或村一级进行");
  }
  check_share(wc, "quorum", "法定参与比例");
  check_share(wc, "majority", "通过比例");
  if (wc.create) {
    wc.columns["stage"] = std::string("proposed");
    if (!wc.given("quorum")) wc.columns["quorum"] = 0.5;
    if (!wc.given("majority")) wc.columns["majority"] = 0.5;
    if (!wc.given("voter_base")) wc.columns["voter_base"] = std::string("households");
    if (!wc.given("proposer_kind")) wc.columns["proposer_kind"] = std::string("resident");
  } else {
    // The rule of a vote is fixed once households may vote.
    const auto stage = text_of(wc.existing->at("stage"));
    if ((wc.has("quorum") || wc.has("majority") || wc.has("voter_base") || wc.has("area_id")) && stage != "proposed" &&
        stage != "discussing") {
      bad_request("quorum", "表决开始后不能修改表决规则和范围");
    }
  }
}

double real_of(const store::Value& v) {
  if (auto p = std::get_if<double>(&v)) return *p;
  if (auto p = std::get_if<std::int64_t>(&v)) return static_cast<double>(*p);
  return 0;
}

}  // namespace

// Ballots stay sealed until the vote closes: before then only the turnout shows.
void describe(const store::Row& row, bj::object& o) {
  const auto stage = parse_stage(text_of(row.at("stage"))).value_or(Stage::proposed);
  o["stage_label"] = std::string(stage_label(stage));
  const bool closed =
      stage == Stage::decided || stage == Stage::rejected || stage == Stage::carrying_out || stage == Stage::evaluated;
  if (closed && int_of(row.at("eligible")).value_or(0) > 0) {
    Count c{int_of(row.at("eligible")).value_or(0), int_of(row.at("yes")).value_or(0), int_of(row.at("no")).value_or(0),
            int_of(row.at("abstain")).value_or(0)};
    VoteRule rule{real_of(row.at("quorum")), real_of(row.at("majority"))};
    const auto r = decide(c, rule);
    o["result"] = bj::object{{"yes", c.yes},
                             {"no", c.no},
                             {"abstain", c.abstain},
                             {"turnout_share", std::round(r.turnout * 1000) / 1000},
                             {"yes_share", std::round(r.yes_share * 1000) / 1000},
                             {"quorum_reached", r.quorum_reached},
                             {"passed", r.passed}};
  } else {
    o["result"] = nullptr;
  }
  const auto n = int_of(row.at("ratings")).value_or(0);
  o["ratings"] = n;
  o["average_rating"] = n > 0 ? bj::value(std::round(static_cast<double>(int_of(row.at("rating_sum")).value_or(0)) *
                                                     10 / static_cast<double>(n)) /
                                          10)
                              : bj::value(nullptr);
}

bj::array notes_of(store::Conn& c, std::int64_t id, bool public_only) {
  bj::array out;
  for (const auto& r :
       c.query(std::string(sql::kNotes) + (public_only ? sql::kPublicNotesOnly : "") + sql::kNotesTail, {id})) {
    out.push_back(bj::object{{"kind", r.text(0)}, {"author", r.text(1)}, {"body", r.text(2)}, {"at", r.integer(3)}});
  }
  return out;
}

namespace {

void decorate_matter(store::Conn&, const store::Row& row, bj::object& o, bool) { describe(row, o); }

// What this caller's household may do with the matter: vote once while the vote is open, rate once after.
void detail_for(store::Conn& c, App& app, const core::Principal& who, bj::object& o) {
  const auto id = o["id"].as_int64();
  o["notes"] = notes_of(c, id, false);
  o["my_ballot"] = nullptr;
  o["may_vote"] = false;
  o["may_rate"] = false;
  auto m = c.one(sql::kMatterForDetail, {id});
  auto h = household_of_account(c, who.account_id);
  if (!m || !h || !core::path_within(h->area_path, m->text(0))) return;
  const auto household = h->id;
  const auto stage = parse_stage(m->text(1)).value_or(Stage::proposed);
  auto mine = c.one(sql::kBallotOf, {id, household});
  if (mine) o["my_ballot"] = mine->text(0);
  o["may_vote"] = !mine && stage == Stage::voting && voting_open(app.now(), m->integer(2), m->integer(3)) &&
                  c.one(sql::kIsVoter, {id, household});
  o["may_rate"] =
      (stage == Stage::carrying_out || stage == Stage::evaluated) && !c.one(sql::kHasRated, {id, household});
}

}  // namespace

void add_registers() {
  {
    auto s = orgs::area_register(Register::households, "households", "户", "household", "head_name");
    s.fields = {
        text_field("address", "住址", 100, true),
        sorted(text_field("head_name", "户主姓名", 30, true)),
        area_ref_field("所在社区（小区、楼栋）"),
        Field{"representative", "representative", "居民代表", Kind::boolean, false, 10, {}, true},
        value_field("people", "户人数", Kind::integer),
    };
    s.scope.own = sql::kOwnHousehold;
    s.own_key = [](store::Conn& c, const core::Principal& who) {
      return store::opt(auth::household_of(c, who.account_id));
    };
    s.prepare = [](WriteCtx& wc) {
      if (wc.has("area_id"))
        wc.columns["area_path"] = wc.area_path("area_id", std::get<std::int64_t>(wc.input["area_id"]));
      if (wc.given("people")) {
        const auto n = std::get<std::int64_t>(wc.input["people"]);
        if (n < 1 || n > kMaxPeople) bad_request("people", "户人数应为 1 到 50");
      }
      if (wc.create && !wc.given("representative")) wc.columns["representative"] = std::int64_t{0};
    };
    registry::add_spec(std::move(s));
  }
  {
    static const std::vector<registry::Choice> stages = {{"proposed", "民提"},           {"discussing", "民议"},
                                                         {"voting", "民决（投票中）"},   {"decided", "民决（通过）"},
                                                         {"rejected", "民决（未通过）"}, {"carrying_out", "实施中"},
                                                         {"evaluated", "民评"}};
    static const std::vector<registry::Choice> proposers = {
        {"resident", "居民"}, {"grid_staff", "网格员"}, {"community", "社区"}};
    static const std::vector<registry::Choice> bases = {{"households", "户代表"}, {"representatives", "居民代表"}};
    auto s = orgs::area_register(Register::deliberations, "deliberations", "议事事项", "deliberation", "title");
    s.fields = {
        sorted(text_field("title", "议题", 60, true)),
        text_field("body", "事项说明", 2000, true),
        area_ref_field("所在社区（村）"),
        text_field("proposer", "提出人", 30, true),
        choice_field("proposer_kind", "提出人类型", proposers, false, true),
        choice_field("voter_base", "表决方式", bases),
        value_field("quorum", "法定参与比例", Kind::number),
        value_field("majority", "通过比例", Kind::number),
        shown_field("stage", "阶段", Kind::choice, stages, true),
        shown_field("opens_at", "", Kind::integer),
        shown_field("closes_at", "", Kind::integer),
        shown_field("eligible", "应参与户数", Kind::integer),
        read_only("turnout", "ballots", "已投票户数", Kind::integer),
    };
    s.prepare = prepare_matter;
    s.decorate = decorate_matter;
    s.detail_for = detail_for;
    s.before_read = [](App& app) { settle_due(app); };
    registry::add_spec(std::move(s));
  }
}

}  // namespace jiceng::deliberation
