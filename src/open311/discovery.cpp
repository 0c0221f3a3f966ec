// Open311 discovery, the service list and each service's definition.
#include <boost/json.hpp>

#include "appeals/exports.hpp"
#include "open311/handler.hpp"
#include "open311/records.hpp"

namespace jiceng::open311 {
namespace {

namespace bj = boost::json;

constexpr char kSpec[] = "http://wiki.open311.org/GeoReport_v2";
constexpr char kChangeset[] = "2026-11-22T00:00:00+08:00";

}  // namespace

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
  const auto categories = ctx.app.db.read([](store::Conn& c) { return appeals::public_categories(c); });
  std::vector<Record> items;
  for (const auto& c : categories) items.push_back(service_record(c));
  return reply(f, render(f, "services", "service", items));
}

http::Response service_definition(Ctx& ctx) {
  const auto f = format_of(ctx, "file").value_or(Format::json);
  return guarded(f, [&] {
    const auto code = ctx.params["file"];
    if (!is_number(code)) throw Open311Error{404, "service_code 不存在"};
    const auto category =
        ctx.app.db.read([&](store::Conn& c) { return appeals::public_category(c, std::stoll(code)); });
    if (!category) throw Open311Error{404, "service_code 不存在"};
    if (f == Format::json) {
      return reply(f, bj::serialize(bj::object{{"service_code", code}, {"attributes", bj::array{}}}));
    }
    return reply(f, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<service_definition><service_code>" + code +
                        "</service_code><attributes/></service_definition>");
  });
}

}  // namespace jiceng::open311
