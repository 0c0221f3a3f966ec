// What the pages read: a person's file, the files in the caller's scope soonest deadline first, a
// branch's pipeline with what falls due, and the activist list (积极分子清单).
#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "core/dates.hpp"
#include "core/errors.hpp"
#include "orgs/service.hpp"
#include "pipeline/internal.hpp"
#include "pipeline/queries.hpp"
#include "pipeline/service.hpp"

namespace jiceng::pipeline {
namespace {

namespace bj = boost::json;
using detail::Record;

constexpr std::int64_t kMaxPage = 200;
constexpr std::int64_t kBranchFiles = 500;  // a branch's open files (a branch has ≤ 50 members)
constexpr int kActivistMonths = 12;

struct Scoped final {
  std::string where;
  store::Params params;
};

// The files of the pipeline register the caller reads, under an organisation when one is given.
Scoped scoped(store::Conn& c, const core::Principal& who, std::optional<std::int64_t> org_id) {
  auto clause = orgs::rows_under_org(c, who, core::Register::pipeline, "p", org_id);
  return {std::move(clause.sql), std::move(clause.params)};
}

std::vector<Record> files(store::Conn& c, const Scoped& s, const std::string& extra, store::Params extra_params,
                          std::int64_t limit, std::int64_t offset) {
  auto params = s.params;
  params.insert(params.end(), extra_params.begin(), extra_params.end());
  params.insert(params.end(), {limit, offset});
  std::vector<Record> out;
  for (const auto& r : c.query(std::string(sql::kPersonColumns) + s.where + extra + sql::kListTail, params)) {
    out.push_back(detail::record_of(r));
  }
  return out;
}

constexpr const char* kOpenStages = " AND p.stage IN ('applicant', 'activist', 'candidate', 'probationary')";

}  // namespace

bj::object person(App& app, const core::Principal& who, std::int64_t id) {
  return app.db.read([&](store::Conn& c) {
    const auto r = detail::visible(c, who, id);
    return detail::render(c, who, r, core::local_day(app.now()));
  });
}

bj::value member_file(App& app, const core::Principal& who, std::int64_t member_id) {
  const auto id = app.db.read([&](store::Conn& c) -> std::optional<std::int64_t> {
    const auto r = c.one(sql::kPersonOfMember, {member_id});
    if (!r) return std::nullopt;
    return r->integer(0);
  });
  if (!id) return nullptr;
  return person(app, who, *id);
}

bj::object people(App& app, const core::Principal& who, const ListQuery& q) {
  if (q.stage && !parse_stage(*q.stage)) bad_request("stage", "阶段无效");
  return app.db.read([&](store::Conn& c) {
    const auto s = scoped(c, who, q.org_id);
    const auto today = core::local_day(app.now());
    const auto local = detail::local_on(c, core::format_day(today));
    std::string extra;
    store::Params extra_params;
    if (q.stage) {
      extra = " AND p.stage = ?";
      extra_params.emplace_back(*q.stage);
    }
    bj::array items;
    for (const auto& r : files(c, s, extra, extra_params, std::min(q.limit, kMaxPage), q.offset)) {
      auto b = detail::brief(r, local, today);
      if (auto org = orgs::org_info(c, r.org_id)) b["org_name"] = org->name;
      items.push_back(std::move(b));
    }
    return bj::object{{"items", std::move(items)}};
  });
}

bj::object branch(App& app, const core::Principal& who, std::int64_t org_id) {
  return app.db.read([&](store::Conn& c) {
    const auto s = scoped(c, who, org_id);
    const auto org = *orgs::org_info(c, org_id);
    const auto today = core::local_day(app.now());
    const auto local = detail::local_on(c, core::format_day(today));
    bj::object counts;
    for (const auto st :
         {Stage::applicant, Stage::activist, Stage::candidate, Stage::probationary, Stage::full, Stage::cancelled}) {
      counts[stage_name(st)] = 0;
    }
    for (const auto& r : c.query(sql::kStageCounts, {org.path, core::path_end(org.path)}))
      counts[r.text(0)] = r.integer(1);
    // Every deadline of every open file, soonest first: what the secretary has to do.
    struct Due final {
      std::int64_t day;
      bj::object item;
    };
    std::vector<Due> due;
    bj::array open;
    for (const auto& r : files(c, s, kOpenStages, {}, kBranchFiles, 0)) {
      for (const auto& d : deadlines(r.file, local)) {
        due.push_back({d.due_on, bj::object{{"person_id", r.id},
                                            {"name", r.name},
                                            {"stage", stage_name(r.file.stage)},
                                            {"stage_label", stage_label(r.file.stage)},
                                            {"code", d.code},
                                            {"label", d.label},
                                            {"due_on", core::format_day(d.due_on)},
                                            {"days_left", d.due_on - today},
                                            {"alert", alert_name(alert_of(d.due_on, today, local))},
                                            {"source", d.source}}});
      }
      open.push_back(detail::brief(r, local, today));
    }
    std::stable_sort(due.begin(), due.end(), [](const Due& a, const Due& b) { return a.day < b.day; });
    bj::array due_items;
    for (auto& d : due) due_items.push_back(std::move(d.item));
    return bj::object{{"org_id", org.id},
                      {"org_name", org.name},
                      {"today", core::format_day(today)},
                      {"counts", std::move(counts)},
                      {"due", std::move(due_items)},
                      {"people", std::move(open)},
                      {"warn_days", bj::array{local.warn_first_days, local.warn_second_days}},
                      {"can_write", detail::writes_over(who, org.path, org.area_path)}};
  });
}

bj::object activists(App& app, const core::Principal& who, std::int64_t org_id) {
  return app.db.read([&](store::Conn& c) {
    const auto s = scoped(c, who, org_id);
    const auto org = *orgs::org_info(c, org_id);
    const auto today = core::local_day(app.now());
    const auto local = detail::local_on(c, core::format_day(today));
    const auto list = files(c, s, " AND p.stage = 'activist'", {}, kBranchFiles, 0);
    bj::array items;
    for (const auto& r : list) {
      // The contacts named when the committee chose the activist.
      bj::array contacts;
      if (auto step = c.one(sql::kStepDetails, {r.id, std::string("activist")})) {
        boost::system::error_code ec;
        const auto v = bj::parse(step->text(0), ec);
        if (!ec && v.is_object()) {
          if (const auto* named = v.as_object().if_contains("contacts"); named && named->is_array()) {
            contacts = named->as_array();
          }
        }
      }
      const auto eligible = add_months(*r.file.activist_on, kActivistMonths);
      const auto review = deadlines(r.file, local);
      items.push_back(bj::object{
          {"id", r.id},
          {"name", r.name},
          {"gender", r.gender},
          {"age", age_on(r.file.birth_day, today)},
          {"applied_on", core::format_day(r.file.applied_on)},
          {"activist_on", core::format_day(*r.file.activist_on)},
          {"months_as_activist", months_between(*r.file.activist_on, today)},
          {"contacts", std::move(contacts)},
          {"last_review_on",
           r.file.last_review_on ? bj::value(core::format_day(*r.file.last_review_on)) : bj::value(nullptr)},
          {"next_review_on", review.empty() ? bj::value(nullptr) : bj::value(core::format_day(review[0].due_on))},
          {"review_alert",
           review.empty() ? std::string_view("none") : alert_name(alert_of(review[0].due_on, today, local))},
          {"candidate_from", core::format_day(eligible)},
          {"may_be_candidate", eligible <= today}});
    }
    return bj::object{{"org_id", org.id}, {"org_name", org.name}, {"items", std::move(items)}};
  });
}

bj::object rule_table() {
  bj::array items;
  for (const auto& r : rules()) {
    items.push_back(bj::object{{"code", r.code}, {"text", r.text}, {"source", r.source}, {"central", r.central}});
  }
  return bj::object{{"items", std::move(items)}};
}

}  // namespace jiceng::pipeline
