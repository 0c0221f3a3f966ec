// Rows of the Open311 queries as flat records.
#include "open311/records.hpp"

#include "appeals/rules.hpp"
#include "open311/handler.hpp"

namespace jiceng::open311 {
namespace {

FieldValue text_field(const store::Row& r, std::size_t i) {
  return r.is_null(i) ? FieldValue(std::monostate{}) : FieldValue(r.text(i));
}

}  // namespace

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

FieldValue media_field(const Ctx& ctx, const store::Row& r, std::size_t url, std::size_t hash) {
  if (!r.is_null(url)) {
    const auto urls = r.text(url);
    return urls.substr(0, urls.find('\n'));
  }
  if (!r.is_null(hash)) return photo_link(ctx, r.text(hash));
  return std::monostate{};
}

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

}  // namespace jiceng::open311
