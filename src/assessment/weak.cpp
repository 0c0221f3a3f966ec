#include "assessment/weak.hpp"

#include <algorithm>
#include <array>

#include "assessment/rules.hpp"
#include "core/dates.hpp"
#include "core/names.hpp"

namespace jiceng::assessment {
namespace {

constexpr std::int64_t kPercent = 100;
constexpr std::int64_t kMonthsPerYear = 12;

// Seed 004 ("软弱涣散村党组织12种情形及8项评估标准") gives the counts only. The items below are the
// forms provincial organisation departments commonly publish; the six the server can see in the
// record are PARTY-RULES.md's [local] typical situations (secretary post empty >3 months, no new
// candidate for ≥2 years, satisfaction <60%, bottom of the assessment, no organisation life,
// appeals overdue). Every line is the county's to change.
constexpr char kCommon[] = "软弱涣散村党组织认定情形（各地组织部门通行表述，县委组织部可修改）";
constexpr char kCommonStandard[] = "软弱涣散村党组织整顿评估验收标准（各地组织部门通行表述，县委组织部可修改）";

struct Named final {
  std::string_view name, label;
};
constexpr std::array<Named, 6> kStages = {{{"proposed", "拟列入"},
                                           {"dismissed", "不予列入"},
                                           {"confirmed", "已确认列入"},
                                           {"rectifying", "整顿中"},
                                           {"lifted", "已销号（待回头看）"},
                                           {"closed", "已完成回头看"}}};
constexpr std::array<Named, 6> kActions = {{{"confirm", "确认列入"},
                                            {"dismiss", "不予列入"},
                                            {"start", "启动整顿"},
                                            {"evaluate", "评估验收"},
                                            {"lift", "验收销号"},
                                            {"look_back", "回头看"}}};

const Item* find(const std::vector<Item>& items, std::string_view code) {
  for (const auto& i : items) {
    if (i.code == code) return &i;
  }
  return nullptr;
}

std::string day(std::int64_t d) { return core::format_day(d); }
std::string n(std::int64_t v) { return std::to_string(v); }

std::string line_source(std::string_view figure_from, std::string_view key) {
  return std::string(figure_from) + "；认定线：" + std::string(setting_key(key)->label) + "（县级设置）";
}

std::string stage_refusal(const Case& c, Stage wanted, std::string_view doing) {
  return "当前为“" + std::string(stage_label(c.stage)) + "”，只有“" + std::string(stage_label(wanted)) +
         "”的党组织才能" + std::string(doing);
}

std::optional<std::string> evaluate_refusal(const Case& c, const Step& s) {
  for (const auto& code : s.unmet) {
    if (!standard(code)) return "评估标准“" + code + "”不存在";
  }
  const auto since = c.rounds.empty() ? c.started_on : std::optional<std::int64_t>(c.rounds.back().on);
  if (since && s.on < *since) return "评估日期不能早于" + day(*since);
  if (static_cast<int>(c.rounds.size()) >= kRounds && c.rounds.back().passed()) {
    return "已完成" + n(kRounds) + "轮评估且最后一轮通过，请验收销号";
  }
  return std::nullopt;
}

std::optional<std::string> lift_refusal(const Case& c) {
  if (static_cast<int>(c.rounds.size()) < kRounds) {
    return "须完成三轮评估验收后方可销号，已完成" + n(static_cast<std::int64_t>(c.rounds.size())) + "轮";
  }
  if (!c.rounds.back().passed()) {
    std::string unmet;
    for (const auto& code : c.rounds.back().unmet)
      unmet += (unmet.empty() ? "" : "、") + std::string(standard(code)->text);
    return "最后一轮评估未通过（未达到：" + unmet + "），不能销号";
  }
  if (c.open_tasks > 0) return "整改任务尚有" + n(c.open_tasks) + "项未完成，不能销号";
  return std::nullopt;
}

}  // namespace

// data table
const std::vector<Item>& situations() {
  static const std::vector<Item> all = {
      {"secretary_vacant", "党组织书记空缺超过3个月，或班子配备不齐、工作处于停滞状态", kCommon, true},
      {"secretary_unfit", "党组织书记不胜任现职、工作不在状态，严重影响班子作用发挥", kCommon, false},
      {"team_disunited", "班子不团结、内耗严重，工作不能正常开展", kCommon, false},
      {"life_missing", "组织制度形同虚设，不按规定开展“三会一课”、主题党日、组织生活会等组织生活", kCommon, true},
      {"no_development", "发展党员工作停滞，连续2年以上未确定发展对象", kCommon, true},
      {"election_bribery", "换届选举中拉票贿选等问题突出", kCommon, false},
      {"affairs_opaque", "村务、财务公开和民主管理混乱", kCommon, false},
      {"clan_gang", "宗族宗教、黑恶势力干扰渗透严重，社会治安问题突出", kCommon, false},
      {"appeals_concentrated", "信访矛盾集中，群众诉求长期得不到解决", kCommon, true},
      {"weak_economy", "村级集体经济薄弱，无钱办事", kCommon, false},
      {"poor_service", "服务意识差、服务能力弱，群众满意度低于60%", kCommon, true},
      {"assessment_bottom", "在年度基层党建考核中排名末位", kCommon, true},
  };
  return all;
}

// data table
const std::vector<Item>& standards() {
  static const std::vector<Item> all = {
      {"team_sound", "班子健全、团结，书记胜任，能正常开展工作", kCommonStandard, false},
      {"life_regular", "“三会一课”等组织生活正常开展", kCommonStandard, true},
      {"members_managed", "党员教育管理到位，发展党员工作正常", kCommonStandard, true},
      {"rules_kept", "“四议两公开”、村务财务公开等制度落实", kCommonStandard, false},
      {"problems_solved", "整顿方案所列突出问题已解决、整改任务已完成", kCommonStandard, true},
      {"stable", "信访矛盾得到化解，无越级上访和群体性事件", kCommonStandard, true},
      {"economy_growing", "集体经济有稳定收入，较整顿前有增长", kCommonStandard, false},
      {"people_satisfied", "群众满意度达到县里规定标准", kCommonStandard, true},
  };
  return all;
}

const Item* situation(std::string_view code) { return find(situations(), code); }
const Item* standard(std::string_view code) { return find(standards(), code); }

WeakLines weak_lines_from(const std::map<std::string, std::int64_t>& s) {
  const auto get = [&](std::string_view key) {
    const auto it = s.find(std::string(key));
    return it != s.end() ? it->second : setting_key(key)->fallback;
  };
  WeakLines l;
  l.secretary_vacant_months = get("weak_secretary_vacant_months");
  l.no_candidate_years = get("weak_no_candidate_years");
  l.life_min_pct = get("weak_life_min_pct");
  l.appeals_overdue_min = get("weak_appeals_overdue_min");
  l.satisfaction_min_pct = get("weak_satisfaction_min_pct");
  l.bottom_pct = get("weak_bottom_pct");
  l.look_back_months = get("weak_look_back_months");
  return l;
}

std::int64_t bottom_count(std::int64_t ranked, const WeakLines& lines) {
  if (ranked <= 0 || lines.bottom_pct <= 0) return 0;
  return std::max<std::int64_t>(1, ranked * lines.bottom_pct / kPercent);
}

std::vector<Signal> signals(const Record& r, const WeakLines& l, std::int64_t today) {
  std::vector<Signal> out;
  const auto add = [&](std::string_view code, std::string text, std::string_view from, std::string_view key) {
    out.push_back(Signal{std::string(code), std::move(text), line_source(from, key), std::string(key)});
  };
  if (r.secretary_vacant_since && today > core::add_months(*r.secretary_vacant_since, l.secretary_vacant_months)) {
    add("secretary_vacant",
        "党组织书记自" + day(*r.secretary_vacant_since) + "空缺，已超过" + n(l.secretary_vacant_months) + "个月",
        "村“两委”名册", "weak_secretary_vacant_months");
  }
  const auto since = r.last_candidate_on.value_or(r.founded_on);
  if (core::add_months(since, l.no_candidate_years * kMonthsPerYear) <= today) {
    add("no_development",
        (r.last_candidate_on ? "最近一次确定发展对象在" + day(*r.last_candidate_on) : "成立以来未确定过发展对象") +
            "，已连续" + n(l.no_candidate_years) + "年以上未确定发展对象",
        "发展党员记录", "weak_no_candidate_years");
  }
  if (r.life_due > 0 && r.life_met * kPercent < l.life_min_pct * r.life_due) {
    add("life_missing",
        "本年度组织生活应开展" + n(r.life_due) + "项、落实" + n(r.life_met) + "项，低于" + n(l.life_min_pct) + "%",
        "组织生活落实情况", "weak_life_min_pct");
  }
  if (r.appeals_overdue >= l.appeals_overdue_min) {
    add("appeals_concentrated",
        "辖区群众诉求" + n(r.appeals_received) + "件中超期" + n(r.appeals_overdue) + "件，达到" +
            n(l.appeals_overdue_min) + "件",
        "群众诉求办理情况", "weak_appeals_overdue_min");
  }
  if (r.appeals_rated > 0 && r.appeals_satisfied * kPercent < l.satisfaction_min_pct * r.appeals_rated) {
    add("poor_service",
        "群众评价" + n(r.appeals_rated) + "件中满意" + n(r.appeals_satisfied) + "件，满意率低于" +
            n(l.satisfaction_min_pct) + "%",
        "群众诉求评价", "weak_satisfaction_min_pct");
  }
  if (const auto bottom = bottom_count(r.ranked, l); r.rank > 0 && r.rank > r.ranked - bottom) {
    add("assessment_bottom",
        "年度考核在" + n(r.ranked) + "个党组织中列第" + n(r.rank) + "位，属末位" + n(bottom) + "个", "年度基层党建考核",
        "weak_bottom_pct");
  }
  return out;
}

// ---- Rectification ----

std::string_view stage_name(Stage s) { return core::row_of(kStages, s).name; }
std::string_view stage_label(Stage s) { return core::row_of(kStages, s).label; }
std::optional<Stage> parse_stage(std::string_view s) { return core::parse_indexed<Stage>(kStages, s); }
std::string_view action_name(Action a) { return core::row_of(kActions, a).name; }
std::string_view action_label(Action a) { return core::row_of(kActions, a).label; }
std::optional<Action> parse_action(std::string_view s) { return core::parse_indexed<Action>(kActions, s); }

std::optional<std::int64_t> look_back_due(const Case& c, const WeakLines& lines) {
  if (c.stage != Stage::lifted || !c.lifted_on) return std::nullopt;
  return core::add_months(*c.lifted_on, lines.look_back_months);
}

std::optional<std::string> refusal(const Case& c, const Step& s, const WeakLines& lines) {
  switch (s.action) {
    case Action::confirm:
    case Action::dismiss:
      if (c.stage != Stage::proposed) return stage_refusal(c, Stage::proposed, action_label(s.action));
      if (s.action == Action::dismiss && s.reason.empty()) return "不予列入应说明理由";
      return std::nullopt;
    case Action::start:
      if (c.stage != Stage::confirmed) return stage_refusal(c, Stage::confirmed, "启动整顿");
      if (!c.has_leader) return "整顿方案（一村一策）应明确牵头领导";
      if (c.tasks <= 0) return "整顿方案应列出整改任务，并明确责任人和完成时限";
      if (c.confirmed_on && s.on < *c.confirmed_on) return "启动整顿日期不能早于确认列入日期" + day(*c.confirmed_on);
      return std::nullopt;
    case Action::evaluate:
      if (c.stage != Stage::rectifying) return stage_refusal(c, Stage::rectifying, "评估验收");
      return evaluate_refusal(c, s);
    case Action::lift:
      if (c.stage != Stage::rectifying) return stage_refusal(c, Stage::rectifying, "验收销号");
      return lift_refusal(c);
    case Action::look_back:
      if (c.stage != Stage::lifted) return stage_refusal(c, Stage::lifted, "开展回头看");
      if (const auto due = look_back_due(c, lines); due && s.on < *due) {
        return "回头看应在销号满" + n(lines.look_back_months) + "个月后开展（" + day(*due) + "起）";
      }
      return std::nullopt;
  }
  return std::nullopt;
}

Case apply(Case c, const Step& s) {
  switch (s.action) {
    case Action::confirm:
      c.stage = Stage::confirmed;
      c.confirmed_on = s.on;
      break;
    case Action::dismiss: c.stage = Stage::dismissed; break;
    case Action::start:
      c.stage = Stage::rectifying;
      c.started_on = s.on;
      break;
    case Action::evaluate: c.rounds.push_back(Round{s.on, s.unmet}); break;
    case Action::lift:
      c.stage = Stage::lifted;
      c.lifted_on = s.on;
      break;
    case Action::look_back:
      c.looked_back_on = s.on;
      if (s.relapsed) {
        // Weak again: a new rectification with its own three rounds.
        c.stage = Stage::rectifying;
        c.started_on = s.on;
        c.rounds.clear();
        c.lifted_on.reset();
      } else {
        c.stage = Stage::closed;
      }
      break;
  }
  return c;
}

}  // namespace jiceng::assessment
