#include "assessment/rules.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <stdexcept>

#include "core/names.hpp"

namespace jiceng::assessment {
namespace {

constexpr std::int64_t kPercent = 100;
constexpr std::size_t kQuotaTiers = 2;  // five and four stars may have quotas

struct FigureRow final {
  std::string_view name, label, module;
  bool rate;
};
constexpr std::array<FigureRow, 11> kFigures = {{
    {"life_compliance", "组织生活落实率", "org_life", true},
    {"development_on_time", "发展党员按期办理率", "pipeline", true},
    {"dues_arrears", "党费欠缴人数占比", "dues", true},
    {"appeals_response", "诉求响应率", "appeals", true},
    {"appeals_resolution", "诉求解决率", "appeals", true},
    {"appeals_satisfaction", "诉求满意率", "appeals", true},
    {"appeals_overdue", "诉求超期占比", "appeals", true},
    {"dual_report_active", "双报到党员参与率", "dual_report", true},
    {"needs_claimed", "认领群众需求数", "lists", false},
    {"evaluation_held", "开展民主评议党员", "org_life", false},
    {"evaluation_qualified", "民主评议合格率", "org_life", true},
}};

struct Named final {
  std::string_view name, label;
};
constexpr std::array<Named, 4> kFormulas = {
    {{"manual", "人工评分"}, {"linear", "按比率折算"}, {"per_count", "按次数加减分"}, {"yes_no", "是否达标"}}};
constexpr std::array<Named, 3> kClasses = {{{"model", "示范村"}, {"striving", "创优村"}, {"strengthening", "强基村"}}};

constexpr char kBranchRules[] = "《中国共产党支部工作条例（试行）》";
constexpr char kDevelopment[] = "《中国共产党发展党员工作细则》";
constexpr char kDuesRules[] = "《关于中国共产党党费收缴、使用和管理的规定》";
constexpr char kMarks[] = "；分值与折算标准由县委组织部设定";

// a / b rounded half up, for non-negative a and positive b.
std::int64_t div_round(std::int64_t a, std::int64_t b) { return (2 * a + b) / (2 * b); }

std::string pct_text(std::int64_t num, std::int64_t den) {
  // One decimal, rounded half up: 46/48 → "95.8%".
  const auto tenths = div_round(num * kPercent * 10, den);
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + "%";
}

Tenths weighted(Tenths t, std::int64_t weight_pct) { return div_round(t * weight_pct, kPercent); }

Tenths linear(const Formula& f, const Value& v, Tenths full) {
  // Where the rate sits between zero_pct and full_pct, clamped to [0, 1], times the full marks.
  const auto above = v.num * kPercent - f.zero_pct * v.den;
  const auto span = (f.full_pct - f.zero_pct) * v.den;
  if (above * (span > 0 ? 1 : -1) <= 0) return 0;
  if ((above - span) * (span > 0 ? 1 : -1) >= 0) return full;
  return span > 0 ? div_round(full * above, span) : div_round(full * -above, -span);
}

std::string rule_text(const Formula& f, Tenths full) {
  switch (f.kind) {
    case FormulaKind::linear:
      return std::to_string(f.zero_pct) + "%得0分、" + std::to_string(f.full_pct) + "%得满分" + points_text(full) +
             "分，其间按比例折算";
    case FormulaKind::per_count:
      return f.step < 0 ? "每次扣" + points_text(-f.step) + "分，扣完为止"
                        : "每次得" + points_text(f.step) + "分，最高" + points_text(full) + "分";
    case FormulaKind::yes_no: return "达标得" + points_text(full) + "分，否则0分";
    case FormulaKind::manual: return "人工评分，最高" + points_text(full) + "分";
  }
  return {};
}

Score scored(const Indicator& ind, Tenths raw, std::string why, bool complete) {
  Score s;
  s.code = ind.code;
  s.max_points = weighted(ind.points, ind.weight_pct);
  s.points = weighted(std::clamp<Tenths>(raw, 0, ind.points), ind.weight_pct);
  if (ind.formula.figure) s.figures.push_back(*ind.formula.figure);
  s.explanation = ind.label + "：" + why + "；" + rule_text(ind.formula, ind.points);
  if (ind.weight_pct != kPercent) s.explanation += "；权重" + std::to_string(ind.weight_pct) + "%";
  s.explanation += "；得" + points_text(s.points) + "分";
  s.complete = complete;
  return s;
}

Tenths points_setting(const std::map<std::string, std::int64_t>& in_force, std::string_view key) {
  const auto it = in_force.find(std::string(key));
  const auto v = it != in_force.end() ? it->second : setting_key(key)->fallback;
  return v * kTenthsPerPoint;
}

std::int64_t plain_setting(const std::map<std::string, std::int64_t>& in_force, std::string_view key) {
  const auto it = in_force.find(std::string(key));
  return it != in_force.end() ? it->second : setting_key(key)->fallback;
}

}  // namespace

std::string points_text(Tenths t) {
  const auto sign = t < 0 ? std::string("-") : std::string();
  const auto a = t < 0 ? -t : t;
  const auto whole = sign + std::to_string(a / kTenthsPerPoint);
  return a % kTenthsPerPoint == 0 ? whole : whole + "." + std::to_string(a % kTenthsPerPoint);
}

std::string_view figure_name(Figure f) { return core::row_of(kFigures, f).name; }
std::string_view figure_label(Figure f) { return core::row_of(kFigures, f).label; }
std::string_view figure_module(Figure f) { return core::row_of(kFigures, f).module; }
bool is_rate(Figure f) { return core::row_of(kFigures, f).rate; }
std::optional<Figure> parse_figure(std::string_view s) { return core::parse_indexed<Figure>(kFigures, s); }

std::string_view formula_name(FormulaKind k) { return core::row_of(kFormulas, k).name; }
std::string_view formula_label(FormulaKind k) { return core::row_of(kFormulas, k).label; }
std::optional<FormulaKind> parse_formula(std::string_view s) { return core::parse_indexed<FormulaKind>(kFormulas, s); }

std::string value_text(Figure f, const Value& v) {
  if (!is_rate(f)) return std::to_string(v.num);
  if (v.den <= 0) return "无可计数据";
  return std::to_string(v.num) + "/" + std::to_string(v.den) + "（" + pct_text(v.num, v.den) + "）";
}

// data table
const std::vector<Indicator>& default_catalogue() {
  using F = Figure;
  using K = FormulaKind;
  const auto p = [](std::int64_t whole) { return whole * kTenthsPerPoint; };
  static const std::vector<Indicator> all = {
      {"life_compliance",
       "组织生活落实",
       p(20),
       100,
       std::string(kBranchRules) + "第十一条至第十三条（三会一课、主题党日）" + kMarks,
       {K::linear, F::life_compliance, 60, 100}},
      {"development_on_time",
       "发展党员按期规范",
       p(10),
       100,
       std::string(kDevelopment) + kMarks,
       {K::linear, F::development_on_time, 50, 100}},
      {"dues_paid",
       "党费按时足额交纳",
       p(10),
       100,
       std::string(kDuesRules) + kMarks,
       {K::linear, F::dues_arrears, 10, 0}},
      {"evaluation_held",
       "开展民主评议党员",
       p(5),
       100,
       std::string(kBranchRules) + "（每年开展一次民主评议党员）" + kMarks,
       {K::yes_no, F::evaluation_held}},
      {"evaluation_qualified",
       "党员评议合格",
       p(5),
       100,
       std::string(kBranchRules) + "（民主评议党员）" + kMarks,
       {K::linear, F::evaluation_qualified, 80, 100}},
      {"appeals_response", "群众诉求及时响应", p(8), 100, kCounty, {K::linear, F::appeals_response, 80, 100}},
      {"appeals_resolution", "群众诉求解决", p(8), 100, kCounty, {K::linear, F::appeals_resolution, 70, 100}},
      {"appeals_satisfaction", "群众满意", p(8), 100, kCounty, {K::linear, F::appeals_satisfaction, 60, 100}},
      {"appeals_overdue", "诉求办理不超期", p(6), 100, kCounty, {K::linear, F::appeals_overdue, 20, 0}},
      {"dual_report", "在职党员双报到", p(5), 100, kCounty, {K::linear, F::dual_report_active, 30, 90}},
      {"needs_claimed",
       "群众需求认领",
       p(5),
       100,
       kCounty,
       {K::per_count, F::needs_claimed, 0, 100, 1 * kTenthsPerPoint}},
      {"secretary_duty",
       "书记抓党建述职评议",
       p(10),
       100,
       std::string("党组织书记抓基层党建述职评议考核（县委组织部组织）") + kMarks,
       {K::manual}},
  };
  return all;
}

Tenths catalogue_total(const std::vector<Indicator>& catalogue) {
  Tenths total = 0;
  for (const auto& i : catalogue) total += weighted(i.points, i.weight_pct);
  return total;
}

std::vector<std::string> catalogue_problems(const std::vector<Indicator>& catalogue) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const auto& i : catalogue) {
    const auto name = "指标“" + i.label + "”";
    if (!seen.insert(i.code).second) out.push_back(name + "的代码" + i.code + "重复");
    if (i.points <= 0) out.push_back(name + "的分值应大于0");
    if (i.weight_pct <= 0) out.push_back(name + "的权重应大于0");
    if (i.source.empty()) out.push_back(name + "应注明依据");
    const auto& f = i.formula;
    if (f.kind != FormulaKind::manual && !f.figure) out.push_back(name + "应指明取数来源");
    if (f.kind == FormulaKind::linear && f.figure && !is_rate(*f.figure)) out.push_back(name + "按比率折算须取比率");
    if (f.kind == FormulaKind::linear && f.zero_pct == f.full_pct) out.push_back(name + "的0分线与满分线不能相同");
    if ((f.kind == FormulaKind::per_count || f.kind == FormulaKind::yes_no) && f.figure && is_rate(*f.figure)) {
      out.push_back(name + "按次数计分须取次数");
    }
    if (f.kind == FormulaKind::per_count && f.step == 0) out.push_back(name + "每次加减分不能为0");
  }
  if (const auto total = catalogue_total(catalogue); total != kFullMarks) {
    out.push_back("指标合计" + points_text(total) + "分，应为100分");
  }
  return out;
}

Score score(const Indicator& ind, const Figures& figures) {
  const auto& f = ind.formula;
  if (f.kind == FormulaKind::manual) {
    const auto it = figures.manual.find(ind.code);
    if (it == figures.manual.end()) return scored(ind, 0, "尚未评分，暂按0分计", false);
    return scored(ind, it->second, "评定" + points_text(it->second) + "分", true);
  }
  const auto it = figures.values.find(*f.figure);
  const auto label = std::string(figure_label(*f.figure));
  if (it == figures.values.end()) return scored(ind, 0, "未取得" + label + "，暂按0分计", false);
  const auto& v = it->second;
  const auto said = label + value_text(*f.figure, v);
  switch (f.kind) {
    case FormulaKind::linear:
      if (v.den <= 0) {
        return scored(ind, f.empty_full ? ind.points : 0,
                      label + "无可计数据，按" + (f.empty_full ? "满分" : "0分") + "计", true);
      }
      return scored(ind, linear(f, v, ind.points), said, true);
    case FormulaKind::per_count:
      return scored(ind, f.step < 0 ? ind.points + f.step * v.num : f.step * v.num, said, true);
    case FormulaKind::yes_no:
      return scored(ind, v.num >= 1 ? ind.points : 0, label + (v.num >= 1 ? "：是" : "：否"), true);
    case FormulaKind::manual: break;
  }
  return scored(ind, 0, said, true);
}

Total assess(const std::vector<Indicator>& catalogue, const Figures& figures) {
  Total t;
  for (const auto& i : catalogue) {
    auto s = score(i, figures);
    t.points += s.points;
    t.max_points += s.max_points;
    t.complete = t.complete && s.complete;
    t.scores.push_back(std::move(s));
  }
  return t;
}

// ---- Stars ----

std::optional<std::string> star_lines_problem(const StarLines& l) {
  if (l.two < 0 || l.five > kFullMarks) return "星级分数线应在0到100分之间";
  if (!(l.two < l.three && l.three < l.four && l.four < l.five)) return "星级分数线应随星级升高：二星<三星<四星<五星";
  for (const auto q : {l.five_quota_pct, l.four_quota_pct}) {
    if (q < 0 || q > kPercent) return "星级名额比例应在0到100之间（0为不限）";
  }
  return std::nullopt;
}

int tier_of(Tenths points, const StarLines& l) {
  if (points >= l.five) return 5;
  if (points >= l.four) return 4;
  if (points >= l.three) return 3;
  if (points >= l.two) return 2;
  return kMinStars;
}

std::string stars_label(int stars) {
  static constexpr std::array<const char*, 5> kNumerals = {"一", "二", "三", "四", "五"};
  return std::string(kNumerals[std::clamp(stars, kMinStars, kMaxStars) - 1]) + "星级";
}

std::vector<Rated> rate(const std::vector<std::pair<std::string, Tenths>>& branches, const StarLines& lines) {
  std::vector<Rated> out;
  for (const auto& [id, pts] : branches) out.push_back(Rated{id, pts, tier_of(pts, lines), {}});
  const auto n = static_cast<std::int64_t>(out.size());
  const std::array<std::pair<int, std::int64_t>, kQuotaTiers> quotas = {
      {{5, lines.five_quota_pct}, {4, lines.four_quota_pct}}};
  for (const auto& [stars, pct] : quotas) {
    if (pct <= 0) continue;
    const auto allowed = n * pct / kPercent;  // 不超过: rounded down
    std::vector<std::size_t> at;
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (out[i].stars == stars) at.push_back(i);
    }
    if (static_cast<std::int64_t>(at.size()) <= allowed) continue;
    std::stable_sort(at.begin(), at.end(), [&](auto a, auto b) { return out[a].points > out[b].points; });
    // The score of the last place inside the quota, and whether branches tied with it fall outside:
    // then the tied ones all keep or all drop, as the county says.
    const auto edge = allowed > 0 ? out[at[allowed - 1]].points : kFullMarks + 1;
    const bool tie_spills = out[at[allowed]].points == edge;  // at.size() > allowed here
    const auto quota_words = stars_label(stars) + "名额" + std::to_string(allowed) + "个（参评" + std::to_string(n) +
                             "个的" + std::to_string(pct) + "%）";
    for (std::size_t rank = 0; rank < at.size(); ++rank) {
      auto& r = out[at[rank]];
      const bool inside = static_cast<std::int64_t>(rank) < allowed;
      const bool tied = tie_spills && r.points == edge;
      if (inside && !tied) continue;
      const auto place = "，得分" + points_text(r.points) + "分列第" + std::to_string(rank + 1);
      const auto add_note = [&r](const std::string& why) { r.note += (r.note.empty() ? "" : "；") + why; };
      if (tied && lines.quota_ties_keep != 0) {
        if (!inside) add_note(quota_words + place + "，与名额内末位同分，按县里规定同分者均保留" + stars_label(stars));
        continue;
      }
      if (tied) {
        add_note(quota_words + place + "，与第" + std::to_string(allowed) +
                 "名同分、名额不足以容纳全部同分者，按县里规定同分者均降为" + stars_label(stars - 1));
      } else {
        add_note(quota_words + place + "，超出名额，降为" + stars_label(stars - 1));
      }
      r.stars = stars - 1;
    }
  }
  return out;
}

Share share_at_least(const std::vector<int>& stars, int at_least) {
  Share s;
  s.total = static_cast<std::int64_t>(stars.size());
  s.count = std::count_if(stars.begin(), stars.end(), [&](int x) { return x >= at_least; });
  s.text = s.total > 0 ? pct_text(s.count, s.total) : "—";
  return s;
}

// ---- Village classes ----

std::string_view class_name(VillageClass c) { return core::row_of(kClasses, c).name; }
std::string_view class_label(VillageClass c) { return core::row_of(kClasses, c).label; }
std::optional<VillageClass> parse_class(std::string_view s) { return core::parse_indexed<VillageClass>(kClasses, s); }

ClassOf class_of(Tenths points, const ClassLines& lines, bool weak) {
  const auto pts = "考核得分" + points_text(points) + "分";
  if (weak) return {VillageClass::strengthening, "村党组织列为软弱涣散正在整顿，列为强基村（" + pts + "）"};
  if (points >= lines.model) {
    return {VillageClass::model, pts + "，不低于示范村分数线" + points_text(lines.model) + "分"};
  }
  if (points >= lines.striving) {
    return {VillageClass::striving, pts + "，不低于创优村分数线" + points_text(lines.striving) + "分"};
  }
  return {VillageClass::strengthening, pts + "，低于创优村分数线" + points_text(lines.striving) + "分"};
}

// ---- Settings ----

// data table
const std::vector<SettingKey>& setting_keys() {
  static const std::vector<SettingKey> all = {
      {"star_two_min", "二星级分数线（分）", 0, 100, 60},
      {"star_three_min", "三星级分数线（分）", 0, 100, 70},
      {"star_four_min", "四星级分数线（分）", 0, 100, 80},
      {"star_five_min", "五星级分数线（分）", 0, 100, 90},
      {"star_five_quota_pct", "五星级名额比例（%，0为不限）", 0, 100, 0},
      {"star_four_quota_pct", "四星级名额比例（%，0为不限）", 0, 100, 0},
      {"star_quota_ties_keep", "名额线上同分者均保留（1是，0否）", 0, 1, 0},
      {"class_model_min", "示范村分数线（分）", 0, 100, 85},
      {"class_striving_min", "创优村分数线（分）", 0, 100, 60},
      {"weak_secretary_vacant_months", "书记空缺超过（月）列为软弱涣散候选", 1, 24, 3},
      {"weak_no_candidate_years", "连续（年）未确定发展对象列为候选", 1, 10, 2},
      {"weak_life_min_pct", "组织生活落实率低于（%）列为候选", 0, 100, 50},
      {"weak_appeals_overdue_min", "超期诉求达到（件）列为候选", 1, 1000, 3},
      {"weak_satisfaction_min_pct", "群众满意率低于（%）列为候选", 0, 100, 60},
      {"weak_bottom_pct", "考核排名末位（%）列为候选", 0, 50, 5},
      {"weak_look_back_months", "销号后（月）开展回头看", 1, 36, 6},
      {"pay_base_yuan", "村党组织书记基本报酬（元/年）", 0, 1000000, 36000},
      {"pay_bonus_full_yuan", "考核奖励报酬满分基数（元/年）", 0, 1000000, 12000},
      {"pay_bonus_min_points", "考核奖励报酬起点分（分）", 0, 100, 60},
      {"pay_bonus_cap_yuan", "考核奖励报酬上限（元/年，0为不限）", 0, 1000000, 0},
      {"pay_floor_yuan", "报酬保底（元/年，约农村居民人均可支配收入两倍）", 0, 1000000, 40000},
      {"pay_deputy_pct", "副职报酬系数（%）", 0, 100, 80},
      {"pay_member_pct", "委员报酬系数（%）", 0, 100, 70},
      {"term_warn_months", "任期届满提前提醒（月）", 1, 24, 6},
  };
  return all;
}

const SettingKey* setting_key(std::string_view key) {
  for (const auto& k : setting_keys()) {
    if (k.key == key) return &k;
  }
  return nullptr;
}

StarLines star_lines_from(const std::map<std::string, std::int64_t>& s) {
  StarLines l;
  l.two = points_setting(s, "star_two_min");
  l.three = points_setting(s, "star_three_min");
  l.four = points_setting(s, "star_four_min");
  l.five = points_setting(s, "star_five_min");
  l.five_quota_pct = plain_setting(s, "star_five_quota_pct");
  l.four_quota_pct = plain_setting(s, "star_four_quota_pct");
  l.quota_ties_keep = plain_setting(s, "star_quota_ties_keep");
  return l;
}

ClassLines class_lines_from(const std::map<std::string, std::int64_t>& s) {
  return ClassLines{points_setting(s, "class_model_min"), points_setting(s, "class_striving_min")};
}

}  // namespace jiceng::assessment
