#pragma once
// Pure data-quality checks of one member's record, the ones an organisation office runs before a
// year's statistics (the national member system's 信息完整性/逻辑校验): items missing, the ID number
// against the birth date and gender kept beside it, the age at joining, and dates out of order.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace jiceng::people {

// What a member's row keeps, the ID number decrypted (empty when there is none).
struct MemberFacts final {
  std::string name, gender, ethnicity, birth_date, id_number, education, category, status;
  std::optional<std::string> joined_on, full_on;
};

// One finding: the field it is about, a stable code for lists and filters, and what to fix in
// words a clerk understands, with the rule behind it where there is one.
struct RecordProblem final {
  std::string field;
  std::string code;
  std::string message;
};

// Every finding on the record as of `today` (a core::local_day), in the order of the form's fields;
// empty when the record is clean.
std::vector<RecordProblem> record_problems(const MemberFacts& m, std::int64_t today);

}  // namespace jiceng::people
