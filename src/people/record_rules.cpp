#include "people/record_rules.hpp"

#include "core/dates.hpp"
#include "people/rules.hpp"

namespace jiceng::people {
namespace {

constexpr int kAdultYears = 18;
constexpr int kProbationYears = 1;
constexpr char kPartyRules[] = "《中国共产党发展党员工作细则》";

// The same day `years` later; 29 February falls back to the 28th.
std::int64_t years_after(std::int64_t day, int years) {
  const auto d = core::ymd_of(day);
  auto out = core::day_from(d.y + years, d.m, d.d);
  if (out == core::kBadDay) out = core::day_from(d.y + years, d.m, d.d - 1);
  return out;
}

// A stored date as a day, or nullopt when it is empty or not a real date (that is its own finding).
std::optional<std::int64_t> day_of_field(const std::optional<std::string>& v) {
  if (!v || v->empty() || !core::is_valid_date(*v)) return std::nullopt;
  return core::parse_day(*v);
}

}  // namespace

std::vector<RecordProblem> record_problems(const MemberFacts& m, std::int64_t today) {
  std::vector<RecordProblem> out;
  const auto add = [&](const char* field, const char* code, std::string message) {
    out.push_back({field, code, std::move(message)});
  };
  const auto missing = [&](const std::string& v, const char* field, const char* label) {
    if (v.empty()) add(field, "missing", std::string(label) + "未填写");
  };
  missing(m.name, "name", "姓名");
  missing(m.gender, "gender", "性别");
  missing(m.ethnicity, "ethnicity", "民族");
  missing(m.birth_date, "birth_date", "出生日期");
  missing(m.education, "education", "学历");
  missing(m.category, "category", "人员类别");

  // The ID number is the record's key: it must be valid and agree with what is kept beside it.
  if (m.id_number.empty()) {
    add("id_number", "missing", "身份证号未填写");
  } else if (const auto why = id_number_problem(m.id_number)) {
    add("id_number", "id_invalid", *why);
  } else {
    const auto info = id_number_info(m.id_number);
    if (!m.birth_date.empty() && m.birth_date != info.birth_date) {
      add("birth_date", "id_mismatch", "出生日期与身份证号不一致（身份证号为 " + info.birth_date + "）");
    }
    if (!m.gender.empty() && m.gender != info.gender) add("gender", "id_mismatch", "性别与身份证号不一致");
  }

  const auto birth = day_of_field(m.birth_date.empty() ? std::nullopt : std::optional(m.birth_date));
  if (!m.birth_date.empty() && !birth) add("birth_date", "bad_date", "出生日期不是有效日期");
  if (birth && *birth > today) add("birth_date", "future", "出生日期晚于今天");

  const auto joined = day_of_field(m.joined_on);
  // Everyone on the members register was admitted once (even a cancelled probationary member).
  if (!m.joined_on || m.joined_on->empty()) {
    add("joined_on", "missing", "入党日期未填写");
  } else if (!joined) {
    add("joined_on", "bad_date", "入党日期不是有效日期");
  }
  if (joined && *joined > today) add("joined_on", "future", "入党日期晚于今天");
  if (joined && birth && *joined < years_after(*birth, kAdultYears)) {
    add("joined_on", "under_age", std::string("入党时未满18岁（依据：") + kPartyRules + "，入党须年满十八岁）");
  }

  const auto full = day_of_field(m.full_on);
  const bool has_full = m.full_on && !m.full_on->empty();
  if (m.status == "full" && !has_full) add("full_on", "missing", "正式党员的转正日期未填写");
  if (m.status == "probationary" && has_full) add("full_on", "not_yet_full", "预备党员不应有转正日期");
  if (has_full && !full) add("full_on", "bad_date", "转正日期不是有效日期");
  if (full && *full > today) add("full_on", "future", "转正日期晚于今天");
  if (full && joined && *full < years_after(*joined, kProbationYears)) {
    add("full_on", "early", std::string("转正日期早于预备期满（依据：") + kPartyRules + "，预备期为一年）");
  }
  return out;
}

}  // namespace jiceng::people
