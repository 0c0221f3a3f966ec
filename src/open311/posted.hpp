#pragma once
// What an Open311 POST carries, checked: its parameters, the client's key, the resident, links and
// photos, and extra attributes. Internal to open311/.
#include <boost/json/object.hpp>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/router.hpp"
#include "open311/form.hpp"
#include "store/db.hpp"

namespace jiceng::open311 {

constexpr std::size_t kMaxDescription = 4000;  // the specification's limit
constexpr std::size_t kMaxAddress = 120;
constexpr std::size_t kMaxIdentifier = 100;  // address_id, device_id, account_id, a client's update_id

// The parameters of a POST: the body, form-encoded or multipart/form-data, and then the query
// string, which some clients use instead.
class Posted final {
 public:
  explicit Posted(const http::Request& req);

  std::string get(const std::string& key) const;
  std::vector<std::string> all(const std::string& key) const;
  // A text parameter of at most `max` characters of UTF-8, or a 400 naming it.
  std::string text(const std::string& key, std::size_t max) const;
  const Form& form() const { return form_; }
  const std::multimap<std::string, std::string>& query() const { return query_; }

 private:
  const std::multimap<std::string, std::string>& query_;
  Form form_;
};

// The holder of an api_key: a client that relays residents' reports.
struct Client final {
  std::int64_t key_id;
  std::string name;
};

// The holder of `key`, or a 403.
Client client_of(Ctx& ctx, const std::string& key);

// The resident a report or an update is from, as the client gave them.
struct Person final {
  std::string first_name;
  std::string last_name;
  std::string email;
  std::string phone;
  std::string account_id;
  std::string name() const;  // "王明", "Jane Smith"
  bool empty() const;        // nothing given: the report is anonymous
};

Person person_of(const Posted& p);
std::string mask_email(const std::string& email);
// Encrypted at rest like the residents' own contact details; null when not given.
store::Value sealed_or_null(Ctx& ctx, const std::string& s);
store::Value text_or_null(const std::string& s);

// media_url, repeated for several pictures; only web links, since staff open them.
std::string media_urls_of(const Posted& p);
// Photos sent in a multipart body as `media` (or `photo1`, `photo2`… as some clients name them):
// checked by their bytes, stored like the residents' uploads; their hashes.
std::vector<std::string> store_media(Ctx& ctx, const Posted& p);
// attribute[code]=value and attribute[code][]=value (a multivaluelist), as a JSON object.
boost::json::object attributes_of(const Posted& p);

}  // namespace jiceng::open311
