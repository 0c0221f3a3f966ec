// Reading and checking what an Open311 POST carries.
#include "open311/posted.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "appeals/photos.hpp"
#include "core/json.hpp"
#include "crypto/crypto.hpp"
#include "open311/handler.hpp"
#include "open311/queries.hpp"
#include "people/rules.hpp"

namespace jiceng::open311 {
namespace {

namespace bj = boost::json;

std::vector<std::string> list_values(const std::multimap<std::string, std::string>& m, const std::string& key) {
  std::vector<std::string> out;
  const auto [from, to] = m.equal_range(key);
  for (auto it = from; it != to; ++it) {
    if (!it->second.empty()) out.push_back(it->second);
  }
  return out;
}

// Family name first and no space for Chinese names ("王" "明" → 王明), "Jane Smith" for Latin ones.
std::string full_name(const std::string& first, const std::string& last) {
  if (first.empty() || last.empty()) return first + last;
  const auto latin = [](const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x80; });
  };
  return latin(first) && latin(last) ? first + " " + last : last + first;
}

}  // namespace

Posted::Posted(const http::Request& req) : query_(req.query) {
  if (auto boundary = multipart_boundary(req.header("content-type").value_or(""))) {
    auto form = parse_multipart(req.body, *boundary);
    if (!form) throw Open311Error{400, "multipart/form-data 请求体格式不正确"};
    form_ = std::move(*form);
  } else {
    form_.fields = http::parse_query(req.body);
  }
}

std::string Posted::get(const std::string& key) const {
  auto v = param(form_.fields, key);
  return v.empty() ? param(query_, key) : v;
}

std::vector<std::string> Posted::all(const std::string& key) const {
  auto v = list_values(form_.fields, key);
  return v.empty() ? list_values(query_, key) : v;
}

std::string Posted::text(const std::string& key, std::size_t max) const {
  auto v = get(key);
  const long n = json::utf8_length(v);
  if (n < 0) throw Open311Error{400, key + " 不是有效的 UTF-8 文本"};
  if (static_cast<std::size_t>(n) > max) throw Open311Error{400, key + " 最多 " + std::to_string(max) + " 个字符"};
  return v;
}

Client client_of(Ctx& ctx, const std::string& key) {
  if (key.empty()) throw Open311Error{403, "缺少 api_key"};
  auto row = ctx.app.db.read([&](store::Conn& c) { return c.one(kKeyByHashSql, {crypto::sm3_hex(key)}); });
  if (!row) throw Open311Error{403, "api_key 无效"};
  return Client{row->integer(0), row->text(1)};
}

std::string Person::name() const { return full_name(first_name, last_name); }

bool Person::empty() const { return first_name.empty() && last_name.empty() && email.empty() && phone.empty(); }

std::string mask_email(const std::string& email) {
  const auto at = email.rfind('@');
  return email.substr(0, 1) + "***" + email.substr(at);
}

store::Value sealed_or_null(Ctx& ctx, const std::string& s) {
  return s.empty() ? store::null() : store::Value(ctx.app.cipher.encrypt(s));
}

store::Value text_or_null(const std::string& s) { return s.empty() ? store::null() : store::Value(s); }

Person person_of(const Posted& p) {
  constexpr std::size_t kMaxName = 30;
  constexpr std::size_t kMaxEmail = 254;
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

std::string media_urls_of(const Posted& p) {
  constexpr std::size_t kMaxMediaUrls = 9;
  constexpr std::size_t kMaxUrl = 2000;
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

bj::object attributes_of(const Posted& p) {
  constexpr std::size_t kMaxAttributes = 50;
  constexpr std::size_t kMaxAttributeValue = 1000;
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

}  // namespace jiceng::open311
