// Who sees, writes and approves a file, the county's settings on a day, and a file as the branch's
// pages and the phone show it.
#include "pipeline/internal.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "core/dated_settings.hpp"
#include "core/dates.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/text.hpp"
#include "orgs/service.hpp"
#include "pipeline/queries.hpp"

namespace jiceng::pipeline::detail {
namespace {

namespace bj = boost::json;

bj::value day_json(const std::optional<std::int64_t>& d) {
  return d ? bj::value(core::format_day(*d)) : bj::value(nullptr);
}

bj::object rule_json(std::string_view code) {
  const auto& r = rule(code);
  return bj::object{{"code", r.code}, {"text", r.text}, {"source", r.source}, {"central", r.central}};
}

bj::array steps_json(store::Conn& c, std::int64_t id) {
  std::map<std::int64_t, bj::array> docs;
  for (const auto& r : c.query(sql::kDocuments, {id})) {
    docs[r.integer(0)].push_back(bj::object{{"hash", r.text(1)},
                                            {"name", r.text(2)},
                                            {"added_by", r.text(3)},
                                            {"at", r.integer(4)},
                                            {"url", "/api/v1/pipeline/files/" + r.text(1)}});
  }
  bj::array out;
  for (const auto& r : c.query(sql::kSteps, {id})) {
    bj::array rules;
    for (const auto& code : core::split_list(r.text(4), ',')) rules.push_back(rule_json(code));
    bj::array overridden;
    if (!r.is_null(7)) {
      for (const auto& code : core::split_list(r.text(7), ',')) overridden.push_back(rule_json(code));
    }
    const auto step = parse_step(r.text(1));
    boost::system::error_code ec;
    auto details = bj::parse(r.text(6), ec);
    out.push_back(bj::object{{"id", r.integer(0)},
                             {"step", r.text(1)},
                             {"label", step ? std::string(step_label(*step)) : r.text(1)},
                             {"on", r.text(2)},
                             {"decided_by", r.text(3)},
                             {"rules", std::move(rules)},
                             {"rule_text", r.text(5)},
                             {"details", ec ? bj::value(bj::object{}) : std::move(details)},
                             {"overridden", std::move(overridden)},
                             {"override_reason", json::opt_text(r, 8)},
                             {"recorded_by", r.text(9)},
                             {"recorded_at", r.integer(10)},
                             {"documents", std::move(docs[r.integer(0)])}});
  }
  return out;
}

bj::array deadlines_json(const Record& rec, const Local& local, std::int64_t today) {
  bj::array out;
  for (const auto& d : deadlines(rec.file, local)) {
    const auto a = alert_of(d.due_on, today, local);
    out.push_back(bj::object{{"code", d.code},
                             {"label", d.label},
                             {"due_on", core::format_day(d.due_on)},
                             {"days_left", d.due_on - today},
                             {"alert", alert_name(a)},
                             {"source", d.source},
                             {"central", d.central}});
  }
  return out;
}

bj::array reviews_json(store::Conn& c, std::int64_t id) {
  bj::array out;
  for (const auto& r : c.query(sql::kReviewsOfPerson, {id})) {
    out.push_back(json::row_object(r, {"review_id", "title", "decision", "note", "decided_by", "decided_at"}));
  }
  return out;
}

bool reaches(const core::Binding& b, const std::string& org_path, const std::string& area_path) {
  if (b.path.empty()) return false;
  if (b.scope_type == core::ScopeType::area) return core::path_within(area_path, b.path);
  if (b.scope_type == core::ScopeType::org) return core::path_within(org_path, b.path);
  return false;
}

}  // namespace

std::optional<std::int64_t> day_opt(const store::Row& r, std::size_t i) {
  if (r.is_null(i)) return std::nullopt;
  return core::parse_day(r.text(i));
}

store::Value day_value(const std::optional<std::int64_t>& d) {
  return d ? store::Value(core::format_day(*d)) : store::null();
}

std::int64_t parse_date(const std::string& text, const char* field) {
  if (text.empty()) bad_request(field, "请填写日期（YYYY-MM-DD）", "required");
  const auto d = core::parse_day(text);
  if (d == core::kBadDay || !core::is_valid_date(text)) bad_request(field, "日期无效，应为 YYYY-MM-DD");
  return d;
}

Record record_of(const store::Row& r) {
  Record x;
  x.id = r.integer(0);
  x.org_id = r.integer(1);
  x.org_path = r.text(2);
  x.area_path = r.text(3);
  x.name = r.text(4);
  x.gender = r.text(5);
  x.birth_date = r.text(6);
  x.id_number_mask = r.text(7);
  x.person_id = r.opt_integer(8);
  auto& f = x.file;
  f.stage = parse_stage(r.text(9)).value_or(Stage::applicant);
  f.birth_day = core::parse_day(x.birth_date);
  f.applied_on = core::parse_day(r.text(10));
  f.talked_on = day_opt(r, 11);
  f.activist_on = day_opt(r, 12);
  f.contacts = r.integer(13);
  f.last_review_on = day_opt(r, 14);
  f.candidate_on = day_opt(r, 15);
  f.filed_on = day_opt(r, 16);
  f.political_review_on = day_opt(r, 17);
  f.training_on = day_opt(r, 18);
  f.introducers = r.integer(19);
  f.publicity_from = day_opt(r, 20);
  f.publicity_to = day_opt(r, 21);
  f.joint_review_passed = r.integer(22) == 1;
  f.voted_on = day_opt(r, 23);
  x.vote_due = r.opt_integer(24);
  x.vote_ayes = r.opt_integer(25);
  f.approved_on = day_opt(r, 26);
  f.extended_to = day_opt(r, 27);
  f.full_on = day_opt(r, 28);
  if (!r.is_null(29)) x.closed_on = r.text(29);
  x.member_id = r.opt_integer(30);
  x.id_number_enc = r.text(35);
  x.id_number_idx = r.text(36);
  return x;
}

std::optional<Record> load(store::Conn& c, std::int64_t id) {
  const auto r = c.one(std::string(sql::kPersonColumns) + sql::kById, {id});
  if (!r) return std::nullopt;
  return record_of(*r);
}

void save(store::Conn& c, const Record& r, const Local& local, std::int64_t now) {
  const auto& f = r.file;
  const auto due = deadlines(f, local);
  const store::Value next = due.empty() ? store::null() : store::Value(core::format_day(due.front().due_on));
  c.execute(sql::kSaveFile, {std::string(stage_name(f.stage)),
                             day_value(f.talked_on),
                             day_value(f.activist_on),
                             f.contacts,
                             day_value(f.last_review_on),
                             day_value(f.candidate_on),
                             day_value(f.filed_on),
                             day_value(f.political_review_on),
                             day_value(f.training_on),
                             f.introducers,
                             day_value(f.publicity_from),
                             day_value(f.publicity_to),
                             day_value(f.voted_on),
                             store::opt(r.vote_due),
                             store::opt(r.vote_ayes),
                             day_value(f.approved_on),
                             day_value(f.extended_to),
                             day_value(f.full_on),
                             store::opt(r.closed_on),
                             store::opt(r.member_id),
                             next,
                             now,
                             r.id});
}

bool writes_over(const core::Principal& who, const std::string& org_path, const std::string& area_path) {
  return core::binds_over(who, core::Register::pipeline, core::Action::write, org_path, area_path);
}

bool approves_over(const core::Principal& who, const std::string& org_path, const std::string& area_path) {
  return std::any_of(who.bindings.begin(), who.bindings.end(), [&](const core::Binding& b) {
    if (!core::allowed(b.role, core::Register::pipeline, core::Action::write) || !reaches(b, org_path, area_path)) {
      return false;
    }
    // A street (town) or the county; or a party organisation strictly above the branch.
    if (b.scope_type == core::ScopeType::area) return orgs::level(b.path) <= orgs::kStreetLevel;
    return b.scope_type == core::ScopeType::org && b.path != org_path;
  });
}

void county_only(store::Conn& c, const core::Principal& who) {
  if (!orgs::county_department(c, who)) forbidden("由县委组织部办理");
}

bool supervisor(store::Conn& c, const core::Principal& who) {
  return std::any_of(who.bindings.begin(), who.bindings.end(), [&](const core::Binding& b) {
    return (b.role == core::Role::org_dept || b.role == core::Role::street_officer) &&
           b.scope_type == core::ScopeType::area && !b.path.empty();
  });
}

Local local_on(store::Conn& c, const std::string& day) {
  Local l;
  const auto get = [&](const char* key, std::int64_t& into) {
    if (auto s = core::dated::in_force(c, kSettingsTable, key, day)) into = s->value;
  };
  get("publicity_working_days", l.publicity_working_days);
  get("political_review_valid_months", l.political_review_valid_months);
  get("joint_review_required", l.joint_review_required);
  get("warn_first_days", l.warn_first_days);
  get("warn_second_days", l.warn_second_days);
  return l;
}

Record visible(store::Conn& c, const core::Principal& who, std::int64_t id) {
  core::ScopeColumns cols;
  cols.area_path = "p.area_path";
  cols.org_path = "p.org_path";
  auto scope = core::scope_clause(who, core::Register::pipeline, core::Action::read, cols);
  store::Params params{id};
  params.insert(params.end(), scope.params.begin(), scope.params.end());
  const auto r = c.one(std::string(sql::kPersonColumns) + sql::kById + " AND " + scope.sql, params);
  if (!r) not_found("发展党员档案不存在或不在您的管辖范围内");
  return record_of(*r);
}

bj::object brief(const Record& r, const Local& local, std::int64_t today) {
  const auto due = deadlines(r.file, local);
  bj::value next = nullptr;
  if (!due.empty()) {
    const auto& d = due.front();
    next = bj::object{{"code", d.code},
                      {"label", d.label},
                      {"due_on", core::format_day(d.due_on)},
                      {"days_left", d.due_on - today},
                      {"alert", alert_name(alert_of(d.due_on, today, local))},
                      {"source", d.source}};
  }
  return bj::object{{"id", r.id},
                    {"org_id", r.org_id},
                    {"name", r.name},
                    {"gender", r.gender},
                    {"stage", stage_name(r.file.stage)},
                    {"stage_label", stage_label(r.file.stage)},
                    {"applied_on", core::format_day(r.file.applied_on)},
                    {"activist_on", day_json(r.file.activist_on)},
                    {"voted", r.file.voted_on.has_value()},
                    {"joint_review_passed", r.file.joint_review_passed},
                    {"next_deadline", std::move(next)}};
}

bj::object render(store::Conn& c, const core::Principal& who, const Record& r, std::int64_t today) {
  const auto local = local_on(c, core::format_day(today));
  const auto& f = r.file;
  const auto org = orgs::org_info(c, r.org_id);
  bj::array next_steps;
  for (int s = static_cast<int>(Step::talk); s <= static_cast<int>(Step::cancel); ++s) {
    const auto st = static_cast<Step>(s);
    if (!step_refusal(f, st)) next_steps.emplace_back(step_name(st));
  }
  const auto end = probation_end(f);
  return bj::object{
      {"id", r.id},
      {"org_id", r.org_id},
      {"org_name", org ? org->name : ""},
      {"name", r.name},
      {"gender", r.gender},
      {"birth_date", r.birth_date},
      {"age", age_on(f.birth_day, today)},
      {"id_number", r.id_number_mask},
      {"person_id", r.person_id ? bj::value(*r.person_id) : bj::value(nullptr)},
      {"member_id", r.member_id ? bj::value(*r.member_id) : bj::value(nullptr)},
      {"stage", stage_name(f.stage)},
      {"stage_label", stage_label(f.stage)},
      {"applied_on", core::format_day(f.applied_on)},
      {"talked_on", day_json(f.talked_on)},
      {"activist_on", day_json(f.activist_on)},
      {"last_review_on", day_json(f.last_review_on)},
      {"candidate_on", day_json(f.candidate_on)},
      {"filed_on", day_json(f.filed_on)},
      {"political_review_on", day_json(f.political_review_on)},
      {"training_on", day_json(f.training_on)},
      {"publicity", f.publicity_to
                        ? bj::value(bj::object{{"from", day_json(f.publicity_from)}, {"to", day_json(f.publicity_to)}})
                        : bj::value(nullptr)},
      {"contacts", f.contacts},
      {"introducers", f.introducers},
      {"joint_review_passed", f.joint_review_passed},
      {"vote", f.voted_on
                   ? bj::value(bj::object{{"on", day_json(f.voted_on)},
                                          {"due", r.vote_due.value_or(0)},
                                          {"ayes", r.vote_ayes.value_or(0)},
                                          {"passed", vote_passes(r.vote_due.value_or(0), r.vote_ayes.value_or(0))}})
                   : bj::value(nullptr)},
      {"approved_on", day_json(f.approved_on)},
      {"probation_ends_on", day_json(end)},
      {"extended", f.extended_to.has_value()},
      {"full_on", day_json(f.full_on)},
      {"closed_on", r.closed_on ? bj::value(*r.closed_on) : bj::value(nullptr)},
      {"deadlines", deadlines_json(r, local, today)},
      {"steps", steps_json(c, r.id)},
      {"joint_reviews", reviews_json(c, r.id)},
      {"next_steps", std::move(next_steps)},
      {"can_write", writes_over(who, r.org_path, r.area_path)},
      {"can_approve", approves_over(who, r.org_path, r.area_path)},
  };
}

}  // namespace jiceng::pipeline::detail
