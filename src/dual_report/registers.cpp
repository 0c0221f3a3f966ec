// Dual reports (read and export; made by the module's own route) and community activities.
#include "dual_report/registers.hpp"
#include "orgs/lookups.hpp"

#include "cogov/common.hpp"
#include "core/errors.hpp"
#include "crypto/crypto.hpp"
#include "dual_report/queries.hpp"
#include "people/lookups.hpp"
#include "people/service.hpp"
#include "registry/spec.hpp"

namespace jiceng::dual_report {
namespace {

using cogov::text_of;
using core::Register;
using namespace registry::fields;

constexpr std::int64_t kMaxActivitySeconds = 7 * 24 * 3600;
constexpr std::int64_t kMaxPlaces = 10000;
constexpr double kMinHours = 0.5, kMaxHours = 24;

std::int64_t value_or_existing(WriteCtx& wc, const std::string& key) {
  if (wc.given(key)) return std::get<std::int64_t>(wc.input[key]);
  if (wc.existing) return cogov::int_of(wc.existing->at(key)).value_or(0);
  return 0;
}

void prepare_activity(WriteCtx& wc) {
  if (wc.has("area_id")) {
    const auto id = std::get<std::int64_t>(wc.input["area_id"]);
    wc.columns["area_path"] = wc.area_path("area_id", id);
    auto area = orgs::area_by_id(wc.conn, id);
    if (!cogov::is_community(area->kind)) bad_request("area_id", "活动应由社区或村发布");
  }
  const auto starts = value_or_existing(wc, "starts_at");
  const auto ends = value_or_existing(wc, "ends_at");
  if (ends <= starts) bad_request("ends_at", "结束时间应晚于开始时间");
  if (ends - starts > kMaxActivitySeconds) bad_request("ends_at", "一次活动最长 7 天");
  if (wc.given("places")) {
    const auto places = std::get<std::int64_t>(wc.input["places"]);
    if (places < 1 || places > kMaxPlaces) bad_request("places", "名额应为 1 到 10000");
    if (!wc.create && places < cogov::int_of(wc.existing->at("signed_up")).value_or(0)) {
      bad_request("places", "名额不能少于已报名人数");
    }
  }
  if (wc.given("max_hours")) {
    const auto h = std::get<double>(wc.input["max_hours"]);
    if (h < kMinHours || h > kMaxHours) bad_request("max_hours", "每次最多计入的时长应为 0.5 到 24 小时");
  }
  if (wc.create) {
    wc.columns["checkin_code"] = crypto::random_token(12);
    wc.columns["status"] = std::string("open");
  }
}

}  // namespace

void add_registers() {
  {
    static const std::vector<registry::Choice> kinds = {{"org", "组织报到"}, {"member", "党员报到"}};
    static const std::vector<registry::Choice> statuses = {{"active", "在册"}, {"ended", "已结束"}};
    auto s = registry::spec_of(Register::dual_report, "dual-reports", "双报到", "dual_report", "");
    s.names = {{"party_org_id", "party_org_name", orgs::org_names},
               {"unit_id", "unit_name", orgs::unit_names},
               {"member_id", "member_name", people::member_names},
               orgs::area_name_lookup()};
    s.fields = {
        shown_field("kind", "报到类型", Kind::choice, kinds, true),
        shown_field("party_org_id", "", Kind::integer),
        shown_field("unit_id", "", Kind::integer, {}, true),
        shown_field("member_id", "", Kind::integer),
        shown_field("area_id", "", Kind::integer),
        text_field("commitments", "服务承诺", 500),
        shown_field("address", "居住地址", Kind::text),
        shown_field("reported_on", "报到日期", Kind::date),
        shown_field("status", "状态", Kind::choice, statuses, true),
        shown_field("last_active_at", "", Kind::integer),
    };
    registry::place_by_area(s);
    s.scope.org_path = "t.org_path";
    s.scope.unit_id = "t.unit_id";
    s.scope.member_id = "t.member_id";
    s.subtree_org_column = "org_path";
    s.creatable = false;
    registry::add_spec(std::move(s));
  }
  {
    static const std::vector<registry::Choice> statuses = {{"open", "报名中"}, {"cancelled", "已取消"}};
    auto s = orgs::area_register(Register::dual_report, "activities", "报到活动", "activity", "title");
    s.fields = {
        sorted(text_field("title", "活动名称", 60, true)),
        area_ref_field("发布社区"),
        text_field("place", "活动地点", 60, true),
        sorted(value_field("starts_at", "开始时间", Kind::integer, true)),
        value_field("ends_at", "结束时间", Kind::integer, true),
        value_field("places", "名额", Kind::integer, true),
        text_field("needs", "所需服务", 300),
        value_field("max_hours", "最多计入时长", Kind::number),
        shown_field("signed_up", "已报名", Kind::integer),
        shown_field("checked_in", "已签到", Kind::integer),
        shown_field("status", "状态", Kind::choice, statuses, true),
        shown_field("cancel_reason", "取消原因", Kind::text),
    };
    // Reported members and units see the activities of the communities they reported to.
    registry::widen_reads(s, sql::kActivitiesOfUnit, sql::kActivitiesOfMember);
    s.prepare = prepare_activity;
    registry::add_spec(std::move(s));
  }
}

}  // namespace jiceng::dual_report
