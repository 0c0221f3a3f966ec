#pragma once
// What the pipeline service's files share: a person's file as read in a transaction, who may see,
// write and approve it, the county's settings in force on a day, and the file as the pages show it.
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "core/app.hpp"
#include "core/principal.hpp"
#include "pipeline/rules.hpp"
#include "pipeline/service.hpp"
#include "store/db.hpp"

namespace jiceng::pipeline::detail {

struct Record final {
  std::int64_t id = 0, org_id = 0;
  std::string org_path, area_path, name, gender, birth_date, id_number_mask, id_number_enc, id_number_idx;
  std::optional<std::int64_t> person_id, member_id, vote_due, vote_ayes;
  std::optional<std::string> closed_on;
  File file;
};
Record record_of(const store::Row& r);
std::optional<Record> load(store::Conn& c, std::int64_t id);
// Writes the file's dates and stage back, with its earliest deadline.
void save(store::Conn& c, const Record& r, const Local& local, std::int64_t now);

// The file when `who` may read it (the pipeline register's scope), else 404.
Record visible(store::Conn& c, const core::Principal& who, std::int64_t id);
// Whether `who` writes the pipeline over an organisation with these paths (the branch and above).
bool writes_over(const core::Principal& who, const std::string& org_path, const std::string& area_path);
// The higher committee: a street or the county over the area, or an organisation above the branch.
bool approves_over(const core::Principal& who, const std::string& org_path, const std::string& area_path);
// The county's organisation department: quotas, joint reviews, re-checks and settings. 403 otherwise.
void county_only(store::Conn& c, const core::Principal& who);
// Whether `who` supervises the county (the organisation department) or a street in it.
bool supervisor(store::Conn& c, const core::Principal& who);

// The county's settings in force on a day (YYYY-MM-DD).
Local local_on(store::Conn& c, const std::string& day);
constexpr char kSettingsTable[] = "pipeline_setting";

std::optional<std::int64_t> day_opt(const store::Row& r, std::size_t i);
store::Value day_value(const std::optional<std::int64_t>& d);
// A required YYYY-MM-DD of a real day; 400 naming `field` otherwise.
std::int64_t parse_date(const std::string& text, const char* field);

boost::json::object render(store::Conn& c, const core::Principal& who, const Record& r, std::int64_t today);
// A file in a list: who, stage, the next deadline and its alert.
boost::json::object brief(const Record& r, const Local& local, std::int64_t today);

}  // namespace jiceng::pipeline::detail
