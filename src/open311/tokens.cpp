// Open311 tokens: a request gets its id at once, so the token is the id itself.
#include "appeals/exports.hpp"
#include "appeals/service.hpp"
#include "open311/handler.hpp"

namespace jiceng::open311 {

http::Response get_token(Ctx& ctx) {
  const auto f = format_of(ctx, "file").value_or(Format::json);
  return guarded(f, [&] {
    const auto token = appeals::normalize_code(ctx.params["file"]);
    // Requests get their id at once, so a token is the id itself. An unpublished appeal (a report
    // of wrongdoing, a dispute) is as unknown here as in the lists.
    const bool exists = appeals::is_tracking_code(token) &&
                        ctx.app.db.read([&](store::Conn& c) { return appeals::published_state(c, token).has_value(); });
    if (!exists) throw Open311Error{404, "token 不存在"};
    return reply(f,
                 render(f, "service_requests", "request", {Record{{"service_request_id", token}, {"token", token}}}));
  });
}

}  // namespace jiceng::open311
