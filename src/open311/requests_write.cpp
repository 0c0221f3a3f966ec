// Filing requests and residents' updates through Open311, on behalf of a client's key.
#include <boost/json.hpp>
#include <cmath>
#include <set>

#include "appeals/exports.hpp"
#include "appeals/rules.hpp"
#include "appeals/service.hpp"
#include "audit/audit.hpp"
#include "open311/handler.hpp"
#include "open311/posted.hpp"
#include "open311/queries.hpp"
#include "people/rules.hpp"

namespace jiceng::open311 {
namespace {

namespace bj = boost::json;

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

// What the resident said of the state, when it disagrees with the appeal's: staff should know.
std::string reported_state_note(const std::string& reported, const std::string& status) {
  const bool says_fixed = reported == "FIXED" || reported == "CLOSED";
  const bool says_open = reported == "OPEN" || reported == "REOPEN";
  const auto state = extended_state(status);
  if (says_fixed && state != "FIXED" && !is_closed_status(status)) return "（反映人表示问题已解决）";
  if (says_open && state == "FIXED") return "（反映人表示问题仍未解决）";
  return "";
}

}  // namespace

http::Response post_request(Ctx& ctx, Format f) {
  return guarded(f, [&] {
    const Posted p(ctx.req);
    const auto client = client_of(ctx, p.get("api_key"));
    const auto code = trimmed(p.get("service_code"));
    if (code.empty()) throw Open311Error{400, "service_code 为必填项"};
    // The specification answers a service_code it does not know with 404.
    if (!is_number(code)) throw Open311Error{404, "service_code 不存在"};
    const auto service = ctx.app.db.read([&](store::Conn& c) { return appeals::public_category(c, std::stoll(code)); });
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
    if (trimmed(in.description).empty()) in.description = service->name;
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
          kInsertRequestSql,
          {id, client.key_id, text_or_null(who.first_name), text_or_null(who.last_name), sealed_or_null(ctx, who.email),
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
      const auto appeal = appeals::is_tracking_code(code) ? appeals::published_state(c, code) : std::nullopt;
      if (!appeal) throw Open311Error{404, "service_request_id 不存在"};
      // A client retrying a post it is unsure arrived gets the same update back.
      if (!client_update_id.empty()) {
        if (auto seen = c.one(kClientUpdateSql, {client.key_id, client_update_id})) {
          if (seen->integer(1) != appeal->id) throw Open311Error{400, "update_id 已用于另一条诉求"};
          return seen->integer(0);
        }
      }
      const auto id = appeal->id;
      const auto note = description + reported_state_note(reported, appeal->status);
      const auto event_id = appeals::add_resident_update(c, id, now, "居民（" + client.name + "）", note, photos);
      c.execute(
          kInsertUpdateSql,
          {event_id, id, client.key_id, text_or_null(client_update_id), text_or_null(reported),
           text_or_null(who.first_name), text_or_null(who.last_name), sealed_or_null(ctx, who.email),
           who.email.empty() ? store::null() : store::Value(mask_email(who.email)), sealed_or_null(ctx, who.phone),
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

}  // namespace jiceng::open311
