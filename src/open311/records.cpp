// Appeals' published records as flat records, with what Open311 clients sent alongside them.
#include "open311/records.hpp"

#include <unordered_map>

#include "appeals/rules.hpp"
#include "open311/handler.hpp"
#include "open311/queries.hpp"

namespace jiceng::open311 {
namespace {

// What a client sent with a request it filed.
struct Filed final {
  std::optional<std::string> address_id;
  std::optional<std::string> media_url;
};

FieldValue text_field(const std::optional<std::string>& s) { return s ? FieldValue(*s) : FieldValue(std::monostate{}); }

FieldValue real_field(const std::optional<double>& v) { return v ? FieldValue(*v) : FieldValue(std::monostate{}); }

// The client's own link when it sent one, else the first photo.
FieldValue media_field(const Ctx& ctx, const std::optional<std::string>& url, const std::optional<std::string>& hash) {
  if (url) return url->substr(0, url->find('\n'));
  if (hash) return photo_link(ctx, *hash);
  return std::monostate{};
}

std::string status_label(const std::string& status) {
  return std::string(appeals::status_label(appeals::parse_status(status).value_or(appeals::Status::submitted)));
}

Record request_record(const Ctx& ctx, const appeals::PublishedAppeal& a, const Filed& filed) {
  return Record{{"service_request_id", a.code},
                {"status", std::string(is_closed_status(a.status) ? "closed" : "open")},
                {"status_notes", text_field(a.status_note)},
                {"service_name", a.category_name},
                {"service_code", std::to_string(a.category_id)},
                {"description", a.description},
                {"agency_responsible", a.department},
                {"service_notice", status_label(a.status)},
                {"requested_datetime", w3c_datetime(a.created_at)},
                {"updated_datetime", w3c_datetime(a.updated_at)},
                {"expected_datetime", w3c_datetime(a.deadline_at)},
                {"address", text_field(a.address)},
                {"address_id", text_field(filed.address_id)},
                {"zipcode", std::monostate{}},
                {"lat", real_field(a.lat)},
                {"long", real_field(a.lon)},
                {"media_url", media_field(ctx, filed.media_url, a.first_photo)}};
}

}  // namespace

Record service_record(const appeals::PublicCategory& c) {
  const std::string group = c.grandparent_name ? *c.grandparent_name : c.parent_name.value_or("");
  std::string path = group;
  if (c.grandparent_name) path += " / " + c.parent_name.value_or("");
  return Record{{"service_code", std::to_string(c.id)},
                {"service_name", c.name},
                {"description", path + " / " + c.name},
                {"metadata", false},
                {"type", std::string("realtime")},
                {"keywords", c.urgency},
                {"group", group}};
}

std::vector<Record> request_records(const Ctx& ctx, store::Conn& c, const std::vector<appeals::PublishedAppeal>& as) {
  std::vector<std::int64_t> ids;
  for (const auto& a : as) ids.push_back(a.id);
  std::unordered_map<std::int64_t, Filed> filed;
  for (const auto& r : store::query_ids(c, kRequestsFiledIn, ids))
    filed[r.integer(0)] = Filed{r.opt_text(1), r.opt_text(2)};
  std::vector<Record> out;
  const Filed none;
  for (const auto& a : as) {
    const auto it = filed.find(a.id);
    out.push_back(request_record(ctx, a, it == filed.end() ? none : it->second));
  }
  return out;
}

std::vector<Record> update_records(const Ctx& ctx, store::Conn& c, const std::vector<appeals::PublishedUpdate>& us) {
  std::vector<std::int64_t> ids;
  for (const auto& u : us) ids.push_back(u.event_id);
  std::unordered_map<std::int64_t, std::optional<std::string>> links;
  for (const auto& r : store::query_ids(c, kUpdatesFiledIn, ids)) links[r.integer(0)] = r.opt_text(1);
  std::vector<Record> out;
  for (const auto& u : us) {
    std::string description = u.note.value_or("");
    // Residents' own updates are their words; staff's are the new status, then their note.
    if (u.action != "resident_update") {
      const auto label = status_label(u.to_status);
      description = u.note ? label + "：" + description : label;
    }
    const auto link = links.find(u.event_id);
    out.push_back(Record{{"update_id", std::to_string(u.event_id)},
                         {"service_request_id", u.code},
                         {"status", std::string(extended_state(u.to_status))},
                         {"updated_datetime", w3c_datetime(u.at)},
                         {"description", description},
                         {"media_url", media_field(ctx, link == links.end() ? std::nullopt : link->second, u.photo)}});
  }
  return out;
}

}  // namespace jiceng::open311
