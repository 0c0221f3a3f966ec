// 民提 from the phone: a resident puts a matter forward in their own community. It starts in stage
// proposed (民提) like any matter, and the community's staff take it into 四民议事 from the console
// (discussing, then the households' vote). The resident chooses neither the area nor the vote's
// rules: the community is the one the account lives in, the rules the community's defaults.
#include <boost/json.hpp>

#include "cogov/common.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/router.hpp"

namespace jiceng::deliberation {
namespace {

namespace bj = boost::json;

constexpr std::size_t kMaxTitle = 60;  // as the deliberations register's fields
constexpr std::size_t kMaxBody = 2000;
// Proposals of one resident still waiting for the community: enough for real matters, and a bound
// on what one account can pile onto the community's list.
constexpr std::int64_t kMaxWaiting = 3;
constexpr double kDefaultShare = 0.5;  // quorum and majority, as a matter created in the console

bool is_resident(const auth::Principal& who) {
  for (const auto& b : who.bindings) {
    if (b.role == auth::Role::resident) return true;
  }
  return false;
}

// The community or village the resident lives in: their household's, else their resident binding's
// (either may sit lower, in a grid, compound or building).
std::optional<cogov::Area> home_community(store::Conn& c, const auth::Principal& who) {
  std::vector<std::string> paths;
  if (auto h = c.one("SELECT h.area_path FROM account a JOIN household h ON h.id = a.household_id WHERE a.id = ?",
                     {who.account_id})) {
    paths.push_back(h->text(0));
  }
  for (const auto& b : who.bindings) {
    if (b.role == auth::Role::resident && b.scope_type == auth::ScopeType::area && !b.path.empty())
      paths.push_back(b.path);
  }
  for (const auto& path : paths) {
    const auto chain = auth::path_and_ancestors(path);
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      auto r = c.one("SELECT id, path, kind, name FROM area WHERE path = ?", {*it});
      if (r && cogov::is_community(r->text(2))) return cogov::Area{r->integer(0), r->text(1), r->text(2), r->text(3)};
    }
  }
  return std::nullopt;
}

http::Response propose(Ctx& ctx) {
  const auto& who = ctx.who();
  if (!is_resident(who)) forbidden("居民账号才能从手机端提出议事（工作人员请在议事事项中登记）");
  const auto body = json::parse_object(ctx.req.body);
  const auto title = cogov::text_field(body, "title", kMaxTitle, "议题");
  const auto text = cogov::text_field(body, "body", kMaxBody, "事项说明");
  const auto proposer = who.display_name.empty() ? who.username : who.display_name;
  auto out = ctx.app.db.write([&](store::Conn& c) {
    const auto home = home_community(c, who);
    if (!home) conflict("您的账号尚未绑定社区（村），请联系社区开通");
    const auto waiting = c.scalar(
        "SELECT COUNT(*) FROM deliberation WHERE area_path = ? AND stage = 'proposed' AND proposer_kind = 'resident' "
        "AND proposer = ?",
        {home->path, proposer});
    if (waiting >= kMaxWaiting) {
      conflict("您已有 " + std::to_string(kMaxWaiting) + " 件提议等待社区受理，请等社区处理后再提");
    }
    const auto now = ctx.app.now();
    const auto id =
        c.one(
             "INSERT INTO deliberation (title, body, area_id, area_path, proposer, proposer_kind, voter_base, "
             "quorum, majority, stage, created_at, updated_at) "
             "VALUES (?, ?, ?, ?, ?, 'resident', 'households', ?, ?, 'proposed', ?, ?) RETURNING id",
             {title, text, home->id, home->path, proposer, kDefaultShare, kDefaultShare, now, now})
            ->integer(0);
    c.execute("INSERT INTO deliberation_note (deliberation_id, kind, author, body, at) VALUES (?, 'progress', ?, ?, ?)",
              {id, proposer, std::string("居民通过手机提出（民提），待社区受理"), now});
    cogov::audit(c, ctx, "propose", "deliberation", id, title);
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
  return json::respond(out, 201);
}

}  // namespace

void register_proposal_routes(Router& r) {
  r.add("POST", "/api/v1/deliberations/proposals", Access::authenticated, "deliberations",
        "居民提出议事（民提），在本人所在社区（村）", propose);
}

}  // namespace jiceng::deliberation
