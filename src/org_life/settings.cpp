// What the county keeps: the meeting kinds it adds, its dated duty settings (a change closes the
// version in force and adds the next, so past periods keep their rule), and each branch's
// committee and term.
#include <algorithm>
#include <boost/json.hpp>

#include "core/dates.hpp"
#include "core/errors.hpp"
#include "core/text.hpp"
#include "org_life/internal.hpp"
#include "org_life/matrix.hpp"
#include "org_life/queries.hpp"
#include "org_life/rules.hpp"
#include "org_life/service.hpp"
#include "org_life/standing.hpp"
#include "orgs/service.hpp"

namespace jiceng::org_life {

namespace {

namespace bj = boost::json;

constexpr std::int64_t kMaxCount = 31;
constexpr std::int64_t kMaxTermYears = 10;
constexpr std::int64_t kMinCommittee = 3, kMaxCommittee = 7;
constexpr std::size_t kMaxKeyChars = 60;

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ",") + p;
  return out;
}

bool valid_key(const std::string& key) {
  if (key.size() < 3 || key.size() > kMaxKeyChars || key[0] < 'a' || key[0] > 'z') return false;
  return key.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_.") == std::string::npos;
}

bool valid_level(const std::string& level) {
  return level == "branch" || level == "general_branch" || level == "group" || level == "committee" ||
         level == "working_committee";
}

// Only the county's organisation department keeps the rules.
void county_only(store::Conn& c, const core::Principal& who) {
  const auto roots = orgs::root_areas(c);
  if (roots.empty() || !detail::supervises(who, roots.front().path, true)) {
    forbidden("组织生活规则由县委组织部设置");
  }
}

}  // namespace

std::vector<Duty> load_duties(store::Conn& c) {
  std::vector<Duty> out;
  for (const auto& r : c.query(sql::kDuties)) {
    Duty d;
    d.key = r.text(0);
    d.kind = r.text(1);
    d.period = parse_period(r.text(2)).value_or(Period::year);
    d.count = static_cast<int>(r.integer(3));
    d.applies_to = core::split_list(r.text(4), ',');
    d.source = r.text(5);
    d.central = r.integer(6) == 1;
    d.effective_from = core::parse_day(r.text(7));
    if (!r.is_null(8)) d.effective_to = core::parse_day(r.text(8));
    out.push_back(std::move(d));
  }
  return out;
}

bj::object kinds(App& app) {
  return app.db.read([&](store::Conn& c) {
    bj::array items;
    for (const auto& r : c.query(sql::kKinds)) {
      items.push_back(bj::object{{"code", r.text(0)}, {"label", r.text(1)}, {"builtin", r.integer(2) == 1}});
    }
    return bj::object{{"items", std::move(items)}};
  });
}

bj::object add_kind(App& app, const Actor& by, const std::string& code, const std::string& label) {
  if (!valid_kind_code(code)) bad_request("code", "类型代码应为 2–40 位小写字母、数字或下划线，以字母开头");
  app.db.write([&](store::Conn& c) {
    county_only(c, by.who);
    if (detail::kind_label(c, code)) conflict("会议类型已存在", "code");
    c.execute(sql::kInsertKind, {code, label, app.now()});
    cogov::audit(c, app, by, "add_kind", "meeting_kind", 0, code + " " + label);
  });
  return kinds(app);
}

bj::object duties(App& app) {
  return app.db.read([&](store::Conn& c) {
    bj::array items;
    for (const auto& r : c.query(sql::kDuties)) {
      bj::array levels;
      for (const auto& l : core::split_list(r.text(4), ',')) levels.emplace_back(l);
      items.push_back(bj::object{{"id", r.integer(9)},
                                 {"key", r.text(0)},
                                 {"kind", r.text(1)},
                                 {"kind_label", detail::kind_label(c, r.text(1)).value_or(r.text(1))},
                                 {"period", r.text(2)},
                                 {"count", r.integer(3)},
                                 {"applies_to", std::move(levels)},
                                 {"source", r.text(5)},
                                 {"central", r.integer(6) == 1},
                                 {"effective_from", r.text(7)},
                                 {"effective_to", r.is_null(8) ? bj::value(nullptr) : bj::value(r.text(8))},
                                 {"created_by", r.text(10)}});
    }
    return bj::object{{"items", std::move(items)}};
  });
}

bj::object change_duty(App& app, const Actor& by, const DutyChange& d) {
  if (!valid_key(d.key)) bad_request("key", "规则代码应为 3–60 位小写字母、数字、下划线或点");
  if (!parse_period(d.period)) bad_request("period", "周期应为 month、quarter 或 year");
  if (d.count < 0 || d.count > kMaxCount) bad_request("count", "次数应在 0 到 31 之间（0 表示不再要求）");
  if (d.applies_to.empty()) bad_request("applies_to", "请选择适用的组织层级", "required");
  for (const auto& l : d.applies_to) {
    if (!valid_level(l)) bad_request("applies_to", "组织层级无效：" + l);
  }
  const auto from = core::parse_day(d.effective_from);
  if (from == core::kBadDay || !core::is_valid_date(d.effective_from)) bad_request("effective_from", "生效日期无效");
  app.db.write([&](store::Conn& c) {
    county_only(c, by.who);
    if (!detail::kind_label(c, d.kind)) bad_request("kind", "会议类型不存在");
    // A new rule starts today or later: periods already under way keep the rule they began with.
    if (from < core::local_day(app.now()))
      bad_request("effective_from", "生效日期不能早于今天，已过去的周期沿用原规则");
    if (auto current = c.one(sql::kCurrentDuty, {d.key})) {
      if (current->integer(1) == 1) conflict("这是中央规定，县里不能修改；可另设县级规则", "key");
      if (core::parse_day(current->text(2)) >= from) conflict("生效日期应晚于现行版本的生效日期", "effective_from");
      c.execute(sql::kCloseDuty, {d.effective_from, current->integer(0)});
    }
    c.execute(sql::kInsertDuty, {d.key, d.kind, d.period, d.count, join(d.applies_to), d.source, std::int64_t{0},
                                 d.effective_from, by.name(), app.now()});
    cogov::audit(c, app, by, "duty", "org_life_duty", 0,
                 d.key + " " + d.period + " x" + std::to_string(d.count) + " from " + d.effective_from);
  });
  return duties(app);
}

bj::object set_term(App& app, const Actor& by, std::int64_t org_id, const Term& t) {
  if (t.elected_on && !core::is_valid_date(*t.elected_on)) bad_request("elected_on", "换届日期无效");
  if (t.term_years && (*t.term_years < 1 || *t.term_years > kMaxTermYears)) {
    bad_request("term_years", "任期应为 1 到 10 年");
  }
  if (t.committee_size != 0 && (t.committee_size < kMinCommittee || t.committee_size > kMaxCommittee)) {
    bad_request("committee_size", "支部委员会一般由3至5人组成，最多不超过7人（未设委员会填0）");
  }
  return app.db.write([&](store::Conn& c) {
    const auto org = orgs::org_info(c, org_id);
    if (!org || !detail::writes_over(by.who, org->path, org->area_path)) not_found("党组织不存在或不在您的管辖范围内");
    if (t.elected_on && core::parse_day(*t.elected_on) > core::local_day(app.now())) {
      bad_request("elected_on", "换届日期不能晚于今天");
    }
    c.execute(sql::kUpsertTerm, {org_id, org->path, org->area_path, store::opt(t.elected_on), store::opt(t.term_years),
                                 t.committee_size, app.now()});
    // Whether a committee sits decides whether 支委会 are owed: every year on record, and this one.
    auto years = detail::standing_years(c, org_id);
    const int year = period_of(Period::year, core::local_day(app.now())).year;
    if (std::find(years.begin(), years.end(), year) == years.end()) years.push_back(year);
    for (const int y : years) detail::restand(c, *org, y);
    cogov::audit(c, app, by, "term", "party_org", org_id, "committee=" + std::to_string(t.committee_size));
    return bj::object{{"org_id", org_id},
                      {"elected_on", t.elected_on ? bj::value(*t.elected_on) : bj::value(nullptr)},
                      {"term_years", t.term_years ? bj::value(*t.term_years) : bj::value(nullptr)},
                      {"committee_size", t.committee_size}};
  });
}

}  // namespace jiceng::org_life
