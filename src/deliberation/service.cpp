// 四民工作法 in motion. Who may do what is checked against the matter read in the same transaction;
// ballots are counted into the matter as they come but shown only once the vote is settled.
#include "deliberation/service.hpp"
#include "orgs/lookups.hpp"

#include <boost/json.hpp>
#include <map>

#include "auth/service.hpp"
#include "core/errors.hpp"
#include "deliberation/queries.hpp"
#include "deliberation/registers.hpp"

namespace jiceng::deliberation {
namespace {

namespace bj = boost::json;
using cogov::int_of;
using core::Action;
using core::Register;

constexpr std::int64_t kPublicItems = 100;
// Proposals of one resident still waiting for the community: enough for real matters, and a bound
// on what one account can pile onto the community's list.
constexpr std::int64_t kMaxWaiting = 3;
constexpr double kDefaultShare = 0.5;  // quorum and majority, as a matter created in the console

struct Matter final {
  std::int64_t id;
  std::string area_path;
  Stage stage;
  std::string voter_base;
  std::int64_t opens_at, closes_at, eligible, ballots;
};

std::optional<Matter> load(store::Conn& c, std::int64_t id) {
  auto r = c.one(sql::kMatter, {id});
  if (!r) return std::nullopt;
  return Matter{r->integer(0), r->text(1),    parse_stage(r->text(2)).value_or(Stage::proposed),
                r->text(3),    r->integer(4), r->integer(5),
                r->integer(6), r->integer(7)};
}

// The matter when the caller may see it (staff over its area, or a resident bound there).
Matter visible(store::Conn& c, const core::Principal& who, std::int64_t id) {
  auto m = load(c, id);
  if (!m || !cogov::staff_over(who, Register::deliberations, Action::read, m->area_path)) not_found();
  return *m;
}

bool staff(const core::Principal& who, const Matter& m) {
  return cogov::staff_over(who, Register::deliberations, Action::write, m.area_path);
}

// The household a resident's account votes and rates for, when it lies inside the matter's area.
std::optional<std::int64_t> own_household(store::Conn& c, const core::Principal& who, const Matter& m) {
  auto h = household_of_account(c, who.account_id);
  if (!h || !core::path_within(h->area_path, m.area_path)) return std::nullopt;
  return h->id;
}

void note(store::Conn& c, const App& app, const cogov::Actor& by, std::int64_t id, const std::string& kind,
          const std::string& body) {
  c.execute(sql::kInsertNote, {id, kind, by.name(), body, app.now()});
}

// Fixes who may vote and opens the vote.
void open_vote(store::Conn& c, const App& app, const Matter& m, const Advance& a) {
  const auto now = app.now();
  if (!a.closes_at) bad_request("closes_at", "请设定表决截止时间", "required");
  const auto opens = a.opens_at.value_or(now);
  if (*a.closes_at <= now || *a.closes_at <= opens) bad_request("closes_at", "截止时间应晚于现在和开始时间");
  if (*a.closes_at - now > kMaxVoteSeconds) bad_request("closes_at", "表决期最长 90 天");
  const bool representatives = m.voter_base == "representatives";
  c.execute(std::string(sql::kEnrolVoters) + (representatives ? sql::kRepresentativesOnly : ""),
            {m.id, m.area_path, core::path_end(m.area_path)});
  const auto eligible = c.scalar(sql::kVoters, {m.id});
  if (eligible == 0) {
    conflict(representatives ? "该社区尚未登记居民代表，无法表决" : "该社区尚未登记住户，无法表决");
  }
  c.execute(sql::kOpenVote, {opens, *a.closes_at, eligible, now, m.id});
}

// The community or village the resident lives in: their household's, else their resident binding's
// (either may sit lower, in a grid, compound or building).
std::optional<cogov::Area> home_community(store::Conn& c, const core::Principal& who) {
  std::vector<std::string> paths;
  if (auto h = household_of_account(c, who.account_id)) paths.push_back(h->area_path);
  for (const auto& b : who.bindings) {
    if (b.role == core::Role::resident && b.scope_type == core::ScopeType::area && !b.path.empty())
      paths.push_back(b.path);
  }
  for (const auto& path : paths) {
    const auto chain = orgs::ancestors(c, path);
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      if (cogov::is_community(it->kind)) return *it;
    }
  }
  return std::nullopt;
}

// The counter a ballot of `choice` moves.
const char* ballot_count(const std::string& choice) {
  if (choice == "yes") return sql::kCountYes;
  if (choice == "no") return sql::kCountNo;
  if (choice == "abstain") return sql::kCountAbstain;
  bad_request("choice", "请选择赞成、反对或弃权");
}

bj::object public_item(const store::Row& r, const std::string& area_name, bool with_body) {
  using cogov::text_of;
  bj::object described;
  describe(r, described);
  auto opt = [&](const char* col) { return int_of(r.at(col)) ? bj::value(*int_of(r.at(col))) : bj::value(nullptr); };
  bj::object o{{"id", r.integer(0)},
               {"title", text_of(r.at("title"))},
               {"area_name", area_name},
               {"stage", text_of(r.at("stage"))},
               {"stage_label", described["stage_label"]},
               {"opens_at", opt("opens_at")},
               {"closes_at", opt("closes_at")},
               {"turnout", int_of(r.at("ballots")).value_or(0)},
               {"eligible", int_of(r.at("eligible")).value_or(0)},
               {"result", described["result"]},
               {"average_rating", described["average_rating"]},
               {"updated_at", int_of(r.at("updated_at")).value_or(0)}};
  if (with_body) o["body"] = text_of(r.at("body"));
  return o;
}

}  // namespace

bj::object propose(App& app, const cogov::Actor& by, const std::string& title, const std::string& text) {
  const auto proposer = by.name();
  return app.db.write([&](store::Conn& c) {
    const auto home = home_community(c, by.who);
    if (!home) conflict("您的账号尚未绑定社区（村），请联系社区开通");
    if (c.scalar(sql::kWaitingProposals, {home->path, proposer}) >= kMaxWaiting) {
      conflict("您已有 " + std::to_string(kMaxWaiting) + " 件提议等待社区受理，请等社区处理后再提");
    }
    const auto now = app.now();
    const auto id = c.one(sql::kInsertProposal,
                          {title, text, home->id, home->path, proposer, kDefaultShare, kDefaultShare, now, now})
                        ->integer(0);
    c.execute(sql::kInsertNote,
              {id, std::string("progress"), proposer, std::string("居民通过手机提出（民提），待社区受理"), now});
    cogov::audit(c, app, by, "propose", "deliberation", id, title);
    return bj::object{{"id", id},
                      {"title", title},
                      {"body", text},
                      {"area_id", home->id},
                      {"area_name", home->name},
                      {"proposer", proposer},
                      {"proposer_kind", "resident"},
                      {"stage", "proposed"},
                      {"stage_label", "民提"},
                      {"created_at", now}};
  });
}

void advance(App& app, const cogov::Actor& by, std::int64_t id, const Advance& a) {
  settle_due(app);
  app.db.write([&](store::Conn& c) {
    const auto m = visible(c, by.who, id);
    if (!staff(by.who, m)) forbidden("只有社区（村）工作人员可以推进议事阶段");
    if (!may_advance(m.stage, a.to) || m.stage == Stage::voting) {
      conflict("当前为“" + std::string(stage_label(m.stage)) + "”，不能转到“" + std::string(stage_label(a.to)) + "”" +
               (m.stage == Stage::voting ? "（表决结果由投票决定）" : ""));
    }
    if (a.to == Stage::voting) {
      open_vote(c, app, m, a);
    } else {
      c.execute(sql::kSetStage, {std::string(stage_name(a.to)), app.now(), id});
    }
    note(c, app, by, id, "progress",
         "进入“" + std::string(stage_label(a.to)) + "”" + (a.note.empty() ? "" : "：" + a.note));
    cogov::audit(c, app, by, "advance", "deliberation", id, std::string(stage_name(a.to)));
  });
}

void add_note(App& app, const cogov::Actor& by, std::int64_t id, const std::string& kind, const std::string& text) {
  app.db.write([&](store::Conn& c) {
    const auto m = visible(c, by.who, id);
    if (kind != "comment" && !staff(by.who, m)) forbidden("会议记录和进展由社区（村）工作人员填写");
    if (kind == "comment" && m.stage != Stage::proposed && m.stage != Stage::discussing) {
      conflict("议事已进入表决或实施，不能再发表意见");
    }
    note(c, app, by, id, kind, text);
    cogov::audit(c, app, by, "note", "deliberation", id, kind);
  });
}

void cast_ballot(App& app, const cogov::Actor& by, std::int64_t id, const std::string& choice,
                 std::optional<std::int64_t> paper) {
  const char* count = ballot_count(choice);
  settle_due(app);
  app.db.write([&](store::Conn& c) {
    const auto m = visible(c, by.who, id);
    const auto now = app.now();
    if (m.stage != Stage::voting || !voting_open(now, m.opens_at, m.closes_at)) conflict("当前不在表决期内");
    std::int64_t household = 0;
    std::string cast_by;
    if (paper) {
      if (!staff(by.who, m)) forbidden("只有工作人员可以代录纸质选票");
      household = *paper;
      cast_by = "paper:" + by.who.username;
    } else {
      auto own = own_household(c, by.who, m);
      if (!own) forbidden("您的账号未关联本社区的住户，不能投票");
      household = *own;
      cast_by = by.who.username;
    }
    if (!c.one(sql::kIsVoter, {id, household})) conflict("该户不在本次表决范围内", "household_id");
    if (c.one(sql::kHasVoted, {id, household})) conflict("该户已投票，每户只能投一票");
    c.execute(sql::kInsertBallot, {id, household, choice, cast_by, now});
    c.execute(count, {now, id});
    // Who voted is audited; how they voted stays only in the sealed ballot row.
    cogov::audit(c, app, by, "ballot", "deliberation", id, "household=" + std::to_string(household));
  });
}

void close_vote(App& app, const cogov::Actor& by, std::int64_t id) {
  app.db.write([&](store::Conn& c) {
    const auto m = visible(c, by.who, id);
    if (!staff(by.who, m)) forbidden();
    if (m.stage != Stage::voting) conflict("当前不在表决期内");
    if (m.ballots < m.eligible) conflict("还有住户未投票，不能提前结束表决");
    c.execute(sql::kCloseVoteNow, {app.now(), app.now(), id});
    cogov::audit(c, app, by, "close_vote", "deliberation", id, "");
  });
  settle_due(app);
}

void rate(App& app, const cogov::Actor& by, std::int64_t id, std::int64_t score, const std::string& comment) {
  settle_due(app);
  app.db.write([&](store::Conn& c) {
    const auto m = visible(c, by.who, id);
    if (m.stage != Stage::carrying_out && m.stage != Stage::evaluated) conflict("事项实施后才能评价");
    auto own = own_household(c, by.who, m);
    if (!own) forbidden("您的账号未关联本社区的住户，不能评价");
    if (c.one(sql::kHasRated, {id, *own})) conflict("您家已评价过此事项");
    c.execute(sql::kInsertRating,
              {id, *own, score, comment.empty() ? store::null() : store::Value(comment), app.now()});
    c.execute(sql::kCountRating, {score, app.now(), id});
    cogov::audit(c, app, by, "rate", "deliberation", id, std::to_string(score));
  });
}

std::int64_t settle_due(App& app) {
  const auto now = app.now();
  // The cheap check first: reads pass here, and only the first one after a vote closes writes.
  const bool due = app.db.read([&](store::Conn& c) { return c.one(sql::kAnyDue, {now}).has_value(); });
  if (!due) return 0;
  return app.db.write([&](store::Conn& c) {
    std::int64_t moved = 0;
    for (const auto& r : c.query(sql::kDue, {now})) {
      const auto result =
          decide(Count{r.integer(1), r.integer(2), r.integer(3), r.integer(4)}, VoteRule{r.real(5), r.real(6)});
      c.execute(sql::kSettle, {std::string(result.passed ? "decided" : "rejected"), r.integer(7), now, r.integer(0)});
      c.execute(sql::kSettledNote, {r.integer(0),
                                    std::string(result.passed ? "表决结束：通过" : "表决结束：未通过") +
                                        (result.quorum_reached ? "" : "（参与户数未达法定比例）"),
                                    now});
      ++moved;
    }
    return moved;
  });
}

bj::object public_matters(App& app, std::optional<std::int64_t> area_id, const core::Principal* who) {
  settle_due(app);
  return app.db.read([&](store::Conn& c) {
    const auto area = cogov::report_area(c, area_id, who);
    const auto rs = c.query(sql::kPublicMatters, {area.path, core::path_end(area.path), kPublicItems});
    std::vector<std::int64_t> area_ids;
    for (const auto& r : rs) area_ids.push_back(*int_of(r.at("area_id")));
    const auto names = orgs::area_names(c, area_ids);
    bj::array items;
    for (const auto& r : rs) {
      const auto name = names.find(*int_of(r.at("area_id")));
      if (name != names.end()) items.push_back(public_item(r, name->second, false));  // as the join did
    }
    return bj::object{{"area_id", area.id}, {"area_name", area.name}, {"items", std::move(items)}};
  });
}

bj::object public_matter(App& app, std::int64_t id) {
  settle_due(app);
  return app.db.read([&](store::Conn& c) {
    auto r = c.one(sql::kPublicMatter, {id});
    const auto area_id = r ? *int_of(r->at("area_id")) : 0;
    const auto names = r ? orgs::area_names(c, {&area_id, 1}) : std::map<std::int64_t, std::string>();
    if (!names.count(area_id)) not_found("议事事项不存在");  // as the join to the area did
    auto o = public_item(*r, names.at(area_id), true);
    o["notes"] = notes_of(c, id, true);
    return o;
  });
}

// For co-governance (see service.hpp).
std::optional<Household> household_by_id(store::Conn& c, std::int64_t id) {
  auto r = c.one(sql::kHousehold, {id});
  if (!r) return std::nullopt;
  return Household{r->integer(0), r->text(1), r->text(2), r->text(3)};
}

std::optional<Household> household_of_account(store::Conn& c, std::int64_t account_id) {
  const auto id = auth::household_of(c, account_id);
  return id ? household_by_id(c, *id) : std::nullopt;
}

}  // namespace jiceng::deliberation
