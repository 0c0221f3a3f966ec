// Open311 GeoReport v2 at /open311/v2/, with mySociety's servicerequestupdates extension, so
// civic-reporting clients that work with other cities work here unchanged.
#include <boost/json.hpp>

#include "appeals/grid_index.hpp"
#include "appeals/rules.hpp"
#include "appeals/service.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/router.hpp"
#include "crypto/crypto.hpp"
#include "open311/format.hpp"
#include "people/rules.hpp"

namespace jiceng::open311 {
namespace {

namespace bj = boost::json;

constexpr char kBase[] = "/open311/v2";
constexpr std::int64_t kDefaultWindow = 90 * 24 * 3600;
constexpr std::int64_t kMaxResults = 1000;
constexpr std::size_t kMaxDescription = 1000;
constexpr std::size_t kMaxAddress = 120;
constexpr char kSpec[] = "http://wiki.open311.org/GeoReport_v2";
constexpr char kChangeset[] = "2026-11-22T00:00:00+08:00";

appeals::GridIndex& grid_index() {
  static appeals::GridIndex index;
  return index;
}

struct Open311Error final {
  int status;
  std::string description;
};

http::Response reply(Format f, std::string body, int status = 200) {
  http::Response r;
  r.status = status;
  r.content_type = f == Format::json ? "application/json; charset=utf-8" : "text/xml; charset=utf-8";
  r.body = std::move(body);
  return r;
}

// Every handler answers errors as the specification says: a list of {code, description}.
template <class F>
http::Response guarded(Format f, F&& body) {
  try {
    return body();
  } catch (const Open311Error& e) {
    return reply(f, render_error(f, e.status, e.description), e.status);
  } catch (const ApiError& e) {
    const int status = e.status() == 404 || e.status() == 403 || e.status() == 429 ? e.status() : 400;
    auto r = reply(f, render_error(f, status, e.message()), status);
    if (e.retry_after() > 0) r.set_header("Retry-After", std::to_string(e.retry_after()));
    return r;
  }
}

std::string param(const std::multimap<std::string, std::string>& q, const std::string& key) {
  auto it = q.find(key);
  return it == q.end() ? "" : it->second;
}

std::vector<std::string> list_param(const std::string& v) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= v.size() && !v.empty()) {
    const auto comma = v.find(',', start);
    auto item = v.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!item.empty()) out.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

bool is_closed_status(const std::string& s) {
  return s == "resolved" || s == "called_back" || s == "closed" || s == "rejected" || s == "merged";
}

// Categories a report can be filed under: the leaves of the tree.
const char* kServicesSql =
    "SELECT c.id, c.name, c.department, p.name, g.name, c.urgency FROM appeal_category c "
    "LEFT JOIN appeal_category p ON p.id = c.parent_id LEFT JOIN appeal_category g ON g.id = p.parent_id "
    "WHERE NOT EXISTS (SELECT 1 FROM appeal_category k WHERE k.parent_id = c.id) ";

Record service_record(const store::Row& r) {
  const std::string group = r.is_null(4) ? r.text(3) : r.text(4);
  std::string path = group;
  if (!r.is_null(4)) path += " / " + r.text(3);
  return Record{{"service_code", std::to_string(r.integer(0))},
                {"service_name", r.text(1)},
                {"description", path + " / " + r.text(1)},
                {"metadata", false},
                {"type", std::string("realtime")},
                {"keywords", r.text(5)},
                {"group", group}};
}

// A row of kRequestSql.
Record request_record(const store::Row& r) {
  const auto status = r.text(2);
  Record rec{{"service_request_id", r.text(1)},
             {"status", std::string(is_closed_status(status) ? "closed" : "open")},
             {"status_notes", r.is_null(13) ? FieldValue(std::monostate{}) : FieldValue(r.text(13))},
             {"service_name", r.text(3)},
             {"service_code", std::to_string(r.integer(4))},
             {"description", r.text(5)},
             {"agency_responsible", r.text(6)},
             {"service_notice", std::string(appeals::status_label(appeals::parse_status(status).value_or(appeals::Status::submitted)))},
             {"requested_datetime", w3c_datetime(r.integer(7))},
             {"updated_datetime", w3c_datetime(r.integer(8))},
             {"expected_datetime", w3c_datetime(r.integer(9))},
             {"address", r.is_null(10) ? FieldValue(std::monostate{}) : FieldValue(r.text(10))},
             {"address_id", std::monostate{}},
             {"zipcode", std::monostate{}},
             {"lat", r.is_null(11) ? FieldValue(std::monostate{}) : FieldValue(r.real(11))},
             {"long", r.is_null(12) ? FieldValue(std::monostate{}) : FieldValue(r.real(12))},
             {"media_url", std::monostate{}}};
  return rec;
}

// Open311 lists are public. Reports of wrongdoing (举报) and neighbours' disputes are not published.
constexpr char kPublishable[] = " AND t.type <> 'report' AND c.is_dispute = 0";

const char* kRequestSql =
    "SELECT t.id, t.code, t.status, c.name, t.category_id, t.description, c.department, t.created_at, t.updated_at, "
    "t.deadline_at, t.address, t.lat, t.lon, "
    // The latest note in the same statement: a list is up to 1,000 requests, and a statement each
    // cost more than the list itself.
    "(SELECT e.note FROM appeal_event e WHERE e.appeal_id = t.id AND e.note IS NOT NULL ORDER BY e.id DESC LIMIT 1) "
    "FROM appeal t JOIN appeal_category c ON c.id = t.category_id ";

std::optional<Format> format_of(Ctx& ctx, const std::string& name) {
  auto it = ctx.params.find(name);
  if (it == ctx.params.end()) return std::nullopt;
  auto split = split_format(it->second);
  if (!split) return std::nullopt;
  ctx.params[name] = split->first;
  return split->second;
}

http::Response discovery(Ctx& ctx, Format f) {
  const std::string url = "http://" + ctx.req.header("host").value_or("127.0.0.1:8080") + kBase;
  const std::string contact = "金河县社会治理服务中心（12345 热线）";
  const std::string key_service = "向县社会治理服务中心申请 api_key";
  if (f == Format::json) {
    return reply(f, bj::serialize(bj::object{
                        {"changeset", kChangeset},
                        {"contact", contact},
                        {"key_service", key_service},
                        {"endpoints", bj::array{bj::object{{"specification", kSpec},
                                                           {"url", url},
                                                           {"changeset", kChangeset},
                                                           {"type", "production"},
                                                           {"formats", bj::array{"application/json", "text/xml"}}}}}}));
  }
  return reply(f, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<discovery><changeset>" + std::string(kChangeset) +
                      "</changeset><contact>" + xml_escape(contact) + "</contact><key_service>" + xml_escape(key_service) +
                      "</key_service><endpoints><endpoint><specification>" + kSpec + "</specification><url>" +
                      xml_escape(url) + "</url><changeset>" + kChangeset +
                      "</changeset><type>production</type><formats><format>text/xml</format>"
                      "<format>application/json</format></formats></endpoint></endpoints></discovery>");
}

http::Response services(Ctx& ctx, Format f) {
  auto rs = ctx.app.db.read([](store::Conn& c) { return c.query(std::string(kServicesSql) + "ORDER BY c.id"); });
  std::vector<Record> items;
  for (const auto& r : rs) items.push_back(service_record(r));
  return reply(f, render(f, "services", "service", items));
}

http::Response service_definition(Ctx& ctx) {
  const auto f = format_of(ctx, "file").value_or(Format::json);
  return guarded(f, [&] {
    const auto code = ctx.params["file"];
    if (code.empty() || code.size() > 18 || code.find_first_not_of("0123456789") != std::string::npos) {
      throw Open311Error{404, "service_code 不存在"};
    }
    auto row = ctx.app.db.read([&](store::Conn& c) { return c.one(std::string(kServicesSql) + "AND c.id = ?", {std::stoll(code)}); });
    if (!row) throw Open311Error{404, "service_code 不存在"};
    if (f == Format::json) {
      return reply(f, bj::serialize(bj::object{{"service_code", code}, {"attributes", bj::array{}}}));
    }
    return reply(f, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<service_definition><service_code>" + code +
                        "</service_code><attributes/></service_definition>");
  });
}

http::Response post_request(Ctx& ctx, Format f) {
  return guarded(f, [&] {
    const auto form = http::parse_query(ctx.req.body);
    // Parameters may come in the body (the specification) or, from some clients, the query string.
    auto get = [&](const std::string& k) {
      auto v = param(form, k);
      return v.empty() ? param(ctx.req.query, k) : v;
    };
    const auto key = get("api_key");
    if (key.empty()) throw Open311Error{403, "缺少 api_key"};
    const bool known = ctx.app.db.read([&](store::Conn& c) {
      return c.one("SELECT 1 FROM open311_key WHERE key_hash = ?", {crypto::sm3_hex(key)}).has_value();
    });
    if (!known) throw Open311Error{403, "api_key 无效"};
    const auto code = get("service_code");
    if (code.empty()) throw Open311Error{400, "service_code 为必填项"};
    if (code.size() > 18 || code.find_first_not_of("0123456789") != std::string::npos) {
      throw Open311Error{400, "service_code 不存在"};
    }
    auto service = ctx.app.db.read([&](store::Conn& c) { return c.one(std::string(kServicesSql) + "AND c.id = ?", {std::stoll(code)}); });
    if (!service) throw Open311Error{400, "service_code 不存在"};
    appeals::Intake in;
    in.channel = "open311";
    in.type = "complaint";
    in.category_id = std::stoll(code);
    const auto lat = get("lat");
    const auto lon = get("long");
    if (!lat.empty() || !lon.empty()) {
      try {
        std::size_t a = 0, b = 0;
        const double la = std::stod(lat, &a);
        const double lo = std::stod(lon, &b);
        if (a != lat.size() || b != lon.size() || std::abs(la) > 90 || std::abs(lo) > 180) throw std::invalid_argument("range");
        in.lat = la;
        in.lon = lo;
      } catch (const std::exception&) {
        throw Open311Error{400, "lat 和 long 应为有效的经纬度"};
      }
    }
    in.address = get("address_string");
    if (in.address.empty()) in.address = get("address_id");
    if (!in.lon && in.address.empty()) throw Open311Error{400, "需要提供 lat/long 或 address_string 或 address_id"};
    if (json::utf8_length(in.address) < 0 || static_cast<std::size_t>(json::utf8_length(in.address)) > kMaxAddress) {
      throw Open311Error{400, "address_string 过长"};
    }
    in.description = get("description");
    const long dlen = json::utf8_length(in.description);
    if (dlen < 0 || static_cast<std::size_t>(dlen) > kMaxDescription) throw Open311Error{400, "description 过长或不是 UTF-8 文本"};
    if (in.description.empty()) in.description = service->text(1);
    in.reporter_name = get("last_name") + get("first_name");
    if (json::utf8_length(in.reporter_name) > 30) throw Open311Error{400, "姓名过长"};
    in.phone = get("phone");
    if (!in.phone.empty()) {
      if (auto problem = people::phone_problem(in.phone)) throw Open311Error{400, "phone: " + *problem};
    }
    in.anonymous = in.phone.empty() && in.reporter_name.empty();
    // The key holder relays many residents, so only each resident's phone is limited here.
    appeals::limit_intake(ctx.app, "", in.phone);
    const auto created = appeals::file(ctx.app, grid_index(), in, nullptr, ctx.req.client_ip);
    const std::string notice = "已受理登记，请凭编号 " + created.code + " 查询办理进度";
    return reply(f, render(f, "service_requests", "request",
                           {Record{{"service_request_id", created.code}, {"service_notice", notice},
                                   {"account_id", std::monostate{}}}}));
  });
}

http::Response get_requests(Ctx& ctx, Format f) {
  return guarded(f, [&] {
    const auto& q = ctx.req.query;
    std::string where = std::string("WHERE 1=1") + kPublishable;
    store::Params params;
    const auto ids = list_param(param(q, "service_request_id"));
    if (!ids.empty()) {
      if (ids.size() > 100) throw Open311Error{400, "service_request_id 最多 100 个"};
      where += " AND t.code IN (";
      for (std::size_t i = 0; i < ids.size(); ++i) {
        where += i ? ", ?" : "?";
        params.emplace_back(appeals::normalize_code(ids[i]));
      }
      where += ")";
    } else {
      const auto now = ctx.app.now();
      const auto start_text = param(q, "start_date");
      const auto end_text = param(q, "end_date");
      const auto start = start_text.empty() ? std::optional(now - kDefaultWindow) : parse_w3c(start_text);
      const auto end = end_text.empty() ? std::optional(now + 1) : parse_w3c(end_text);
      if (!start) throw Open311Error{400, "start_date 应为 W3C 日期时间，如 2026-11-01T00:00:00+08:00"};
      if (!end) throw Open311Error{400, "end_date 应为 W3C 日期时间，如 2026-11-30T23:59:59+08:00"};
      where += " AND t.created_at >= ? AND t.created_at <= ?";
      params.emplace_back(*start);
      params.emplace_back(*end);
      const auto codes = list_param(param(q, "service_code"));
      if (!codes.empty()) {
        where += " AND t.category_id IN (";
        for (std::size_t i = 0; i < codes.size(); ++i) {
          if (codes[i].size() > 18 || codes[i].find_first_not_of("0123456789") != std::string::npos) {
            throw Open311Error{400, "service_code 不存在"};
          }
          where += i ? ", ?" : "?";
          params.emplace_back(std::stoll(codes[i]));
        }
        where += ")";
      }
      const auto statuses = list_param(param(q, "status"));
      bool open = false, closed = false;
      for (const auto& s : statuses) {
        if (s == "open") open = true;
        else if (s == "closed") closed = true;
        else throw Open311Error{400, "status 应为 open 或 closed"};
      }
      if (open != closed) {
        where += open ? " AND t.status IN ('submitted', 'accepted', 'in_progress', 'reopened')"
                      : " AND t.status IN ('resolved', 'called_back', 'closed', 'rejected', 'merged')";
      }
    }
    params.emplace_back(kMaxResults);
    std::vector<Record> items;
    ctx.app.db.read([&](store::Conn& c) {
      for (const auto& r : c.query(std::string(kRequestSql) + where + " ORDER BY t.created_at DESC LIMIT ?", params)) {
        items.push_back(request_record(r));
      }
    });
    return reply(f, render(f, "service_requests", "request", items));
  });
}

http::Response get_request(Ctx& ctx) {
  const auto f = format_of(ctx, "file").value_or(Format::json);
  return guarded(f, [&] {
    const auto code = appeals::normalize_code(ctx.params["file"]);
    std::vector<Record> items;
    ctx.app.db.read([&](store::Conn& c) {
      if (auto r = c.one(std::string(kRequestSql) + "WHERE t.code = ?" + kPublishable, {code})) {
        items.push_back(request_record(*r));
      }
    });
    if (items.empty()) throw Open311Error{404, "service_request_id 不存在"};
    return reply(f, render(f, "service_requests", "request", items));
  });
}

http::Response get_token(Ctx& ctx) {
  const auto f = format_of(ctx, "file").value_or(Format::json);
  return guarded(f, [&] {
    const auto token = appeals::normalize_code(ctx.params["file"]);
    // Requests get their id at once, so a token is the id itself.
    const bool exists = ctx.app.db.read([&](store::Conn& c) { return c.one("SELECT 1 FROM appeal WHERE code = ?", {token}).has_value(); });
    if (!exists) throw Open311Error{404, "token 不存在"};
    return reply(f, render(f, "service_requests", "request", {Record{{"service_request_id", token}, {"token", token}}}));
  });
}

http::Response updates(Ctx& ctx, Format f) {
  return guarded(f, [&] {
    const auto& q = ctx.req.query;
    const auto now = ctx.app.now();
    const auto start_text = param(q, "start_date");
    const auto end_text = param(q, "end_date");
    const auto start = start_text.empty() ? std::optional(now - kDefaultWindow) : parse_w3c(start_text);
    const auto end = end_text.empty() ? std::optional(now + 1) : parse_w3c(end_text);
    if (!start || !end) throw Open311Error{400, "start_date 和 end_date 应为 W3C 日期时间"};
    std::vector<Record> items;
    ctx.app.db.read([&](store::Conn& c) {
      for (const auto& r : c.query(
               "SELECT e.id, a.code, e.to_status, e.at, e.action, e.note FROM appeal_event e JOIN appeal a ON a.id = e.appeal_id "
               "JOIN appeal_category c ON c.id = a.category_id WHERE e.at >= ? AND e.at <= ? AND e.to_status IS NOT NULL "
               "AND e.action <> 'submit' AND a.type <> 'report' AND c.is_dispute = 0 ORDER BY e.id LIMIT ?",
               {*start, *end, kMaxResults})) {
        const auto to = r.text(2);
        const auto label = std::string(appeals::status_label(appeals::parse_status(to).value_or(appeals::Status::submitted)));
        items.push_back(Record{{"update_id", std::to_string(r.integer(0))},
                               {"service_request_id", r.text(1)},
                               {"status", std::string(is_closed_status(to) ? "closed" : "open")},
                               {"updated_datetime", w3c_datetime(r.integer(3))},
                               {"description", r.is_null(5) ? label : label + "：" + r.text(5)},
                               {"media_url", std::monostate{}}});
      }
    });
    return reply(f, render(f, "service_request_updates", "request_update", items));
  });
}

}  // namespace

void register_routes(Router& r) {
  const std::string b = kBase;
  for (const auto& [ext, f] : {std::pair{".json", Format::json}, std::pair{".xml", Format::xml}}) {
    const Format fmt = f;
    r.add("GET", b + "/discovery" + ext, Access::open, "open311", "Open311 discovery", [fmt](Ctx& c) { return discovery(c, fmt); });
    r.add("GET", b + "/services" + ext, Access::open, "open311", "Open311 services", [fmt](Ctx& c) { return services(c, fmt); });
    r.add("GET", b + "/requests" + ext, Access::open, "open311", "Open311 查询诉求", [fmt](Ctx& c) { return get_requests(c, fmt); });
    r.add("POST", b + "/requests" + ext, Access::open, "open311", "Open311 提交诉求（需 api_key）",
          [fmt](Ctx& c) { return post_request(c, fmt); });
    r.add("GET", b + "/servicerequestupdates" + ext, Access::open, "open311", "mySociety servicerequestupdates",
          [fmt](Ctx& c) { return updates(c, fmt); });
  }
  r.add("GET", b + "/services/{file}", Access::open, "open311", "Open311 service definition", service_definition);
  r.add("GET", b + "/requests/{file}", Access::open, "open311", "Open311 单个诉求", get_request);
  r.add("GET", b + "/tokens/{file}", Access::open, "open311", "Open311 token", get_token);
}

}  // namespace jiceng::open311
