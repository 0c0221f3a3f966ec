// 四民工作法 in motion: stages moved by staff, comments and meeting records, household ballots
// (sealed until the vote closes), residents' ratings, and the public page of every matter's stage.
#include <boost/json.hpp>

#include "cogov/common.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/router.hpp"
#include "deliberation/registers.hpp"
#include "deliberation/rules.hpp"
#include "registry/spec.hpp"

namespace jiceng::deliberation {
namespace {

namespace bj = boost::json;
using auth::Action;
using auth::Register;

constexpr std::size_t kMaxNote = 1000;
constexpr std::int64_t kMaxVoteSeconds = 90LL * 24 * 3600;
constexpr std::int64_t kPublicItems = 100;

struct Matter final {
  std::int64_t id;
  std::string area_path;
  Stage stage;
  std::string voter_base;
  std::int64_t opens_at, closes_at, eligible, ballots;
};

std::optional<Matter> load(store::Conn& c, std::int64_t id) {
  auto r = c.one(
      "SELECT id, area_path, stage, voter_base, COALESCE(opens_at, 0), COALESCE(closes_at, 0), eligible, ballots "
      "FROM deliberation WHERE id = ?",
      {id});
  if (!r) return std::nullopt;
  return Matter{r->integer(0), r->text(1),    parse_stage(r->text(2)).value_or(Stage::proposed),
                r->text(3),    r->integer(4), r->integer(5),
                r->integer(6), r->integer(7)};
}

// The matter when the caller may see it (staff over its area, or a resident bound there).
Matter visible(store::Conn& c, const Ctx& ctx, std::int64_t id) {
  auto m = load(c, id);
  if (!m || !cogov::staff_over(ctx.who(), Register::deliberations, Action::read, m->area_path)) not_found();
  return *m;
}

bool staff(const Ctx& ctx, const Matter& m) {
  return cogov::staff_over(ctx.who(), Register::deliberations, Action::write, m.area_path);
}

// The household a resident's account votes and rates for, when it lies inside the matter's area.
std::optional<std::int64_t> own_household(store::Conn& c, const Ctx& ctx, const Matter& m) {
  auto r = c.one("SELECT h.id, h.area_path FROM account a JOIN household h ON h.id = a.household_id WHERE a.id = ?",
                 {ctx.who().account_id});
  if (!r || !auth::path_within(r->text(1), m.area_path)) return std::nullopt;
  return r->integer(0);
}

void note(store::Conn& c, const Ctx& ctx, std::int64_t id, const std::string& kind, const std::string& body) {
  c.execute(
      "INSERT INTO deliberation_note (deliberation_id, kind, author, body, at) VALUES (?, ?, ?, ?, ?)",
      {id, kind, ctx.who().display_name.empty() ? ctx.who().username : ctx.who().display_name, body, ctx.app.now()});
}

http::Response detail(Ctx& ctx) { return registry::detail_response(*registry::find_spec("deliberations"), ctx); }

http::Response advance(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto to = parse_stage(json::req_string(body, "to", 20));
  if (!to) bad_request("to", "目标阶段无效");
  const auto reason = json::opt_string(body, "note", kMaxNote).value_or("");
  settle_due(ctx.app);
  ctx.app.db.write([&](store::Conn& c) {
    const auto m = visible(c, ctx, id);
    if (!staff(ctx, m)) forbidden("只有社区（村）工作人员可以推进议事阶段");
    if (!may_advance(m.stage, *to) || m.stage == Stage::voting) {
      conflict("当前为“" + std::string(stage_label(m.stage)) + "”，不能转到“" + std::string(stage_label(*to)) + "”" +
               (m.stage == Stage::voting ? "（表决结果由投票决定）" : ""));
    }
    const auto now = ctx.app.now();
    if (*to == Stage::voting) {
      const auto closes = json::opt_int(body, "closes_at");
      if (!closes) bad_request("closes_at", "请设定表决截止时间", "required");
      const auto opens = json::opt_int(body, "opens_at").value_or(now);
      if (*closes <= now || *closes <= opens) bad_request("closes_at", "截止时间应晚于现在和开始时间");
      if (*closes - now > kMaxVoteSeconds) bad_request("closes_at", "表决期最长 90 天");
      const auto path = m.area_path;
      c.execute(
          std::string("INSERT INTO deliberation_voter (deliberation_id, household_id) SELECT ?, id FROM household "
                      "WHERE area_path >= ? AND area_path < ?") +
              (m.voter_base == "representatives" ? " AND representative = 1" : ""),
          {id, path, auth::path_end(path)});
      const auto eligible = c.scalar("SELECT COUNT(*) FROM deliberation_voter WHERE deliberation_id = ?", {id});
      if (eligible == 0) {
        conflict(m.voter_base == "representatives" ? "该社区尚未登记居民代表，无法表决"
                                                   : "该社区尚未登记住户，无法表决");
      }
      c.execute(
          "UPDATE deliberation SET stage = 'voting', opens_at = ?, closes_at = ?, eligible = ?, updated_at = ? WHERE "
          "id = ?",
          {opens, *closes, eligible, now, id});
    } else {
      c.execute("UPDATE deliberation SET stage = ?, updated_at = ? WHERE id = ?",
                {std::string(stage_name(*to)), now, id});
    }
    note(c, ctx, id, "progress", "进入“" + std::string(stage_label(*to)) + "”" + (reason.empty() ? "" : "：" + reason));
    cogov::audit(c, ctx, "advance", "deliberation", id, std::string(stage_name(*to)));
  });
  return detail(ctx);
}

http::Response add_note(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto kind = json::req_string(body, "kind", 10);
  if (kind != "comment" && kind != "meeting" && kind != "progress")
    bad_request("kind", "类型应为 comment、meeting 或 progress");
  const auto text = cogov::text_field(body, "body", kMaxNote, "内容");
  ctx.app.db.write([&](store::Conn& c) {
    const auto m = visible(c, ctx, id);
    if (kind != "comment" && !staff(ctx, m)) forbidden("会议记录和进展由社区（村）工作人员填写");
    if (kind == "comment" && m.stage != Stage::proposed && m.stage != Stage::discussing) {
      conflict("议事已进入表决或实施，不能再发表意见");
    }
    note(c, ctx, id, kind, text);
    cogov::audit(c, ctx, "note", "deliberation", id, kind);
  });
  return detail(ctx);
}

http::Response ballot(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto choice = json::req_string(body, "choice", 10);
  if (choice != "yes" && choice != "no" && choice != "abstain") bad_request("choice", "请选择赞成、反对或弃权");
  const auto paper = json::opt_int(body, "household_id");
  settle_due(ctx.app);
  ctx.app.db.write([&](store::Conn& c) {
    const auto m = visible(c, ctx, id);
    const auto now = ctx.app.now();
    if (m.stage != Stage::voting || !voting_open(now, m.opens_at, m.closes_at)) conflict("当前不在表决期内");
    std::int64_t household = 0;
    std::string by;
    if (paper) {
      if (!staff(ctx, m)) forbidden("只有工作人员可以代录纸质选票");
      household = *paper;
      by = "paper:" + ctx.who().username;
    } else {
      auto own = own_household(c, ctx, m);
      if (!own) forbidden("您的账号未关联本社区的住户，不能投票");
      household = *own;
      by = ctx.who().username;
    }
    if (!c.one("SELECT 1 FROM deliberation_voter WHERE deliberation_id = ? AND household_id = ?", {id, household})) {
      conflict("该户不在本次表决范围内", "household_id");
    }
    if (c.one("SELECT 1 FROM deliberation_ballot WHERE deliberation_id = ? AND household_id = ?", {id, household})) {
      conflict("该户已投票，每户只能投一票");
    }
    c.execute(
        "INSERT INTO deliberation_ballot (deliberation_id, household_id, choice, cast_by, at) VALUES (?, ?, ?, ?, ?)",
        {id, household, choice, by, now});
    c.execute("UPDATE deliberation SET ballots = ballots + 1, " + choice + " = " + choice +
                  " + 1, updated_at = ? WHERE id = ?",
              {now, id});
    // Who voted is audited; how they voted stays only in the sealed ballot row.
    cogov::audit(c, ctx, "ballot", "deliberation", id, "household=" + std::to_string(household));
  });
  return detail(ctx);
}

http::Response close_vote(Ctx& ctx) {
  const auto id = ctx.id();
  ctx.app.db.write([&](store::Conn& c) {
    const auto m = visible(c, ctx, id);
    if (!staff(ctx, m)) forbidden();
    if (m.stage != Stage::voting) conflict("当前不在表决期内");
    if (m.ballots < m.eligible) conflict("还有住户未投票，不能提前结束表决");
    c.execute("UPDATE deliberation SET closes_at = ?, updated_at = ? WHERE id = ?", {ctx.app.now(), ctx.app.now(), id});
    cogov::audit(c, ctx, "close_vote", "deliberation", id, "");
  });
  settle_due(ctx.app);
  return detail(ctx);
}

http::Response rate(Ctx& ctx) {
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto score = json::opt_int(body, "score");
  if (!score || *score < 1 || *score > 5) bad_request("score", "请打 1 到 5 星");
  const auto comment = json::opt_string(body, "comment", kMaxNote).value_or("");
  settle_due(ctx.app);
  ctx.app.db.write([&](store::Conn& c) {
    const auto m = visible(c, ctx, id);
    if (m.stage != Stage::carrying_out && m.stage != Stage::evaluated) conflict("事项实施后才能评价");
    auto own = own_household(c, ctx, m);
    if (!own) forbidden("您的账号未关联本社区的住户，不能评价");
    if (c.one("SELECT 1 FROM deliberation_rating WHERE deliberation_id = ? AND household_id = ?", {id, *own})) {
      conflict("您家已评价过此事项");
    }
    c.execute(
        "INSERT INTO deliberation_rating (deliberation_id, household_id, score, comment, at) VALUES (?, ?, ?, ?, ?)",
        {id, *own, *score, comment.empty() ? store::null() : store::Value(comment), ctx.app.now()});
    c.execute("UPDATE deliberation SET rating_sum = rating_sum + ?, ratings = ratings + 1, updated_at = ? WHERE id = ?",
              {*score, ctx.app.now(), id});
    cogov::audit(c, ctx, "rate", "deliberation", id, std::to_string(*score));
  });
  return detail(ctx);
}

bj::object public_item(const store::Row& r, bool with_body) {
  using cogov::int_of;
  using cogov::text_of;
  bj::object described;
  describe(r, described);
  auto opt = [&](const char* col) { return int_of(r.at(col)) ? bj::value(*int_of(r.at(col))) : bj::value(nullptr); };
  bj::object o{{"id", r.integer(0)},
               {"title", text_of(r.at("title"))},
               {"area_name", text_of(r.at("area_name"))},
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

http::Response public_list(Ctx& ctx) {
  settle_due(ctx.app);
  auto out = ctx.app.db.read([&](store::Conn& c) {
    const auto area = cogov::report_area(c, ctx);
    bj::array items;
    for (const auto& r : c.query("SELECT t.*, a.name AS area_name FROM deliberation t JOIN area a ON a.id = t.area_id "
                                 "WHERE t.area_path >= ? AND t.area_path < ? ORDER BY t.id DESC LIMIT ?",
                                 {area.path, auth::path_end(area.path), kPublicItems})) {
      items.push_back(public_item(r, false));
    }
    return bj::object{{"area_id", area.id}, {"area_name", area.name}, {"items", std::move(items)}};
  });
  return json::respond(out);
}

http::Response public_detail(Ctx& ctx) {
  const auto id = ctx.id();
  settle_due(ctx.app);
  auto out = ctx.app.db.read([&](store::Conn& c) {
    auto r = c.one("SELECT t.*, a.name AS area_name FROM deliberation t JOIN area a ON a.id = t.area_id WHERE t.id = ?",
                   {id});
    if (!r) not_found("议事事项不存在");
    auto o = public_item(*r, true);
    o["notes"] = notes_of(c, id, true);
    return o;
  });
  return json::respond(out);
}

}  // namespace

void register_proposal_routes(Router& r);

void register_routes(Router& r) {
  register_proposal_routes(r);
  for (const char* name : {"households", "deliberations"})
    registry::register_spec_routes(r, *registry::find_spec(name));
  const auto tag = "deliberations";
  r.add("POST", "/api/v1/deliberations/{id}/advance", Access::authenticated, tag, "推进议事阶段", advance);
  r.add("POST", "/api/v1/deliberations/{id}/notes", Access::authenticated, tag, "发表意见、会议记录或进展", add_note);
  r.add("POST", "/api/v1/deliberations/{id}/ballots", Access::authenticated, tag, "投票（每户一票）", ballot);
  r.add("POST", "/api/v1/deliberations/{id}/close-vote", Access::authenticated, tag, "全部住户投票后提前结束表决",
        close_vote);
  r.add("POST", "/api/v1/deliberations/{id}/rating", Access::authenticated, tag, "民评（每户一次）", rate);
  r.add("GET", "/api/v1/public/deliberations", Access::open, tag, "公开的议事事项及所处阶段", public_list);
  r.add("GET", "/api/v1/public/deliberations/{id}", Access::open, tag, "公开的议事事项详情", public_detail);
}

}  // namespace jiceng::deliberation
