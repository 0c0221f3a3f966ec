// Open311 GeoReport v2 at /open311/v2/, with mySociety's servicerequestupdates extension, so
// civic-reporting clients that work with other cities work here unchanged.
#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <cmath>
#include <set>
#include <unordered_map>

#include "appeals/photos.hpp"
#include "appeals/rules.hpp"
#include "appeals/service.hpp"
#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/router.hpp"
#include "crypto/crypto.hpp"
#include "open311/form.hpp"
#include "open311/format.hpp"
#include "people/rules.hpp"

namespace jiceng::open311 {
namespace {

namespace bj = boost::json;

constexpr char kBase[] = "/open311/v2";
constexpr std::int64_t kDefaultWindow = 90 * 24 * 3600;
constexpr std::int64_t kMaxResults = 1000;
constexpr std::size_t kMaxDescription = 4000;  // the specification's limit
constexpr std::size_t kMaxAddress = 120;
constexpr std::size_t kMaxName = 30;
constexpr std::size_t kMaxIdentifier = 100;  // address_id, device_id, account_id, a client's update_id
constexpr std::size_t kMaxEmail = 254;
constexpr std::size_t kMaxUrl = 2000;
constexpr std::size_t kMaxMediaUrls = 9;
constexpr std::size_t kMaxAttributes = 50;
constexpr std::size_t kMaxAttributeValue = 1000;
// A GET may name as many requests as its URL holds; they are read this many to a statement.
constexpr std::size_t kIdsPerStatement = 100;
constexpr std::size_t kMaxIds = 1000;
constexpr char kSpec[] = "http://wiki.open311.org/GeoReport_v2";
constexpr char kChangeset[] = "2026-11-22T00:00:00+08:00";

// The states a client may report with an update (mySociety's list); recorded, never applied.
const std::set<std::string> kUpdateStates = {"OPEN",
                                             "CLOSED",
                                             "FIXED",
                                             "IN_PROGRESS",
                                             "ACTION_SCHEDULED",
                                             "INVESTIGATING",
                                             "DUPLICATE",
                                             "NOT_COUNCILS_RESPONSIBILITY",
                                             "NO_FURTHER_ACTION",
                                             "INTERNAL_REFERRAL",
                                             "FOR_TRIAGE",
                                             "CANCELLED",
                                             "REOPEN",
                                             "UNCHANGED"};

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

// The format a path under /open311/v2/ asks for: its last segment's extension, JSON otherwise.
Format format_of_path(const std::string& path) {
  const auto slash = path.rfind('/');
  const auto split = split_format(slash == std::string::npos ? path : path.substr(slash + 1));
  return split ? split->second : Format::json;
}

std::string param(const std::multimap<std::string, std::string>& q, const std::string& key) {
  auto it = q.find(key);
  return it == q.end() ? "" : it->second;
}

std::string trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

// Every value of `key`, whether repeated (status=open&status=closed) or a comma list with or
// without spaces (status=open, closed).
std::vector<std::string> list_param(const std::multimap<std::string, std::string>& q, const std::string& key) {
  std::vector<std::string> out;
  const auto [from, to] = q.equal_range(key);
  for (auto it = from; it != to; ++it) {
    std::string_view v = it->second;
    while (true) {
      const auto comma = v.find(',');
      auto item = trimmed(v.substr(0, comma));
      if (!item.empty()) out.push_back(std::move(item));
      if (comma == std::string_view::npos) break;
      v.remove_prefix(comma + 1);
    }
  }
  return out;
}

bool is_number(const std::string& s) {
  return !s.empty() && s.size() <= 18 && s.find_first_not_of("0123456789") == std::string::npos;
}

std::string lower(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

std::string upper(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return s;
}

// The server as the client reached it, for links in answers.
std::string base_url(const Ctx& ctx) { return "http://" + ctx.req.header("host").value_or("127.0.0.1:8080"); }

std::string photo_link(const Ctx& ctx, const std::string& hash) { return base_url(ctx) + "/api/v1/photos/" + hash; }

// The parameters of a POST: the body, form-encoded or multipart/form-data, and then the query
// string, which some clients use instead.
class Posted final {
 public:
  explicit Posted(const http::Request& req) : query_(req.query) {
    if (auto boundary = multipart_boundary(req.header("content-type").value_or(""))) {
      auto form = parse_multipart(req.body, *boundary);
      if (!form) throw Open311Error{400, "multipart/form-data 请求体格式不正确"};
      form_ = std::move(*form);
    } else {
      form_.fields = http::parse_query(req.body);
    }
  }

  std::string get(const std::string& key) const {
    auto v = param(form_.fields, key);
    return v.empty() ? param(query_, key) : v;
  }
  std::vector<std::string> all(const std::string& key) const {
    auto v = list_values(form_.fields, key);
    return v.empty() ? list_values(query_, key) : v;
  }
  // A text parameter of at most `max` characters of UTF-8, or a 400 naming it.
  std::string text(const std::string& key, std::size_t max) const {
    auto v = get(key);
    const long n = json::utf8_length(v);
    if (n < 0) throw Open311Error{400, key + " 不是有效的 UTF-8 文本"};
    if (static_cast<std::size_t>(n) > max) throw Open311Error{400, key + " 最多 " + std::to_string(max) + " 个字符"};
    return v;
  }
  const Form& form() const { return form_; }
  const std::multimap<std::string, std::string>& query() const { return query_; }

 private:
  static std::vector<std::string> list_values(const std::multimap<std::string, std::string>& m,
                                              const std::string& key) {
    std::vector<std::string> out;
    const auto [from, to] = m.equal_range(key);
    for (auto it = from; it != to; ++it) {
      if (!it->second.empty()) out.push_back(it->second);
    }
    return out;
  }

  const std::multimap<std::string, std::string>& query_;
  Form form_;
};

struct Client final {
  std::int64_t key_id;
  std::string name;
};

Client client_of(Ctx& ctx, const std::string& key) {
  if (key.empty()) throw Open311Error{403, "缺少 api_key"};
  auto row = ctx.app.db.read([&](store::Conn& c) {
    return c.one("SELECT id, name FROM open311_key WHERE key_hash = ?", {crypto::sm3_hex(key)});
  });
  if (!row) throw Open311Error{403, "api_key 无效"};
  return Client{row->integer(0), row->text(1)};
}

// Family name first and no space for Chinese names ("王" "明" → 王明), "Jane Smith" for Latin ones.
std::string full_name(const std::string& first, const std::string& last) {
  if (first.empty() || last.empty()) return first + last;
  const auto latin = [](const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x80; });
  };
  return latin(first) && latin(last) ? first + " " + last : last + first;
}

struct Person final {
  std::string first_name;
  std::string last_name;
  std::string email;
  std::string phone;
  std::string account_id;
  std::string name() const { return full_name(first_name, last_name); }
  bool empty() const { return first_name.empty() && last_name.empty() && email.empty() && phone.empty(); }
};

std::string mask_email(const std::string& email) {
  const auto at = email.rfind('@');
  return email.substr(0, 1) + "***" + email.substr(at);
}

Person person_of(const Posted& p) {
  Person who;
  who.first_name = trimmed(p.text("first_name", kMaxName));
  who.last_name = trimmed(p.text("last_name", kMaxName));
  if (json::utf8_length(who.name()) > static_cast<long>(kMaxName)) throw Open311Error{400, "姓名最多 30 个字符"};
  who.email = trimmed(p.text("email", kMaxEmail));
  if (!who.email.empty()) {
    const auto at = who.email.rfind('@');
    const bool spaced =
        std::any_of(who.email.begin(), who.email.end(), [](char ch) { return static_cast<unsigned char>(ch) <= ' '; });
    if (at == std::string::npos || at == 0 || at + 1 == who.email.size() || spaced) {
      throw Open311Error{400, "email 应为有效的电子邮箱地址"};
    }
  }
  who.phone = trimmed(p.get("phone"));
  if (!who.phone.empty()) {
    if (auto problem = people::phone_problem(who.phone)) throw Open311Error{400, "phone: " + *problem};
  }
  who.account_id = p.text("account_id", kMaxIdentifier);
  return who;
}

// media_url, repeated for several pictures; only web links, since staff open them.
std::string media_urls_of(const Posted& p) {
  const auto urls = p.all("media_url");
  if (urls.size() > kMaxMediaUrls) throw Open311Error{400, "media_url 最多 9 个"};
  std::string joined;
  for (const auto& u : urls) {
    const auto url = trimmed(u);
    const auto scheme = lower(url.substr(0, 8));
    if (url.size() > kMaxUrl || json::utf8_length(url) < 0 ||
        (scheme.rfind("http://", 0) != 0 && scheme.rfind("https://", 0) != 0) ||
        std::any_of(url.begin(), url.end(), [](char ch) { return static_cast<unsigned char>(ch) <= ' '; })) {
      throw Open311Error{400, "media_url 应为 http 或 https 链接"};
    }
    joined += (joined.empty() ? "" : "\n") + url;
  }
  return joined;
}

// Photos sent in a multipart body as `media` (or `photo1`, `photo2`… as some clients name them):
// checked by their bytes, stored like the residents' uploads; their hashes.
std::vector<std::string> store_media(Ctx& ctx, const Posted& p) {
  std::vector<const FilePart*> media;
  for (const auto& f : p.form().files) {
    const bool named = f.name == "media" || f.name == "media[]" || f.name.rfind("photo", 0) == 0;
    if (named && !f.bytes.empty()) media.push_back(&f);
  }
  if (media.size() > appeals::kMaxPhotosPerAppeal) throw Open311Error{400, "media 最多 9 张照片"};
  std::vector<std::pair<const FilePart*, std::string>> typed;
  for (const auto* f : media) {
    if (f->bytes.size() > appeals::kMaxPhotoBytes) throw Open311Error{400, "media 每张照片不能超过 5 MB"};
    auto mime = appeals::sniff_image(f->bytes);
    if (!mime) throw Open311Error{400, "media 只能是 JPEG、PNG 或 WebP 格式的照片"};
    typed.emplace_back(f, *mime);
  }
  std::vector<std::string> hashes;
  if (typed.empty()) return hashes;
  ctx.app.db.write([&](store::Conn& c) {
    for (const auto& [f, mime] : typed)
      hashes.push_back(appeals::store_photo(c, ctx.app.media_dir, f->bytes, mime, ctx.app.now()));
  });
  return hashes;
}

// attribute[code]=value and attribute[code][]=value (a multivaluelist), as a JSON object.
bj::object attributes_of(const Posted& p) {
  bj::object out;
  for (const auto* source : {&p.form().fields, &p.query()}) {
    for (const auto& [key, value] : *source) {
      if (key.rfind("attribute[", 0) != 0) continue;
      const auto close = key.find(']');
      const auto code = key.substr(10, close == std::string::npos ? std::string::npos : close - 10);
      const auto rest = close == std::string::npos ? std::string("?") : key.substr(close + 1);
      if (code.empty() || (rest != "" && rest != "[]") || json::utf8_length(code) < 0 || code.size() > kMaxIdentifier) {
        throw Open311Error{400, "attribute 参数应为 attribute[代码]=值"};
      }
      const long n = json::utf8_length(value);
      if (n < 0 || static_cast<std::size_t>(n) > kMaxAttributeValue) {
        throw Open311Error{400, "attribute[" + code + "] 最多 1000 个字符"};
      }
      if (auto* existing = out.if_contains(code)) {
        if (!existing->is_array()) *existing = bj::array{*existing};
        existing->as_array().emplace_back(value);
      } else {
        if (out.size() == kMaxAttributes) throw Open311Error{400, "attribute 最多 50 项"};
        out[code] = rest == "[]" ? bj::value(bj::array{bj::value(value)}) : bj::value(value);
      }
    }
  }
  return out;
}

store::Value text_or_null(const std::string& s) { return s.empty() ? store::null() : store::Value(s); }

// Categories a report can be filed under: the leaves of the tree. Neighbours' disputes are not
// among them: their requests are never published, so a client could not follow one it filed.
const char* kServicesSql =
    "SELECT c.id, c.name, c.department, p.name, g.name, c.urgency FROM appeal_category c "
    "LEFT JOIN appeal_category p ON p.id = c.parent_id LEFT JOIN appeal_category g ON g.id = p.parent_id "
    "WHERE NOT EXISTS (SELECT 1 FROM appeal_category k WHERE k.parent_id = c.id) AND c.is_dispute = 0 ";

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

// Open311 lists are public. Reports of wrongdoing (举报) and neighbours' disputes are not published.
constexpr char kPublishable[] = " AND t.type <> 'report' AND c.is_dispute = 0";

const char* kRequestSql =
    "SELECT t.id, t.code, t.status, c.name, t.category_id, t.description, c.department, t.created_at, t.updated_at, "
    "t.deadline_at, t.address, t.lat, t.lon, "
    // The latest staff note in the same statement: a list is up to 1,000 requests, and a
    // statement each cost more than the list itself. Residents' own updates are not status notes.
    "(SELECT e.note FROM appeal_event e WHERE e.appeal_id = t.id AND e.note IS NOT NULL "
    "AND e.action <> 'resident_update' ORDER BY e.id DESC LIMIT 1), "
    "o.address_id, o.media_url, (SELECT p.hash FROM appeal_photo p WHERE p.appeal_id = t.id ORDER BY p.id LIMIT 1) "
    "FROM appeal t JOIN appeal_category c ON c.id = t.category_id LEFT JOIN open311_request o ON o.appeal_id = t.id ";

FieldValue text_field(const store::Row& r, std::size_t i) {
  return r.is_null(i) ? FieldValue(std::monostate{}) : FieldValue(r.text(i));
}

// The client's own link when it sent one, else the first photo.
FieldValue media_field(const Ctx& ctx, const store::Row& r, std::size_t url, std::size_t hash) {
  if (!r.is_null(url)) {
    const auto urls = r.text(url);
    return urls.substr(0, urls.find('\n'));
  }
  if (!r.is_null(hash)) return photo_link(ctx, r.text(hash));
  return std::monostate{};
}

// A row of kRequestSql.
Record request_record(const Ctx& ctx, const store::Row& r) {
  const auto status = r.text(2);
  return Record{
      {"service_request_id", r.text(1)},
      {"status", std::string(is_closed_status(status) ? "closed" : "open")},
      {"status_notes", text_field(r, 13)},
      {"service_name", r.text(3)},
      {"service_code", std::to_string(r.integer(4))},
      {"description", r.text(5)},
      {"agency_responsible", r.text(6)},
      {"service_notice",
       std::string(appeals::status_label(appeals::parse_status(status).value_or(appeals::Status::submitted)))},
      {"requested_datetime", w3c_datetime(r.integer(7))},
      {"updated_datetime", w3c_datetime(r.integer(8))},
      {"expected_datetime", w3c_datetime(r.integer(9))},
      {"address", text_field(r, 10)},
      {"address_id", text_field(r, 14)},
      {"zipcode", std::monostate{}},
      {"lat", r.is_null(11) ? FieldValue(std::monostate{}) : FieldValue(r.real(11))},
      {"long", r.is_null(12) ? FieldValue(std::monostate{}) : FieldValue(r.real(12))},
      {"media_url", media_field(ctx, r, 15, 16)}};
}

std::optional<Format> format_of(Ctx& ctx, const std::string& name) {
  auto it = ctx.params.find(name);
  if (it == ctx.params.end()) return std::nullopt;
  auto split = split_format(it->second);
  if (!split) return std::nullopt;
  ctx.params[name] = split->first;
  return split->second;
}

http::Response discovery(Ctx& ctx, Format f) {
  const std::string url = base_url(ctx) + kBase;
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
                      "</changeset><contact>" + xml_escape(contact) + "</contact><key_service>" +
                      xml_escape(key_service) + "</key_service><endpoints><endpoint><specification>" + kSpec +
                      "</specification><url>" + xml_escape(url) + "</url><changeset>" + kChangeset +
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
    if (!is_number(code)) throw Open311Error{404, "service_code 不存在"};
    auto row = ctx.app.db.read(
        [&](store::Conn& c) { return c.one(std::string(kServicesSql) + "AND c.id = ?", {std::stoll(code)}); });
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
    const Posted p(ctx.req);
    const auto client = client_of(ctx, p.get("api_key"));
    const auto code = trimmed(p.get("service_code"));
    if (code.empty()) throw Open311Error{400, "service_code 为必填项"};
    // The specification answers a service_code it does not know with 404.
    if (!is_number(code)) throw Open311Error{404, "service_code 不存在"};
    auto service = ctx.app.db.read(
        [&](store::Conn& c) { return c.one(std::string(kServicesSql) + "AND c.id = ?", {std::stoll(code)}); });
    if (!service) throw Open311Error{404, "service_code 不存在"};
    appeals::Intake in;
    in.channel = "open311";
    in.type = "complaint";
    in.category_id = std::stoll(code);
    const auto lat = trimmed(p.get("lat"));
    const auto lon = trimmed(p.get("long"));
    if (!lat.empty() || !lon.empty()) {
      try {
        std::size_t a = 0, b = 0;
        const double la = std::stod(lat, &a);
        const double lo = std::stod(lon, &b);
        if (a != lat.size() || b != lon.size() || !std::isfinite(la) || !std::isfinite(lo) || std::abs(la) > 90 ||
            std::abs(lo) > 180) {
          throw std::invalid_argument("range");
        }
        in.lat = la;
        in.lon = lo;
      } catch (const std::exception&) {
        throw Open311Error{400, "lat 和 long 应为有效的经纬度"};
      }
    }
    in.address = trimmed(p.text("address_string", kMaxAddress));
    const auto address_id = trimmed(p.text("address_id", kMaxIdentifier));
    if (!in.lon && in.address.empty() && address_id.empty()) {
      throw Open311Error{400, "需要提供 lat/long 或 address_string 或 address_id"};
    }
    in.description = p.text("description", kMaxDescription);
    if (trimmed(in.description).empty()) in.description = service->text(1);
    const auto who = person_of(p);
    in.reporter_name = who.name();
    in.phone = who.phone;
    in.anonymous = who.empty();
    const auto device_id = p.text(p.get("device_id").empty() ? "deviceid" : "device_id", kMaxIdentifier);
    const auto media_url = media_urls_of(p);
    const auto attributes = attributes_of(p);
    // The key holder relays many residents, so only each resident's phone is limited here.
    appeals::limit_intake(ctx.app, "", in.phone);
    in.photos = store_media(ctx, p);
    in.on_filed = [&](store::Conn& c, std::int64_t id) {
      c.execute(
          "INSERT INTO open311_request (appeal_id, key_id, first_name, last_name, email_enc, email_mask, "
          "address_id, media_url, device_id, account_id, attributes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {id, client.key_id, text_or_null(who.first_name), text_or_null(who.last_name),
           who.email.empty() ? store::null() : store::Value(ctx.app.cipher.encrypt(who.email)),
           who.email.empty() ? store::null() : store::Value(mask_email(who.email)), text_or_null(address_id),
           text_or_null(media_url), text_or_null(device_id), text_or_null(who.account_id),
           attributes.empty() ? store::null() : store::Value(bj::serialize(attributes))});
    };
    const auto created = appeals::file(ctx.app, in, nullptr, ctx.req.client_ip);
    const std::string notice = "已受理登记，请凭编号 " + created.code + " 查询办理进度";
    return reply(f, render(f, "service_requests", "request",
                           {Record{{"service_request_id", created.code},
                                   {"service_notice", notice},
                                   {"account_id", who.account_id.empty() ? FieldValue(std::monostate{})
                                                                         : FieldValue(who.account_id)}}}));
  });
}

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

http::Response get_requests(Ctx& ctx, Format f) {
  return guarded(f, [&] {
    const auto& q = ctx.req.query;
    const auto ids = list_param(q, "service_request_id");
    // Given ids, the specification ignores every other filter.
    if (!ids.empty()) return reply(f, render(f, "service_requests", "request", requests_by_code(ctx, ids)));
    std::string where = std::string("WHERE 1=1") + kPublishable;
    store::Params params;
    const auto now = ctx.app.now();
    const auto start_text = trimmed(param(q, "start_date"));
    const auto end_text = trimmed(param(q, "end_date"));
    const auto start = start_text.empty() ? std::optional(now - kDefaultWindow) : parse_w3c(start_text);
    const auto end = end_text.empty() ? std::optional(now + 1) : parse_w3c(end_text);
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

http::Response get_token(Ctx& ctx) {
  const auto f = format_of(ctx, "file").value_or(Format::json);
  return guarded(f, [&] {
    const auto token = appeals::normalize_code(ctx.params["file"]);
    // Requests get their id at once, so a token is the id itself. An unpublished appeal (a report
    // of wrongdoing, a dispute) is as unknown here as in the lists.
    const bool exists = appeals::is_tracking_code(token) && ctx.app.db.read([&](store::Conn& c) {
      return c
          .one(std::string("SELECT 1 FROM appeal t JOIN appeal_category c ON c.id = t.category_id WHERE t.code = ?") +
                   kPublishable,
               {token})
          .has_value();
    });
    if (!exists) throw Open311Error{404, "token 不存在"};
    return reply(f,
                 render(f, "service_requests", "request", {Record{{"service_request_id", token}, {"token", token}}}));
  });
}

http::Response updates(Ctx& ctx, Format f) {
  return guarded(f, [&] {
    const auto& q = ctx.req.query;
    const auto now = ctx.app.now();
    const auto start_text = trimmed(param(q, "start_date"));
    const auto end_text = trimmed(param(q, "end_date"));
    const auto start = start_text.empty() ? std::optional(now - kDefaultWindow) : parse_w3c(start_text);
    const auto end = end_text.empty() ? std::optional(now + 1) : parse_w3c(end_text);
    if (!start || !end) throw Open311Error{400, "start_date 和 end_date 应为 W3C 日期时间"};
    std::vector<Record> items;
    ctx.app.db.read([&](store::Conn& c) {
      for (const auto& r : c.query(
               "SELECT e.id, a.code, e.to_status, e.at, e.action, e.note, u.media_url, "
               "(SELECT p.hash FROM appeal_photo p WHERE p.appeal_id = e.appeal_id AND p.event_id = e.id ORDER BY p.id "
               "LIMIT 1) FROM appeal_event e JOIN appeal a ON a.id = e.appeal_id "
               "JOIN appeal_category c ON c.id = a.category_id LEFT JOIN open311_update u ON u.event_id = e.id "
               "WHERE e.at >= ? AND e.at <= ? AND e.to_status IS NOT NULL AND e.action <> 'submit' "
               "AND a.type <> 'report' AND c.is_dispute = 0 ORDER BY e.id LIMIT ?",
               {*start, *end, kMaxResults})) {
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

// What the resident said of the state, when it disagrees with the appeal's: staff should know.
std::string reported_state_note(const std::string& reported, const std::string& status) {
  const bool says_fixed = reported == "FIXED" || reported == "CLOSED";
  const bool says_open = reported == "OPEN" || reported == "REOPEN";
  const auto state = extended_state(status);
  if (says_fixed && state != "FIXED" && !is_closed_status(status)) return "（反映人表示问题已解决）";
  if (says_open && state == "FIXED") return "（反映人表示问题仍未解决）";
  return "";
}

// mySociety's POST servicerequestupdates: a resident's update, relayed by a client, becomes a line
// on the appeal's timeline. The appeal's state is the staff's to change; the state the resident
// reported is kept and, where it disagrees, said on the line.
http::Response post_update(Ctx& ctx, Format f) {
  return guarded(f, [&] {
    const Posted p(ctx.req);
    const auto client = client_of(ctx, p.get("api_key"));
    const auto code = appeals::normalize_code(trimmed(p.get("service_request_id")));
    if (code.empty()) throw Open311Error{400, "service_request_id 为必填项"};
    const auto description = p.text("description", kMaxDescription);
    if (trimmed(description).empty()) throw Open311Error{400, "description 为必填项"};
    const auto reported = upper(trimmed(p.get("status")));
    if (!reported.empty() && !kUpdateStates.count(reported)) {
      throw Open311Error{400, "status 应为 OPEN、CLOSED、FIXED、IN_PROGRESS 等 Open311 状态"};
    }
    if (const auto at = trimmed(p.get("updated_datetime")); !at.empty() && !parse_w3c(at)) {
      throw Open311Error{400, "updated_datetime 应为 W3C 日期时间"};
    }
    const auto client_update_id = trimmed(p.text("update_id", kMaxIdentifier));
    const auto who = person_of(p);
    const auto media_url = media_urls_of(p);
    appeals::limit_intake(ctx.app, "", who.phone);
    const auto photos = store_media(ctx, p);
    const auto now = ctx.app.now();
    const auto event = ctx.app.db.write([&](store::Conn& c) -> std::int64_t {
      auto appeal = appeals::is_tracking_code(code)
                        ? c.one(std::string("SELECT t.id, t.status FROM appeal t JOIN appeal_category c ON "
                                            "c.id = t.category_id WHERE t.code = ?") +
                                    kPublishable,
                                {code})
                        : std::nullopt;
      if (!appeal) throw Open311Error{404, "service_request_id 不存在"};
      // A client retrying a post it is unsure arrived gets the same update back.
      if (!client_update_id.empty()) {
        if (auto seen =
                c.one("SELECT event_id, appeal_id FROM open311_update WHERE key_id = ? AND client_update_id = ?",
                      {client.key_id, client_update_id})) {
          if (seen->integer(1) != appeal->integer(0)) throw Open311Error{400, "update_id 已用于另一条诉求"};
          return seen->integer(0);
        }
      }
      const auto id = appeal->integer(0);
      const auto note = description + reported_state_note(reported, appeal->text(1));
      const auto event_id = appeals::add_resident_update(c, id, now, "居民（" + client.name + "）", note, photos);
      c.execute(
          "INSERT INTO open311_update (event_id, appeal_id, key_id, client_update_id, status, first_name, "
          "last_name, email_enc, email_mask, phone_enc, phone_mask, media_url, account_id) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {event_id, id, client.key_id, text_or_null(client_update_id), text_or_null(reported),
           text_or_null(who.first_name), text_or_null(who.last_name),
           who.email.empty() ? store::null() : store::Value(ctx.app.cipher.encrypt(who.email)),
           who.email.empty() ? store::null() : store::Value(mask_email(who.email)),
           who.phone.empty() ? store::null() : store::Value(ctx.app.cipher.encrypt(who.phone)),
           who.phone.empty() ? store::null() : store::Value(people::mask_phone(who.phone)), text_or_null(media_url),
           text_or_null(who.account_id)});
      audit::record(c,
                    {now, "open311:" + client.name, std::nullopt, ctx.req.client_ip, "resident_update", "appeal",
                     std::to_string(id), "", bj::serialize(bj::object{{"event_id", event_id}, {"status", reported}})});
      return event_id;
    });
    return reply(
        f, render(f, "service_request_updates", "request_update", {Record{{"update_id", std::to_string(event)}}}));
  });
}

}  // namespace

void register_routes(Router& r) {
  const std::string b = kBase;
  for (const auto& [ext, f] : {std::pair{".json", Format::json}, std::pair{".xml", Format::xml}}) {
    const Format fmt = f;
    r.add("GET", b + "/discovery" + ext, Access::open, "open311", "Open311 discovery",
          [fmt](Ctx& c) { return discovery(c, fmt); });
    r.add("GET", b + "/services" + ext, Access::open, "open311", "Open311 services",
          [fmt](Ctx& c) { return services(c, fmt); });
    r.add("GET", b + "/requests" + ext, Access::open, "open311", "Open311 查询诉求",
          [fmt](Ctx& c) { return get_requests(c, fmt); });
    r.add("POST", b + "/requests" + ext, Access::open, "open311",
          "Open311 提交诉求（需 api_key；表单或 multipart，照片为 media）",
          [fmt](Ctx& c) { return post_request(c, fmt); });
    r.add("GET", b + "/servicerequestupdates" + ext, Access::open, "open311", "mySociety servicerequestupdates",
          [fmt](Ctx& c) { return updates(c, fmt); });
    r.add("POST", b + "/servicerequestupdates" + ext, Access::open, "open311",
          "mySociety 提交群众补充（需 api_key），记入诉求办理轨迹", [fmt](Ctx& c) { return post_update(c, fmt); });
  }
  r.add("GET", b + "/services/{file}", Access::open, "open311", "Open311 service definition", service_definition);
  r.add("GET", b + "/requests/{file}", Access::open, "open311", "Open311 单个诉求", get_request);
  r.add("GET", b + "/tokens/{file}", Access::open, "open311", "Open311 token", get_token);
  // Whatever goes wrong under /open311/v2/ (no such path, a busy store) is an Open311 error list.
  r.set_error_renderer(b + "/", [](const http::Request& req, int status, const std::string& message) {
    const auto f = format_of_path(req.path);
    return reply(f, render_error(f, status, message), status);
  });
}

}  // namespace jiceng::open311
