// The lists: the staff work queue (by queue, filters and cursor) and a resident's own appeals.
#include <boost/json.hpp>

#include "appeals/queries.hpp"
#include "appeals/service.hpp"
#include "appeals/service_internal.hpp"
#include "core/json.hpp"
#include "orgs/lookups.hpp"
#include "orgs/service.hpp"

namespace jiceng::appeals {
namespace {

namespace bj = boost::json;

// The queue's condition after the scope; `now` for the ones that depend on the time.
void add_queue(const QueueQuery& q, const core::Principal& who, std::int64_t now, std::string& where,
               store::Params& params) {
  const auto& queue = q.queue;
  if (queue == "mine") {
    where += sql::kAssignedTo + open_statuses_sql();
    params.emplace_back(who.account_id);
  } else if (queue == "open") {
    where += sql::kStatusIn + open_statuses_sql();
  } else if (queue == "pending") {
    where += sql::kPendingQueue;
  } else if (queue == "working") {
    where += sql::kWorkingQueue;
  } else if (queue == "due_soon") {
    where += sql::kStatusIn + open_statuses_sql() + sql::kDueSoonTail;
    params.emplace_back(now);
    params.emplace_back(now);
  } else if (queue == "overdue") {
    where += sql::kStatusIn + open_statuses_sql() + sql::kOverdueTail;
    params.emplace_back(now);
  } else if (queue == "closed") {
    where += sql::kClosedQueue;
  }
}

void add_filters(const QueueQuery& q, std::string& where, store::Params& params) {
  if (!q.type.empty()) {
    where += sql::kOfType;
    params.emplace_back(q.type);
  }
  if (q.category_id) {
    where += sql::kCategorySubtree;
    params.insert(params.end(), {*q.category_id, *q.category_id, *q.category_id});
  }
  if (!q.text.empty()) {
    where += sql::kMatching;
    params.emplace_back(store::like_contains(q.text));
    params.emplace_back(q.text);
  }
}

// At or above this many matches a queue is wide: walking the newest appeals in id order meets a
// page of matches within a few pages' worth of rows, while sorting every match by id (what SQLite
// picks for any path range, as it cannot tell a county's from a grid's) costs ~17 ms a request at
// 100,000 pending. Below it, sorting the matches is the cheap plan.
constexpr std::int64_t kWideQueue = 2000;

// The page query for the id order: on SQLite, a wide queue walks an index in id order.
std::string id_page_sql(store::Conn& c, const QueueQuery& q, const std::string& where, const store::Params& params,
                        std::optional<std::int64_t> total) {
  if (c.dialect() != store::Dialect::sqlite || q.queue == "mine") return sql::kQueuePage;
  std::int64_t matches = 0;
  if (total) {
    matches = *total;
  } else {
    auto bounded = params;
    bounded.emplace_back(kWideQueue);
    matches = c.scalar(std::string(sql::kQueueWidth) + where + sql::kQueueWidthTail, bounded);
  }
  if (matches < kWideQueue) return sql::kQueuePage;
  return q.queue == "all" ? sql::kQueuePageById : sql::kQueuePageByStatusId;
}

// The phone of the caller's latest appeal that had one: what they gave last time is what they most
// likely want again (accounts carry no phone of their own).
bj::value last_phone(App& app, store::Conn& c, std::int64_t account) {
  auto r = c.one(sql::kLastPhone, {account});
  if (!r) return nullptr;
  try {
    return bj::value(app.cipher.decrypt(r->text(0)));
  } catch (const std::exception&) {
    return nullptr;  // written under a key no longer held: leave the field for the resident to fill
  }
}

bj::object mine_item(const store::Row& r, const std::map<std::int64_t, std::string>& areas) {
  const auto name_of = [&](std::size_t col) {
    const auto it = r.is_null(col) ? areas.end() : areas.find(r.integer(col));
    return it == areas.end() ? bj::value(nullptr) : bj::value(it->second);
  };
  const auto status = parse_status(r.text(5)).value_or(Status::submitted);
  return bj::object{{"code", r.text(1)},
                    {"type", r.text(2)},
                    {"category_name", r.text(3)},
                    {"description", r.text(4)},
                    {"status", r.text(5)},
                    {"status_label", status_label(status)},
                    {"created_at", r.integer(6)},
                    {"satisfaction", json::opt_text(r, 7)},
                    {"can_rate", status == Status::resolved},
                    {"grid_name", name_of(8)},
                    {"area_name", name_of(9)},
                    {"address", json::opt_text(r, 10)}};
}

}  // namespace

bool is_queue(const std::string& name) {
  for (const char* q : {"mine", "open", "pending", "working", "due_soon", "overdue", "closed", "all"}) {
    if (name == q) return true;
  }
  return false;
}

bj::object queue_page(App& app, const core::Principal& who, const QueueQuery& q) {
  const auto now = app.now();
  auto scope = core::scope_clause(who, core::Register::appeals, core::Action::read, scope_columns());
  std::string where = scope.sql;
  store::Params params = scope.params;
  add_queue(q, who, now, where, params);
  add_filters(q, where, params);
  const std::string total_where = where;
  const store::Params total_params = params;
  // Due order pages by (deadline, id): overdue first, then what falls due soonest (2-hour items
  // come out on top by themselves).
  if (q.by_due) {
    if (q.after_due) {
      where += sql::kAfterDue;
      params.insert(params.end(), {q.after_due->first, q.after_due->first, q.after_due->second});
    }
  } else {
    where += sql::kBeforeId;
    params.emplace_back(q.before_id.value_or(INT64_MAX));
  }
  params.emplace_back(q.limit + 1);
  bj::array items;
  std::optional<std::string> next;
  std::optional<std::int64_t> total;
  app.db.read([&](store::Conn& c) {
    if (!q.before_id && !q.after_due) total = c.scalar(sql::kQueueTotal + total_where, total_params);
    const auto select = q.by_due ? std::string(sql::kQueuePage) : id_page_sql(c, q, total_where, total_params, total);
    auto ids = c.query(select + where + (q.by_due ? sql::kQueueByDue : sql::kQueueById), params);
    const auto n = std::min<std::size_t>(ids.size(), static_cast<std::size_t>(q.limit));
    std::vector<std::int64_t> page;
    for (std::size_t i = 0; i < n; ++i) page.push_back(ids[i].integer(0));
    items = staff_views(app, c, page, who);
    if (ids.size() > n) {
      const auto& last = ids[n - 1];
      next = q.by_due ? std::to_string(last.integer(1)) + "." + std::to_string(last.integer(0))
                      : std::to_string(last.integer(0));
    }
  });
  bj::object out{{"items", std::move(items)}, {"server_time", now}};
  out["next_cursor"] = next ? bj::value(*next) : bj::value(nullptr);
  out["total"] = total ? bj::value(*total) : bj::value(nullptr);
  return out;
}

bj::object my_appeals(App& app, const core::Principal& who, std::int64_t limit, std::int64_t before) {
  return app.db.read([&](store::Conn& c) {
    bj::array items;
    std::int64_t last = 0;
    const auto rows = c.query(sql::kMine, {who.account_id, before, limit});
    std::vector<std::int64_t> area_ids;
    for (const auto& r : rows) {
      area_ids.push_back(r.integer(9));
      if (!r.is_null(8)) area_ids.push_back(r.integer(8));
    }
    const auto areas = orgs::area_names(c, distinct(std::move(area_ids)));
    for (const auto& r : rows) {
      last = r.integer(0);
      items.push_back(mine_item(r, areas));
    }
    const bool more = static_cast<std::int64_t>(items.size()) == limit;
    return bj::object{
        {"contact", bj::object{{"name", who.display_name}, {"phone", last_phone(app, c, who.account_id)}}},
        {"items", std::move(items)},
        {"next_before", more ? bj::value(last) : bj::value(nullptr)}};
  });
}

}  // namespace jiceng::appeals
