// Reading requests and their updates: by tracking code, or a list by date, service and status.
#include <set>
#include <unordered_map>

#include "appeals/exports.hpp"
#include "appeals/service.hpp"
#include "open311/handler.hpp"
#include "open311/records.hpp"

namespace jiceng::open311 {
namespace {

// A GET may name as many requests as its URL holds, up to this many.
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
  return ctx.app.db.read([&](store::Conn& c) {
    auto found = appeals::published_by_codes(c, codes);
    std::unordered_map<std::string, std::size_t> at;
    for (std::size_t i = 0; i < found.size(); ++i) at.emplace(found[i].code, i);
    std::vector<appeals::PublishedAppeal> in_order;
    for (const auto& code : codes) {
      if (auto it = at.find(code); it != at.end()) in_order.push_back(std::move(found[it->second]));
    }
    return request_records(ctx, c, in_order);
  });
}

}  // namespace

http::Response get_requests(Ctx& ctx, Format f) {
  return guarded(f, [&] {
    const auto& q = ctx.req.query;
    const auto ids = list_param(q, "service_request_id");
    // Given ids, the specification ignores every other filter.
    if (!ids.empty()) return reply(f, render(f, "service_requests", "request", requests_by_code(ctx, ids)));
    appeals::PublishedFilter filter;
    const auto now = ctx.app.now();
    const auto start = date_param(q, "start_date", now - kDefaultWindow);
    const auto end = date_param(q, "end_date", now + 1);
    if (!start) throw Open311Error{400, "start_date 应为 W3C 日期时间，如 2026-11-01T00:00:00+08:00"};
    if (!end) throw Open311Error{400, "end_date 应为 W3C 日期时间，如 2026-11-30T23:59:59+08:00"};
    filter.created_from = *start;
    filter.created_to = *end;
    const auto codes = list_param(q, "service_code");
    for (const auto& code : codes) {
      if (!is_number(code)) throw Open311Error{400, "service_code 应为服务列表中的编号"};
      filter.category_ids.push_back(std::stoll(code));
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
    if (open != closed) filter.open = open;
    filter.limit = kMaxResults;
    const auto items =
        ctx.app.db.read([&](store::Conn& c) { return request_records(ctx, c, appeals::published_appeals(c, filter)); });
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
    const auto items = ctx.app.db.read([&](store::Conn& c) {
      return update_records(ctx, c, appeals::published_updates(c, *start, *end, kMaxResults));
    });
    return reply(f, render(f, "service_request_updates", "request_update", items));
  });
}

}  // namespace jiceng::open311
