// 谈心谈话: the pairs the rule asks to talk each year — committee members with each other and with
// each member — listed from the committee the branch names, each marked done with its date.
#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <set>

#include "cogov/common.hpp"
#include "core/dates.hpp"
#include "core/errors.hpp"
#include "org_life/internal.hpp"
#include "org_life/queries.hpp"
#include "org_life/service.hpp"
#include "orgs/service.hpp"
#include "people/service.hpp"

namespace jiceng::org_life {
namespace {

namespace bj = boost::json;
constexpr std::size_t kMaxCommittee = 7;
constexpr char kTalkSource[] = "《中国共产党支部工作条例（试行）》（谈心谈话：支委之间、支委与党员之间每年至少1次）";

orgs::OrgInfo org_for(store::Conn& c, const core::Principal& who, std::int64_t org_id, bool write) {
  const auto org = orgs::org_info(c, org_id);
  if (!org || !orgs::org_paths_in_scope(c, who, core::Register::org_life, core::Action::read, org_id)) {
    not_found("党组织不存在或不在您的管辖范围内");
  }
  if (write && !detail::writes_over(who, org->path, org->area_path))
    forbidden("只有本组织书记或上级组织可以登记谈心谈话");
  return *org;
}

std::pair<std::int64_t, std::int64_t> ordered(std::int64_t a, std::int64_t b) {
  return {std::min(a, b), std::max(a, b)};
}

struct Pairs final {
  std::map<std::int64_t, std::string> names;
  std::set<std::int64_t> committee;
  std::vector<std::pair<std::int64_t, std::int64_t>> required;  // ordered
};

Pairs pairs_of(store::Conn& c, std::int64_t org_id) {
  Pairs p;
  for (const auto& m : people::members_of_org(c, org_id)) p.names[m.id] = m.name;
  for (const auto& r : c.query(sql::kCommittee, {org_id})) {
    if (p.names.count(r.integer(0))) p.committee.insert(r.integer(0));
  }
  for (const auto a : p.committee) {
    for (const auto& [b, name] : p.names) {
      if (b == a || (p.committee.count(b) && b < a)) continue;  // each committee pair once
      p.required.push_back(ordered(a, b));
    }
  }
  std::sort(p.required.begin(), p.required.end());
  p.required.erase(std::unique(p.required.begin(), p.required.end()), p.required.end());
  return p;
}

}  // namespace

bj::object set_committee(App& app, const Actor& by, std::int64_t org_id, const std::vector<std::int64_t>& member_ids) {
  if (member_ids.size() > kMaxCommittee) bad_request("member_ids", "支部委员会最多不超过7人");
  return app.db.write([&](store::Conn& c) {
    const auto org = org_for(c, by.who, org_id, true);
    for (const auto id : member_ids) {
      const auto m = people::member_brief(c, id);
      if (!m || m->org_id != org_id) bad_request("member_ids", "支委应为本组织党员：" + std::to_string(id));
    }
    c.execute(sql::kClearCommittee, {org_id});
    for (const auto id : member_ids) c.execute(sql::kAddCommittee, {org_id, id, org.path, org.area_path, app.now()});
    cogov::audit(c, app, by, "committee", "party_org", org_id, std::to_string(member_ids.size()));
    return bj::object{{"org_id", org_id}, {"member_ids", bj::value_from(member_ids)}};
  });
}

bj::object talks(App& app, const core::Principal& who, std::int64_t org_id, int year) {
  return app.db.read([&](store::Conn& c) {
    org_for(c, who, org_id, false);
    const auto p = pairs_of(c, org_id);
    std::map<std::pair<std::int64_t, std::int64_t>, std::string> done;
    for (const auto& r : c.query(sql::kTalks, {org_id, std::int64_t{year}}))
      done[{r.integer(0), r.integer(1)}] = r.text(2);
    bj::array items;
    std::int64_t held = 0;
    for (const auto& [a, b] : p.required) {
      const auto it = done.find({a, b});
      if (it != done.end()) ++held;
      const bool both = p.committee.count(a) && p.committee.count(b);
      items.push_back(bj::object{{"a", bj::object{{"member_id", a}, {"name", p.names.at(a)}}},
                                 {"b", bj::object{{"member_id", b}, {"name", p.names.at(b)}}},
                                 {"kind", both ? "committee" : "committee_member"},
                                 {"done_on", it == done.end() ? bj::value(nullptr) : bj::value(it->second)}});
    }
    return bj::object{{"org_id", org_id},
                      {"year", year},
                      {"committee", bj::value_from(std::vector<std::int64_t>(p.committee.begin(), p.committee.end()))},
                      {"required", static_cast<std::int64_t>(p.required.size())},
                      {"done", held},
                      {"source", kTalkSource},
                      {"pairs", std::move(items)}};
  });
}

bj::object record_talk(App& app, const Actor& by, std::int64_t org_id, std::int64_t a, std::int64_t b,
                       const std::string& done_on) {
  const auto day = core::parse_day(done_on);
  if (day == core::kBadDay || !core::is_valid_date(done_on)) bad_request("done_on", "谈话日期无效");
  if (day > core::local_day(app.now())) bad_request("done_on", "谈话日期不能晚于今天");
  const int year = std::stoi(done_on.substr(0, 4));
  app.db.write([&](store::Conn& c) {
    org_for(c, by.who, org_id, true);
    const auto p = pairs_of(c, org_id);
    const auto pair = ordered(a, b);
    if (!std::binary_search(p.required.begin(), p.required.end(), pair)) {
      bad_request("b", std::string("这两名党员不是规定的谈话对象（支委之间、支委与党员）；依据：") + kTalkSource);
    }
    c.execute(sql::kRecordTalk, {org_id, std::int64_t{year}, pair.first, pair.second, done_on, by.name(), app.now()});
    cogov::audit(c, app, by, "talk", "party_org", org_id,
                 std::to_string(pair.first) + "-" + std::to_string(pair.second));
  });
  return talks(app, by.who, org_id, year);
}

bj::object committee_and_term(App& app, const core::Principal& who, std::int64_t org_id) {
  return app.db.read([&](store::Conn& c) {
    const auto org = org_for(c, who, org_id, false);
    const auto p = pairs_of(c, org_id);
    bj::array members, committee;
    for (const auto& m : people::members_of_org(c, org_id)) {
      members.push_back(bj::object{{"member_id", m.id}, {"name", m.name}, {"full_member", m.full}});
      if (p.committee.count(m.id)) committee.push_back(bj::object{{"member_id", m.id}, {"name", m.name}});
    }
    const auto t = c.one(sql::kTerm, {org_id});
    return bj::object{{"org_id", org_id},
                      {"org_name", org.name},
                      {"level", org.level},
                      {"committee_size", t ? t->integer(2) : 0},
                      {"elected_on", t && !t->is_null(0) ? bj::value(t->text(0)) : bj::value(nullptr)},
                      {"term_years", t && !t->is_null(1) ? bj::value(t->integer(1)) : bj::value(nullptr)},
                      {"can_write", detail::writes_over(who, org.path, org.area_path)},
                      {"committee", std::move(committee)},
                      {"members", std::move(members)}};
  });
}

}  // namespace jiceng::org_life
