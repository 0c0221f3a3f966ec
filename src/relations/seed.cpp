// Relations' part of the demo county: a few mobile members (one gone quiet for months, one settled at
// a fixed place without a transfer) and a transfer between two communities waiting for the
// receiver, so the checks and both sides' lists have something to show.
#include "demo/seed.hpp"
#include "core/dates.hpp"
#include "orgs/service.hpp"
#include "people/seed.hpp"
#include "people/service.hpp"
#include "relations/queries.hpp"
#include "relations/rules.hpp"

namespace jiceng::relations {
namespace {

constexpr std::int64_t kFirstSeeded = 20;  // leave the first members to the other seeds and tests

void seed_flow(demo::Seed& s, std::int64_t member_id, const std::string& destination, std::int64_t months_ago,
               bool fixed, const std::optional<std::string>& last_contact) {
  const auto m = people::member_standing(s.c, member_id);
  if (!m) return;
  const auto since = core::format_day(add_months(core::local_day(s.now), -months_ago));
  const auto id =
      s.c.one(sql::kInsertFlow, {m->id, m->name, std::string("home"), m->org_id, m->org_path, m->area_path,
                                 store::null(), store::null(), store::null(), std::string("外地"), destination, since,
                                 std::string("微信联系"), std::int64_t{fixed ? 1 : 0}, std::string("系统"), s.now});
  if (last_contact && id) s.c.execute(sql::kFlowContact, {*last_contact, id->integer(0)});
}

}  // namespace

void seed(demo::Seed& s) {
  const auto members = people::seed_in_service_members(s, kFirstSeeded + 10);
  if (members.size() < kFirstSeeded + 3 || s.member_orgs.size() < 2) return;
  const auto today = core::local_day(s.now);
  seed_flow(s, members[kFirstSeeded].id, "江苏省苏州市工业园区（务工）", 8, false, std::nullopt);
  seed_flow(s, members[kFirstSeeded + 1].id, "山东省济南市历下区（定居）", 9, true, core::format_day(today - 20));
  seed_flow(s, members[kFirstSeeded + 2].id, "北京市朝阳区（短期务工）", 2, false, core::format_day(today - 5));
  // A transfer to another organisation, waiting for the receiver.
  const auto m = people::member_standing(s.c, members[kFirstSeeded + 3].id);
  if (!m) return;
  for (const auto org_id : s.member_orgs) {
    const auto to = orgs::org_info(s.c, org_id);
    if (!to || to->id == m->org_id || to->id == s.demo_branch || to->area_path == m->area_path) continue;
    s.c.execute(sql::kInsertTransfer,
                {std::string("within"), std::string("pending"), m->id, m->name, m->org_id, m->org_path, m->area_path,
                 store::null(), to->id, to->path, to->area_path, store::null(), std::string("工作调动"), store::null(),
                 store::null(), store::null(), store::null(), std::string("系统"), s.now - 3 * core::kDaySeconds});
    break;
  }
}

}  // namespace jiceng::relations
