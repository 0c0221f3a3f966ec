// 民主评议党员: a yearly campaign per organisation, each member's self-assessment from the phone,
// peer assessments, and the branch's rating within the county's cap on 优秀; a 不合格 rating opens a
// case the member pipeline handles. The county's dated settings (the cap) are kept here too, through
// core/dated_settings.hpp (the pattern began here; the member pipeline keeps its own the same way).
#include <boost/json.hpp>
#include <map>

#include "cogov/common.hpp"
#include "core/dated_settings.hpp"
#include "core/dates.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "org_life/internal.hpp"
#include "org_life/queries.hpp"
#include "org_life/rules.hpp"
#include "org_life/service.hpp"
#include "orgs/service.hpp"
#include "people/service.hpp"

namespace jiceng::org_life {
namespace {

namespace bj = boost::json;
constexpr std::int64_t kMaxPercent = 100;
constexpr char kSettingsTable[] = "org_life_setting";  // kept through core/dated_settings.hpp
constexpr char kReasonRule[] = "评定为基本合格或不合格须写明理由（依据：《不合格党员组织处置办法》）";

struct Campaign final {
  std::int64_t id = 0, org_id = 0, year = 0, cap_pct = 0;
  std::string org_path, area_path, status, cap_source;
};

std::optional<Campaign> load(store::Conn& c, std::int64_t id) {
  const auto r = c.one(sql::kCampaign, {id});
  if (!r) return std::nullopt;
  return Campaign{r->integer(0), r->integer(1), r->integer(4), r->integer(6),
                  r->text(2),    r->text(3),    r->text(5),    r->text(7)};
}

bool reads_over(store::Conn& c, const core::Principal& who, std::int64_t org_id) {
  return orgs::org_paths_in_scope(c, who, core::Register::org_life, core::Action::read, org_id).has_value();
}

Campaign writable(store::Conn& c, const core::Principal& who, std::int64_t id) {
  const auto k = load(c, id);
  if (!k || !reads_over(c, who, k->org_id)) not_found("评议不存在或不在您的管辖范围内");
  if (!detail::writes_over(who, k->org_path, k->area_path)) forbidden("只有本组织书记或上级组织可以操作民主评议");
  return *k;
}

// The campaign the member signed in takes part in, open.
std::pair<Campaign, std::int64_t> as_participant(store::Conn& c, const core::Principal& who, std::int64_t id) {
  const auto member = cogov::acting_member(who, core::Register::org_life, core::Action::read);
  if (!member) forbidden("请使用党员账号参加民主评议");
  const auto k = load(c, id);
  if (!k || !c.one(sql::kEvaluation, {id, *member})) not_found("您不在这次民主评议中");
  if (k->status != "open") conflict("民主评议已结束");
  return {*k, *member};
}

struct Setting final {
  std::int64_t value = 0;
  std::string source;
};
Setting setting_in_force(store::Conn& c, std::string_view key, std::int64_t now) {
  const auto s = core::dated::in_force(c, kSettingsTable, key, core::day_of(now));
  if (!s) return {};
  return {s->value, s->source};
}

bj::object peers_of(store::Conn& c, std::int64_t id) {
  std::map<std::int64_t, bj::object> by_member;
  for (const auto& r : c.query(sql::kPeerTally, {id})) by_member[r.integer(0)][r.text(1)] = r.integer(2);
  bj::object out;
  for (auto& [member, grades] : by_member) out[std::to_string(member)] = std::move(grades);
  return out;
}

bj::object render(store::Conn& c, const Campaign& k) {
  const auto org = orgs::org_info(c, k.org_id);
  auto peers = peers_of(c, k.id);
  bj::array members;
  std::int64_t excellent = 0;
  for (const auto& r : c.query(sql::kEvaluations, {k.id})) {
    const auto key = std::to_string(r.integer(0));
    const auto* p = peers.if_contains(key);
    if (!r.is_null(4) && r.text(4) == kExcellent) ++excellent;
    members.push_back(bj::object{
        {"member_id", r.integer(0)},
        {"name", r.text(1)},
        {"self_assessment", json::opt_text(r, 2)},
        {"self_at", r.is_null(3) ? bj::value(nullptr) : bj::value(r.integer(3))},
        {"peer_grades", p ? *p : bj::value(bj::object{})},
        {"rating", json::opt_text(r, 4)},
        {"rating_label", r.is_null(4) ? bj::value(nullptr) : bj::value(rating_label(r.text(4)).value_or(""))},
        {"rating_reason", json::opt_text(r, 5)},
        {"rated_by", json::opt_text(r, 6)}});
  }
  const auto n = static_cast<std::int64_t>(members.size());
  return bj::object{{"id", k.id},
                    {"org_id", k.org_id},
                    {"org_name", org ? org->name : ""},
                    {"year", k.year},
                    {"status", k.status},
                    {"excellent_cap_pct", k.cap_pct},
                    {"excellent_allowed", excellent_allowed(n, k.cap_pct)},
                    {"excellent_rated", excellent},
                    {"cap_source", k.cap_source},
                    {"members", std::move(members)}};
}

}  // namespace

bj::object settings(App& app) {
  return app.db.read([&](store::Conn& c) { return core::dated::listing(c, kSettingsTable); });
}

bj::object change_setting(App& app, const Actor& by, const std::string& key, std::int64_t value,
                          const std::string& source, const std::string& effective_from) {
  if (key != kExcellentCapKey) bad_request("key", "可设置的项目：excellent_cap_pct（民主评议优秀比例上限）");
  if (value < 0 || value > kMaxPercent) bad_request("value", "比例应在 0 到 100 之间");
  app.db.write([&](store::Conn& c) {
    const auto roots = orgs::root_areas(c);
    if (roots.empty() || !detail::supervises(by.who, roots.front().path, true)) {
      forbidden("组织生活规则由县委组织部设置");
    }
    core::dated::change(c, kSettingsTable, key, value, source, effective_from, core::local_day(app.now()), by.name(),
                        app.now());
    cogov::audit(c, app, by, "setting", "org_life_setting", 0, key + "=" + std::to_string(value));
  });
  return settings(app);
}

bj::object open_campaign(App& app, const Actor& by, std::int64_t org_id, int year) {
  const auto now = app.now();
  const int this_year = std::stoi(core::day_of(now).substr(0, 4));
  if (year != this_year && year != this_year - 1) bad_request("year", "只能开展本年度或上一年度的民主评议");
  return app.db.write([&](store::Conn& c) {
    const auto org = orgs::org_info(c, org_id);
    if (!org || !reads_over(c, by.who, org_id)) not_found("党组织不存在或不在您的管辖范围内");
    if (!detail::writes_over(by.who, org->path, org->area_path)) forbidden("只有本组织书记或上级组织可以开展民主评议");
    const auto members = people::members_of_org(c, org_id);
    if (members.empty()) conflict("该党组织没有党员，无需开展民主评议", "org_id");
    const auto cap = setting_in_force(c, kExcellentCapKey, now);
    const auto id = c.one(sql::kInsertCampaign, {org_id, org->path, org->area_path, std::int64_t{year}, cap.value,
                                                 cap.source, by.name(), now});
    if (!id) conflict(std::to_string(year) + "年度的民主评议已开展", "year");
    for (const auto& m : members) c.execute(sql::kInsertEvaluation, {id->integer(0), m.id, m.name});
    cogov::audit(c, app, by, "open", "org_life_campaign", id->integer(0), std::to_string(year));
    return render(c, *load(c, id->integer(0)));
  });
}

bj::object close_campaign(App& app, const Actor& by, std::int64_t id) {
  return app.db.write([&](store::Conn& c) {
    const auto k = writable(c, by.who, id);
    if (k.status != "open") conflict("民主评议已结束");
    if (const auto left = c.scalar(sql::kCountUnrated, {id}); left > 0) {
      conflict("尚有" + std::to_string(left) + "名党员未评定等次");
    }
    c.execute(sql::kCloseCampaign, {app.now(), id});
    cogov::audit(c, app, by, "close", "org_life_campaign", id, "");
    return render(c, *load(c, id));
  });
}

bj::object campaign(App& app, const core::Principal& who, std::int64_t id) {
  return app.db.read([&](store::Conn& c) {
    const auto k = load(c, id);
    if (!k || !reads_over(c, who, k->org_id)) not_found("评议不存在或不在您的管辖范围内");
    return render(c, *k);
  });
}

bj::object org_campaigns(App& app, const core::Principal& who, std::int64_t org_id) {
  return app.db.read([&](store::Conn& c) {
    if (!reads_over(c, who, org_id)) not_found("党组织不存在或不在您的管辖范围内");
    bj::array items;
    for (const auto& r : c.query(sql::kCampaignsOfOrg, {org_id})) {
      items.push_back(bj::object{{"id", r.integer(0)}, {"year", r.integer(1)}, {"status", r.text(2)}});
    }
    return bj::object{{"items", std::move(items)}};
  });
}

bj::object self_assess(App& app, const Actor& by, std::int64_t id, const std::string& text) {
  return app.db.write([&](store::Conn& c) {
    const auto [k, member] = as_participant(c, by.who, id);
    c.execute(sql::kSelfAssess, {text, app.now(), id, member});
    return bj::object{{"campaign_id", id}, {"member_id", member}, {"self_assessment", text}};
  });
}

bj::object peer_assess(App& app, const Actor& by, std::int64_t id, std::int64_t member_id, const std::string& grade,
                       const std::string& comment) {
  if (!rating_label(grade)) bad_request("grade", "评价应为 excellent、qualified、basic 或 unqualified");
  return app.db.write([&](store::Conn& c) {
    const auto [k, me] = as_participant(c, by.who, id);
    if (member_id == me) bad_request("member_id", "请在自评中评价自己");
    if (!c.one(sql::kEvaluation, {id, member_id})) bad_request("member_id", "该党员不在这次民主评议中");
    c.execute(sql::kUpsertPeer, {id, member_id, me, grade, comment, app.now()});
    return bj::object{{"campaign_id", id}, {"member_id", member_id}, {"grade", grade}};
  });
}

bj::object rate(App& app, const Actor& by, std::int64_t id, std::int64_t member_id, const std::string& rating,
                const std::string& reason) {
  if (!rating_label(rating))
    bad_request("rating", "等次应为 excellent（优秀）、qualified（合格）、basic（基本合格）或 unqualified（不合格）");
  if (rating_needs_reason(rating) && reason.empty()) bad_request("reason", kReasonRule, "required");
  return app.db.write([&](store::Conn& c) {
    const auto k = writable(c, by.who, id);
    if (k.status != "open") conflict("民主评议已结束");
    if (!c.one(sql::kEvaluation, {id, member_id})) bad_request("member_id", "该党员不在这次民主评议中");
    if (rating == kExcellent) {
      const auto allowed = excellent_allowed(c.scalar(sql::kCountEvaluated, {id}), k.cap_pct);
      if (c.scalar(sql::kCountRated, {id, std::string(kExcellent), member_id}) + 1 > allowed) {
        conflict("评为优秀的不超过参评党员的" + std::to_string(k.cap_pct) + "%，本次最多" + std::to_string(allowed) +
                     "人；依据：" + k.cap_source,
                 "rating");
      }
    }
    const auto now = app.now();
    c.execute(sql::kRate,
              {rating, reason.empty() ? store::null() : store::Value(reason), by.name(), now, id, member_id});
    if (rating == kUnqualified) {
      const auto who = people::member_brief(c, member_id);
      c.execute(sql::kOpenCase, {id, member_id, who ? who->name : "", k.org_id, k.org_path, k.area_path, k.year, reason,
                                 by.name(), now});
    } else {
      c.execute(sql::kDropOpenCase, {id, member_id});
    }
    cogov::audit(c, app, by, "rate", "org_life_campaign", id, std::to_string(member_id) + " " + rating);
    return render(c, k);
  });
}

bj::object member_life(App& app, const core::Principal& who, std::int64_t member_id) {
  auto meetings = app.db.read([&](store::Conn& c) {
    const auto m = people::member_brief(c, member_id);
    const auto self = cogov::acting_member(who, core::Register::org_life, core::Action::read);
    if (!m || (self != member_id && !reads_over(c, who, m->org_id))) not_found("党员不存在或不在您的管辖范围内");
    return detail::meetings_of_member(c, member_id);
  });
  auto evaluations = member_evaluations(app, who, member_id);
  return bj::object{{"meetings", std::move(meetings)}, {"evaluations", std::move(evaluations.at("items"))}};
}

bj::object member_evaluations(App& app, const core::Principal& who, std::int64_t member_id) {
  return app.db.read([&](store::Conn& c) {
    const auto m = people::member_brief(c, member_id);
    const auto self = cogov::acting_member(who, core::Register::org_life, core::Action::read);
    if (!m || (self != member_id && !reads_over(c, who, m->org_id))) not_found("党员不存在或不在您的管辖范围内");
    bj::array items;
    for (const auto& r : c.query(sql::kMemberEvaluations, {member_id})) {
      const auto org = orgs::org_info(c, r.integer(2));
      items.push_back(bj::object{
          {"campaign_id", r.integer(0)},
          {"year", r.integer(1)},
          {"org_name", org ? org->name : ""},
          {"status", r.text(3)},
          {"self_assessment", json::opt_text(r, 4)},
          {"rating", json::opt_text(r, 5)},
          {"rating_label", r.is_null(5) ? bj::value(nullptr) : bj::value(rating_label(r.text(5)).value_or(""))},
          {"rating_reason", json::opt_text(r, 6)}});
    }
    return bj::object{{"member_id", member_id}, {"name", m->name}, {"items", std::move(items)}};
  });
}

bj::object my_evaluations(App& app, const core::Principal& who) {
  const auto member = cogov::acting_member(who, core::Register::org_life, core::Action::read);
  if (!member) forbidden("请使用党员账号查看民主评议");
  auto mine = member_evaluations(app, who, *member);
  // The members each open campaign lets them assess.
  app.db.read([&](store::Conn& c) {
    for (auto& v : mine.at("items").as_array()) {
      auto& item = v.as_object();
      bj::array peers;
      if (item.at("status").as_string() == "open") {
        for (const auto& r : c.query(sql::kEvaluations, {item.at("campaign_id").as_int64()})) {
          if (r.integer(0) != *member) peers.push_back(bj::object{{"member_id", r.integer(0)}, {"name", r.text(1)}});
        }
      }
      item["peers"] = std::move(peers);
    }
  });
  return mine;
}

std::vector<Case> open_cases(store::Conn& c, const std::string& org_path) {
  std::vector<Case> out;
  for (const auto& r : c.query(sql::kOpenCases, {org_path, core::path_end(org_path)})) {
    out.push_back(
        Case{r.integer(0), r.integer(1), r.integer(3), r.integer(4), r.integer(7), r.text(2), r.text(5), r.text(6)});
  }
  return out;
}

std::map<std::int64_t, std::int64_t> last_attended(store::Conn& c, std::span<const std::int64_t> member_ids) {
  std::map<std::int64_t, std::int64_t> out;
  for (const auto& r : store::query_ids(c, sql::kLastAttendedIn, member_ids, sql::kLastAttendedTail)) {
    out.emplace(r.integer(0), core::local_day(r.integer(1)));
  }
  return out;
}

std::optional<Case> take_case(store::Conn& c, std::int64_t case_id) {
  const auto r = c.one(sql::kTakeCase, {case_id});
  if (!r) return std::nullopt;
  return Case{r->integer(0), r->integer(1), r->integer(3), r->integer(4),
              r->integer(7), r->text(2),    r->text(5),    r->text(6)};
}

}  // namespace jiceng::org_life
