// The sweep's warnings: every open file's deadlines within the county's first warning (30 days by
// default), its second (7) and missed, written once per file, deadline and level to the list the
// secretary reads and to the notify outbox. It reads an index range of files by their earliest
// deadline in batches, one transaction each, and runs at most hourly.
#include <algorithm>
#include <boost/json.hpp>
#include <climits>

#include "core/dates.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "notify/outbox.hpp"
#include "orgs/service.hpp"
#include "pipeline/internal.hpp"
#include "pipeline/queries.hpp"
#include "pipeline/service.hpp"

namespace jiceng::pipeline {
namespace {

namespace bj = boost::json;

constexpr std::int64_t kBatch = 500;
constexpr std::int64_t kMaxWarnings = 200;
constexpr char kWarningEvent[] = "pipeline.warning";

std::int64_t warn_file(store::Conn& c, const detail::Record& r, const Local& local, std::int64_t today,
                       std::int64_t now) {
  std::int64_t written = 0;
  for (const auto& d : deadlines(r.file, local)) {
    const auto a = alert_of(d.due_on, today, local);
    if (a == Alert::none) continue;
    const auto message = alert_message(r.name, d, a, today);
    const auto row =
        c.one(sql::kInsertWarning, {r.id, r.org_id, r.org_path, r.area_path, r.name, d.code, core::format_day(d.due_on),
                                    std::string(alert_name(a)), message, d.source, now});
    if (!row) continue;
    ++written;
    notify::enqueue_event(c, kWarningEvent, r.area_path,
                          bj::object{{"warning_id", row->integer(0)},
                                     {"person_id", r.id},
                                     {"org_id", r.org_id},
                                     {"rule", d.code},
                                     {"due_on", core::format_day(d.due_on)},
                                     {"level", alert_name(a)},
                                     {"message", message},
                                     {"source", d.source}},
                          now);
  }
  return written;
}

}  // namespace

std::int64_t warn_due(App& app) {
  const auto now = app.now();
  const auto today = core::local_day(now);
  std::int64_t warned = 0;
  std::string after_due;  // "" sorts before every day
  std::int64_t after_id = 0;
  for (;;) {
    const auto read = app.db.write([&](store::Conn& c) {
      const auto local = detail::local_on(c, core::format_day(today));
      const auto horizon = core::format_day(today + local.warn_first_days);
      const auto batch = c.query(sql::kDueBatch, {horizon, after_due, after_due, after_id, kBatch});
      for (const auto& row : batch) {
        after_id = row.integer(0);
        after_due = row.text(1);
        if (const auto r = detail::load(c, after_id)) warned += warn_file(c, *r, local, today, now);
      }
      return static_cast<std::int64_t>(batch.size());
    });
    if (read < kBatch) break;
  }
  return warned;
}

bj::object warnings(App& app, const core::Principal& who, const WarningQuery& q) {
  return app.db.read([&](store::Conn& c) {
    auto [where, params] = orgs::rows_under_org(c, who, core::Register::pipeline, "w", q.org_id);
    if (q.level) {
      where += " AND w.level = ?";
      params.emplace_back(*q.level);
    }
    params.insert(params.end(), {std::min(q.limit, kMaxWarnings), q.offset});
    bj::array items;
    for (const auto& r : c.query(std::string(sql::kWarningColumns) + where + sql::kWarningTail, params)) {
      items.push_back(json::row_object(
          r, {"id", "person_id", "org_id", "name", "rule", "due_on", "level", "message", "source", "created_at"}));
    }
    return bj::object{{"items", std::move(items)}};
  });
}

}  // namespace jiceng::pipeline
