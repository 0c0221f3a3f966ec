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
using registry::Field;
using registry::Kind;
using registry::read_only;
using registry::WriteCtx;

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
    Spec s;
    s.reg = Register::dual_report;
    s.name = "dual-reports";
    s.label = "双报到";
    s.table = "dual_report";
    s.search_column = "";
    s.names = {{"party_org_id", "party_org_name", orgs::org_names},
               {"unit_id", "unit_name", orgs::unit_names},
               {"member_id", "member_name", people::member_names},
               orgs::area_name_lookup()};
    s.fields = {
        read_only("kind", "kind", "报到类型", Kind::choice, kinds, true),
        read_only("party_org_id", "party_org_id", "", Kind::integer),
        read_only("unit_id", "unit_id", "", Kind::integer, {}, true),
        read_only("member_id", "member_id", "", Kind::integer),
        read_only("area_id", "area_id", "", Kind::integer),
        Field{"commitments", "commitments", "服务承诺", Kind::text, false, 500},
        read_only("address", "address", "居住地址", Kind::text),
        read_only("reported_on", "reported_on", "报到日期", Kind::date),
        read_only("status", "status", "状态", Kind::choice, statuses, true),
        read_only("last_active_at", "last_active_at", "", Kind::integer),
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
    Spec s;
    s.reg = Register::dual_report;
    s.name = "activities";
    s.label = "报到活动";
    s.table = "activity";
    s.search_column = "title";
    s.names = {orgs::area_name_lookup()};
    s.fields = {
        Field{"title", "title", "活动名称", Kind::text, true, 60},
        registry::area_ref_field("发布社区"),
        Field{"place", "place", "活动地点", Kind::text, true, 60},
        Field{"starts_at", "starts_at", "开始时间", Kind::integer, true},
        Field{"ends_at", "ends_at", "结束时间", Kind::integer, true},
        Field{"places", "places", "名额", Kind::integer, true},
        Field{"needs", "needs", "所需服务", Kind::text, false, 300},
        Field{"max_hours", "max_hours", "最多计入时长", Kind::number},
        read_only("signed_up", "signed_up", "已报名", Kind::integer),
        read_only("checked_in", "checked_in", "已签到", Kind::integer),
        read_only("status", "status", "状态", Kind::choice, statuses, true),
        read_only("cancel_reason", "cancel_reason", "取消原因", Kind::text),
    };
    s.fields[0].sort = true;
    s.fields[3].sort = true;
    registry::place_by_area(s);
    // Reported members and units see the activities of the communities they reported to.
    core::ScopeColumns wide = s.scope;
    wide.unit_id = sql::kActivitiesOfUnit;
    wide.member_id = sql::kActivitiesOfMember;
    s.read_scope = wide;
    s.prepare = prepare_activity;
    registry::add_spec(std::move(s));
  }
}

}  // namespace jiceng::dual_report
