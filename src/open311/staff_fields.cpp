#include "open311/staff_fields.hpp"

#include <boost/json.hpp>

namespace jiceng::open311 {
namespace {

namespace bj = boost::json;

bj::value text_or_null(const store::Row& r, std::size_t i) {
  return r.is_null(i) ? bj::value(nullptr) : bj::value(r.text(i));
}

// media_url as the client repeated it (one link a line in the column).
bj::array links(const store::Row& r, std::size_t i) {
  bj::array out;
  const std::string text = r.text(i);  // empty for NULL
  std::string_view rest = text;
  while (!rest.empty()) {
    const auto nl = rest.find('\n');
    out.emplace_back(rest.substr(0, nl));
    if (nl == std::string_view::npos) break;
    rest.remove_prefix(nl + 1);
  }
  return out;
}

}  // namespace

bj::value staff_fields(store::Conn& c, std::int64_t appeal_id) {
  auto r = c.one(
      "SELECT k.name, o.first_name, o.last_name, o.email_mask, o.address_id, o.media_url, o.device_id, "
      "o.account_id, o.attributes FROM open311_request o JOIN open311_key k ON k.id = o.key_id "
      "WHERE o.appeal_id = ?",
      {appeal_id});
  const bool updated = c.one("SELECT 1 FROM open311_update WHERE appeal_id = ?", {appeal_id}).has_value();
  if (!r && !updated) return nullptr;
  bj::object out;
  if (r) {
    bj::value attributes = bj::object{};
    if (!r->is_null(8)) {
      boost::system::error_code ec;
      auto parsed = bj::parse(r->text(8), ec);
      if (!ec && parsed.is_object()) attributes = std::move(parsed);
    }
    out = bj::object{{"client", r->text(0)},
                     {"first_name", text_or_null(*r, 1)},
                     {"last_name", text_or_null(*r, 2)},
                     {"email", text_or_null(*r, 3)},
                     {"address_id", text_or_null(*r, 4)},
                     {"media_urls", links(*r, 5)},
                     {"device_id", text_or_null(*r, 6)},
                     {"account_id", text_or_null(*r, 7)},
                     {"attributes", std::move(attributes)}};
  }
  bj::array updates;
  for (const auto& u : c.query("SELECT u.event_id, u.status, u.first_name, u.last_name, u.email_mask, u.phone_mask, "
                               "u.media_url, k.name FROM open311_update u JOIN open311_key k ON k.id = u.key_id "
                               "WHERE u.appeal_id = ? ORDER BY u.id",
                               {appeal_id})) {
    updates.push_back(bj::object{{"event_id", u.integer(0)},
                                 {"status", text_or_null(u, 1)},
                                 {"first_name", text_or_null(u, 2)},
                                 {"last_name", text_or_null(u, 3)},
                                 {"email", text_or_null(u, 4)},
                                 {"phone", text_or_null(u, 5)},
                                 {"media_urls", links(u, 6)},
                                 {"client", u.text(7)}});
  }
  out["updates"] = std::move(updates);
  return out;
}

}  // namespace jiceng::open311
