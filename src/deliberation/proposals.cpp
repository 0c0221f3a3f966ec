// 民提 from the phone: a resident puts a matter forward in their own community. It starts in stage
// proposed (民提) like any matter, and the community's staff take it into 四民议事 from the console
// (discussing, then the households' vote). The resident chooses neither the area nor the vote's
// rules: the community is the one the account lives in, the rules the community's defaults.
#include <boost/json.hpp>

#include "cogov/common.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/router.hpp"
#include "deliberation/service.hpp"

namespace jiceng::deliberation {
namespace {

constexpr std::size_t kMaxTitle = 60;  // as the deliberations register's fields
constexpr std::size_t kMaxBody = 2000;

bool is_resident(const core::Principal& who) {
  for (const auto& b : who.bindings) {
    if (b.role == core::Role::resident) return true;
  }
  return false;
}

http::Response post_proposal(Ctx& ctx) {
  if (!is_resident(ctx.who())) forbidden("居民账号才能从手机端提出议事（工作人员请在议事事项中登记）");
  const auto body = json::parse_object(ctx.req.body);
  const auto title = cogov::text_field(body, "title", kMaxTitle, "议题");
  const auto text = cogov::text_field(body, "body", kMaxBody, "事项说明");
  return json::respond(propose(ctx.app, cogov::actor(ctx), title, text), 201);
}

}  // namespace

void register_proposal_routes(Router& r) {
  r.add("POST", "/api/v1/deliberations/proposals", Access::authenticated, "deliberations",
        "居民提出议事（民提），在本人所在社区（村）", post_proposal);
}

}  // namespace jiceng::deliberation
