#pragma once
// Assessment (考核) as pure rules: the county's indicator catalogue, each indicator scored from the
// figures the other modules already compute (organisation-life compliance, development on time,
// dues arrears, appeals' rates, dual reporting, claimed needs, democratic evaluation) or entered by
// hand; the five star tiers (星级争创) with the county's thresholds and quotas; and the village
// classes (示范 / 创优 / 强基). No I/O: the service gathers the figures and passes them in.
// Points are kept in tenths (87.5 分 is 875) so that ties and thresholds compare exactly.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jiceng::assessment {

using Tenths = std::int64_t;  // 0.1 分
constexpr Tenths kTenthsPerPoint = 10;
constexpr Tenths kFullMarks = 100 * kTenthsPerPoint;  // a catalogue adds up to 100 分
// 875 → "87.5", 900 → "90".
std::string points_text(Tenths t);

constexpr char kCounty[] = "县委组织部设定（县级常见做法，可在县级设置中修改）";

// ---- Figures the other modules compute ----

// A named figure, and the module that computes it (the page a score links to).
enum class Figure {
  life_compliance,       // org_life: duties met / duties due in the year (组织生活落实率)
  development_on_time,   // pipeline: steps taken within their deadline / steps due (发展党员按期率)
  dues_arrears,          // dues: members owing ≥1 month / members (党费欠缴人数占比)
  appeals_response,      // appeals in the organisation's area: responded / received (响应率)
  appeals_resolution,    // resolved / received (解决率)
  appeals_satisfaction,  // satisfied / rated (满意率)
  appeals_overdue,       // overdue / received (超期占比)
  dual_report_active,    // dual_report: reported members who took part / reported (双报到参与率)
  needs_claimed,         // lists: needs of the area claimed in the year, a count (认领需求)
  evaluation_held,       // org_life: 民主评议党员 held this year, 1 or 0
  evaluation_qualified,  // org_life: members rated 合格 or better / members rated (评议合格率)
};
std::string_view figure_name(Figure f);
std::string_view figure_label(Figure f);   // zh-CN
std::string_view figure_module(Figure f);  // "org_life", "pipeline", …
std::optional<Figure> parse_figure(std::string_view s);

// A rate as its two counts (den 0: nothing to count, as a year without appeals), or a count
// (den 1). Counts keep the explanation exact: "46/48=95.8%".
struct Value final {
  std::int64_t num = 0;
  std::int64_t den = 1;
};
// "46/48（95.8%）" for a rate, "3" for a count.
std::string value_text(Figure f, const Value& v);
bool is_rate(Figure f);

// What the service gathered for one organisation and year: the computed figures, and the scores
// entered by hand for the manual indicators (by indicator code, in tenths).
struct Figures final {
  std::map<Figure, Value> values;
  std::map<std::string, Tenths> manual;
};

// ---- Formulas (data, not a parser) ----

enum class FormulaKind {
  manual,     // a reviewer enters the score, 0..points
  linear,     // a rate: 0 at zero_pct, full at full_pct, straight between (zero_pct > full_pct: less is better)
  per_count,  // a count: full less `step` per count (step < 0), or `step` per count up to full (step > 0)
  yes_no,     // a count: full when ≥1, else 0
};
std::string_view formula_name(FormulaKind k);
std::string_view formula_label(FormulaKind k);
std::optional<FormulaKind> parse_formula(std::string_view s);

struct Formula final {
  FormulaKind kind = FormulaKind::manual;
  std::optional<Figure> figure = std::nullopt;  // every kind but manual
  std::int64_t zero_pct = 0, full_pct = 100;    // linear
  Tenths step = 0;                              // per_count
  bool empty_full = true;                       // a rate with nothing to count (den 0) scores full (true) or nothing
};

struct Indicator final {
  std::string code;               // "life_compliance"
  std::string label;              // 组织生活落实
  Tenths points = 0;              // full marks of the indicator
  std::int64_t weight_pct = 100;  // the county's multiplier for the year (100: as is)
  std::string source;             // what it measures against, and who set the marks
  Formula formula;
};

// The county's default catalogue: 100 分, sources kept beside each indicator.
const std::vector<Indicator>& default_catalogue();
// The catalogue's full marks after weights (Σ points × weight / 100).
Tenths catalogue_total(const std::vector<Indicator>& catalogue);
// What is wrong with a catalogue the county edits, worded for it; empty when it may be saved.
std::vector<std::string> catalogue_problems(const std::vector<Indicator>& catalogue);

struct Score final {
  std::string code;
  Tenths points = 0;            // after the weight
  Tenths max_points = 0;        // after the weight
  std::vector<Figure> figures;  // the figures it came from (the page links to them)
  std::string explanation;      // "组织生活落实率46/48（95.8%），60%得0分、100%得满分：18.9分"
  bool complete = true;         // false: a figure or a manual score is missing (scored 0)
};
Score score(const Indicator& indicator, const Figures& figures);

struct Total final {
  Tenths points = 0;
  Tenths max_points = 0;
  std::vector<Score> scores;
  bool complete = true;
};
Total assess(const std::vector<Indicator>& catalogue, const Figures& figures);

// ---- 星级 (branch standardisation stars) ----

constexpr int kMinStars = 1, kMaxStars = 5;
// [local] The lowest points for 2…5 stars; below the 2-star line a branch is rated 1 star.
struct StarLines final {
  Tenths two = 60 * kTenthsPerPoint, three = 70 * kTenthsPerPoint, four = 80 * kTenthsPerPoint,
         five = 90 * kTenthsPerPoint;
  // [local] At most this percent of the branches rated may hold 5 (4) stars; 0: no quota.
  std::int64_t five_quota_pct = 0, four_quota_pct = 0;
  // [local] Branches tied at a quota's edge all keep the tier (1) or all drop one (0: the quota is
  // a ceiling, 不超过).
  std::int64_t quota_ties_keep = 0;
};
// Lines that rise with the stars, each within 0..100; nullopt when they may be saved.
std::optional<std::string> star_lines_problem(const StarLines& lines);
int tier_of(Tenths points, const StarLines& lines);
std::string stars_label(int stars);  // "四星级"

struct Rated final {
  std::string id;  // the caller's key (an organisation id)
  Tenths points = 0;
  int stars = kMinStars;
  std::string note;  // why the quota moved it, empty otherwise
};
// Rates every branch by the lines, then applies the quotas from the top: the highest scores keep
// the tier, the rest drop one (and may meet the next quota). Order of `branches` is kept.
std::vector<Rated> rate(const std::vector<std::pair<std::string, Tenths>>& branches, const StarLines& lines);

struct Share final {
  std::int64_t count = 0, total = 0;
  std::string text;  // "92.0%"
};
// The share of branches rated `stars` or more (seed 002: 92% at four stars or more).
Share share_at_least(const std::vector<int>& stars, int at_least);

// ---- Village classes (seed 001: 示范村53个、创优村91个、强基村3个) ----

enum class VillageClass { model, striving, strengthening };  // 示范 / 创优 / 强基
std::string_view class_name(VillageClass c);
std::string_view class_label(VillageClass c);
std::optional<VillageClass> parse_class(std::string_view s);
// [local] The lowest points for 示范 and 创优; below, 强基.
struct ClassLines final {
  Tenths model = 85 * kTenthsPerPoint, striving = 60 * kTenthsPerPoint;
};
struct ClassOf final {
  VillageClass cls = VillageClass::strengthening;
  std::string reason;
};
// A village whose organisation is being rectified (软弱涣散) is 强基 whatever its points.
ClassOf class_of(Tenths points, const ClassLines& lines, bool weak);

// ---- The county's [local] settings, as dated numbers (core/dated_settings.hpp) ----

struct SettingKey final {
  std::string_view key, label;
  std::int64_t min, max, fallback;
};
// Every [local] number of the assessment's rules, with its default (points in whole 分).
const std::vector<SettingKey>& setting_keys();
const SettingKey* setting_key(std::string_view key);
// The lines from the dated settings in force (key → value); missing keys keep their defaults.
StarLines star_lines_from(const std::map<std::string, std::int64_t>& in_force);
ClassLines class_lines_from(const std::map<std::string, std::int64_t>& in_force);

}  // namespace jiceng::assessment
