#include "assessment/cadres.hpp"

#include <algorithm>
#include <array>
#include <set>

#include "core/dates.hpp"
#include "core/names.hpp"

namespace jiceng::assessment {
namespace {

constexpr std::int64_t kPercent = 100;
constexpr std::int64_t kMonthsPerYear = 12;
constexpr Fen kFenPerYuan = 100;

struct Named final {
  std::string_view name, label;
};
constexpr std::array<Named, 4> kPosts = {
    {{"secretary", "党组织书记"}, {"director", "村（居）委会主任"}, {"deputy", "副职"}, {"member", "委员"}}};

// a / b rounded half up, for non-negative a and positive b.
std::int64_t div_round(std::int64_t a, std::int64_t b) { return (2 * a + b) / (2 * b); }

std::optional<std::string> holder(const std::vector<Tenure>& roster, const std::string& village, Post post,
                                  std::int64_t day) {
  for (const auto& t : roster) {
    if (t.village == village && t.post == post && in_post(t, day)) return t.person;
  }
  return std::nullopt;
}

}  // namespace

std::string_view post_name(Post p) { return core::row_of(kPosts, p).name; }
std::string_view post_label(Post p) { return core::row_of(kPosts, p).label; }
std::optional<Post> parse_post(std::string_view s) { return core::parse_indexed<Post>(kPosts, s); }

bool in_post(const Tenure& t, std::int64_t day) { return t.from <= day && (!t.to || day < *t.to); }

OneShoulder one_shoulder(const std::vector<Tenure>& roster, std::int64_t day) {
  std::set<std::string> villages;
  for (const auto& t : roster) villages.insert(t.village);
  OneShoulder out;
  for (const auto& v : villages) {
    const auto secretary = holder(roster, v, Post::secretary, day);
    if (!secretary) continue;
    ++out.villages;
    if (holder(roster, v, Post::director, day) == secretary) {
      ++out.one_shoulder;
    } else {
      out.not_yet.push_back(v);
    }
  }
  if (out.villages == 0) {
    out.text = "—";
  } else {
    const auto tenths = div_round(out.one_shoulder * kPercent * 10, out.villages);
    out.text = std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + "%";
  }
  return out;
}

std::vector<TermDue> terms_due(const std::map<std::string, std::int64_t>& elected, std::int64_t today,
                               std::int64_t warn_months) {
  std::vector<TermDue> out;
  for (const auto& [village, on] : elected) {
    const auto due = core::add_months(on, kVillageTermYears * kMonthsPerYear);
    if (core::add_months(today, warn_months) < due) continue;
    const bool overdue = due <= today;
    out.push_back(TermDue{village, on, due, overdue,
                          core::format_day(on) + "换届，任期" + (overdue ? "已于" : "将于") + core::format_day(due) +
                              "届满（村“两委”任期五年）" + (overdue ? "，应及时换届" : "，应做好换届准备")});
  }
  std::stable_sort(out.begin(), out.end(), [](const TermDue& a, const TermDue& b) { return a.due_on < b.due_on; });
  return out;
}

std::string yuan(Fen f) {
  const auto sign = f < 0 ? std::string("-") : std::string();
  const auto a = f < 0 ? -f : f;
  const auto cents = a % kFenPerYuan;
  return sign + std::to_string(a / kFenPerYuan) + (cents < 10 ? ".0" : ".") + std::to_string(cents);
}

PayFormula pay_formula_from(const std::map<std::string, std::int64_t>& s) {
  const auto get = [&](std::string_view key) {
    const auto it = s.find(std::string(key));
    return it != s.end() ? it->second : setting_key(key)->fallback;
  };
  PayFormula f;
  f.base = get("pay_base_yuan") * kFenPerYuan;
  f.bonus_full = get("pay_bonus_full_yuan") * kFenPerYuan;
  f.bonus_min = get("pay_bonus_min_points") * kTenthsPerPoint;
  f.bonus_cap = get("pay_bonus_cap_yuan") * kFenPerYuan;
  f.floor = get("pay_floor_yuan") * kFenPerYuan;
  f.deputy_pct = get("pay_deputy_pct");
  f.member_pct = get("pay_member_pct");
  return f;
}

std::int64_t post_pct(Post p, const PayFormula& f) {
  switch (p) {
    case Post::secretary:
    case Post::director: return kPercent;
    case Post::deputy: return f.deputy_pct;
    case Post::member: return f.member_pct;
  }
  return kPercent;
}

Pay pay(Post post, Tenths points, const PayFormula& f) {
  Pay out;
  const auto pct = post_pct(post, f);
  const auto share = pct == kPercent ? std::string() : "×岗位系数" + std::to_string(pct) + "%";
  out.base = div_round(f.base * pct, kPercent);
  out.explanation =
      "基本报酬" + yuan(f.base) + "元" + (share.empty() ? "" : share + "=" + yuan(out.base) + "元") + "；";
  const auto pts = std::clamp<Tenths>(points, 0, kFullMarks);
  if (pts < f.bonus_min) {
    out.explanation +=
        "考核得分" + points_text(pts) + "分，低于起点分" + points_text(f.bonus_min) + "分，无考核奖励报酬";
  } else {
    out.bonus = div_round(f.bonus_full * pct * pts, kPercent * kFullMarks);
    out.explanation += "考核奖励报酬=满分基数" + yuan(f.bonus_full) + "元" + share + "×考核得分" + points_text(pts) +
                       "分÷100=" + yuan(out.bonus) + "元";
    if (f.bonus_cap > 0 && out.bonus > f.bonus_cap) {
      out.bonus = f.bonus_cap;
      out.explanation += "，超过上限按" + yuan(f.bonus_cap) + "元计";
    }
  }
  out.total = out.base + out.bonus;
  if (out.total < f.floor) {
    out.topped_up = f.floor - out.total;
    out.total = f.floor;
    out.explanation += "；合计低于保底" + yuan(f.floor) + "元，补足" + yuan(out.topped_up) + "元";
  }
  out.explanation += "；合计" + yuan(out.total) + "元";
  return out;
}

}  // namespace jiceng::assessment
