// Reading requests and their updates: by tracking code, or a list by date, service and status.
#include <set>
#include <unordered_map>

#include "appeals/rules.hpp"
#include "appeals/service.hpp"
#include "open311/handler.hpp"
#include "open311/queries.hpp"
#include "open311/records.hpp"

namespace jiceng::open311 {
namespace {

// A GET may name as many requests as its URL holds; they are read this many to a statement.
constexpr std::size_t kIdsPerStatement = 100;
constexpr std::size_t kMaxIds = 1000;

// Requests by tracking code, any number of them, in the order asked; unknown ones are left out.
std::vector<Record> requests_by_code(Ctx& ctx, const std::vector<std::string>& asked) {
  std::vector<std::string> codes;
  std::set<std::string> seen;
  for (const auto& a : asked) {
    auto code = appeals::normalize_code(a);
    if (appeals::is_tracking_code(code) && seen.insert(code).second) codes.push_back(std::move(code));
  }
  if (codes.size() > kMaxIds) throw Open311Error{400, "service_request_id 一次最多 1000 个"};
  std::unordered_map<std::string, Record> found;
  ctx.app.db.read([&](store::Conn& c) {
    for (std::size_t from = 0; from < codes.size(); from += kIdsPerStatement) {
      store::Params params;
      for (std::size_t i = from; i < codes.size() && i < from + kIdsPerStatement; ++i) params.emplace_back(codes[i]);
      for (const auto& r : c.query(
               std::string(kRequestSql) + "WHERE t.code IN (" + store::placeholders(params.size()) + ")" + kPublishable,
               params)) {
        found.emplace(r.text(1), request_record(ctx, r));
      }
    }
  });
  std::vector<Record> out;
  for (const auto& code : codes) {
    if (auto it = found.find(code); it != found.end()) out.push_back(std::move(it->second));
  }
  return out;
}

}  // namespace

http::Response get_requests(Ctx& ctx, Format f) {
  return guarded(f, [&] {
    const auto& q = ctx.req.query;
    const auto ids = list_param(q, "service_request_id");
    // Given ids, the specification ignores every other filter.
    if (!ids.empty()) return reply(f, render(f, "service_requests", "request", requests_by_code(ctx, ids)));
    std::string where = std::string("WHERE 1=1") + kPublishable;
    store::Params params;
    const auto now = ctx.app.now();
    const auto start = date_param(q, "start_date", now - kDefaultWindow);
    const auto end = date_param(q, "end_date", now + 1);
    if (!start) throw Open311Error{400, "start_date 应为 W3C 日期时间，如 2026-11-01T00:00:00+08:00"};
    if (!end) throw Open311Error{400, "end_date 应为 W3C 日期时间，如 2026-11-30T23:59:59+08:00"};
    where += " AND t.created_at >= ? AND t.created_at <= ?";
    params.emplace_back(*start);
    params.emplace_back(*end);
    const auto codes = list_param(q, "service_code");
    if (!codes.empty()) {
      where += " AND t.category_id IN (";
      for (std::size_t i = 0; i < codes.size(); ++i) {
        if (!is_number(codes[i])) throw Open311Error{400, "service_code 应为服务列表中的编号"};
        where += i ? ", ?" : "?";
        params.emplace_back(std::stoll(codes[i]));
      }
      where += ")";
    }
    bool open = false, closed = false;
    for (const auto& s : list_param(q, "status")) {
      const auto v = lower(s);
      if (v == "open")
        open = true;
      else if (v == "closed")
        closed = true;
      else
        throw Open311Error{400, "status 应为 open 或 closed"};
    }
    if (open != closed) {
      where += open ? " AND t.status IN ('submitted', 'accepted', 'in_progress', 'reopened')"
                    : " AND t.status IN ('resolved', 'called_back', 'closed', 'rejected', 'merged')";
    }
    params.emplace_back(kMaxResults);
    std::vector<Record> items;
    ctx.app.db.read([&](store::Conn& c) {
      for (const auto& r : c.query(std::string(kRequestSql) + where + " ORDER BY t.created_at DESC LIMIT ?", params)) {
        items.push_back(request_record(ctx, r));
      }
    });
    return reply(f, render(f, "service_requests", "request", items));
  });
}

http::Response get_request(Ctx& ctx) {
  const auto f = format_of(ctx, "file").value_or(Format::json);
  return guarded(f, [&] {
    auto items = requests_by_code(ctx, {ctx.params["file"]});
    if (items.empty()) throw Open311Error{404, "service_request_id 不存在"};
    return reply(f, render(f, "service_requests", "request", items));
  });
}

http::Response updates(Ctx& ctx, Format f) {
  return guarded(f, [&] {
    const auto& q = ctx.req.query;
    const auto now = ctx.app.now();
    const auto start = date_param(q, "start_date", now - kDefaultWindow);
    const auto end = date_param(q, "end_date", now + 1);
    if (!start || !end) throw Open311Error{400, "start_date 和 end_date 应为 W3C 日期时间"};
    std::vector<Record> items;
    ctx.app.db.read([&](store::Conn& c) {
      for (const auto& r : c.query(kUpdatesSql, {*start, *end, kMaxResults})) {
        const auto to = r.text(2);
        std::string description = r.text(5);
        if (r.text(4) != "resident_update") {
          const auto label =
              std::string(appeals::status_label(appeals::parse_status(to).value_or(appeals::Status::submitted)));
          description = r.is_null(5) ? label : label + "：" + description;
        }
        items.push_back(Record{{"update_id", std::to_string(r.integer(0))},
                               {"service_request_id", r.text(1)},
                               {"status", std::string(extended_state(to))},
                               {"updated_datetime", w3c_datetime(r.integer(3))},
                               {"description", description},
                               {"media_url", media_field(ctx, r, 6, 7)}});
      }
    });
    return reply(f, render(f, "service_request_updates", "request_update", items));
  });
}

}  // namespace jiceng::open311
