// Intake: a resident's or a staff member's appeal checked, placed in its grid (精准派单), given its
// limits and recorded; and the tracking codes residents follow it by.
#include <sodium.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>

#include "appeals/assignment.hpp"
#include "appeals/photos.hpp"
#include "appeals/queries.hpp"
#include "appeals/service.hpp"
#include "appeals/service_internal.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/rate_limit.hpp"
#include "orgs/service.hpp"
#include "people/rules.hpp"

namespace jiceng::appeals {
namespace {

namespace bj = boost::json;

constexpr std::size_t kMinDescription = 5;
constexpr std::size_t kMaxDescription = 1000;
constexpr std::size_t kMaxAddress = 120;
constexpr std::size_t kMaxName = 30;
constexpr std::size_t kCodeLength = 10;
constexpr std::string_view kCodeAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";  // nothing to misread
constexpr int kFileAttempts = 3;

constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kTypes = {
    {{"consult", "咨询"}, {"help", "求助"}, {"complaint", "投诉"}, {"report", "举报"}, {"suggestion", "建议"}}};
constexpr std::array<std::string_view, 4> kStaffChannels = {"hotline", "walk_in", "patrol", "enterprise"};

std::string random_code() {
  std::string code(kCodeLength, ' ');
  for (auto& ch : code) ch = kCodeAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kCodeAlphabet.size()))];
  return code;
}

void parse_coordinates(const bj::object& body, Intake& in) {
  for (const char* k : {"lon", "lat"}) {
    const auto* v = body.if_contains(k);
    if (!v || v->is_null()) continue;
    if (!v->is_number()) bad_request(k, "坐标应为数字");
    const double d = v->to_number<double>();
    if (!std::isfinite(d) || (k[1] == 'o' ? std::abs(d) > 180 : std::abs(d) > 90)) bad_request(k, "坐标超出经纬度范围");
    (k[1] == 'o' ? in.lon : in.lat) = d;
  }
  if (in.lon.has_value() != in.lat.has_value()) bad_request(in.lon ? "lat" : "lon", "经度和纬度需要同时提供");
}

struct Placed final {
  Place place;
  int level = kGridLevel;
};

// Staff filing what neither map nor address places: it starts where they work.
std::optional<Placed> where_staff_work(store::Conn& c, const core::Principal& who) {
  for (const auto& b : who.bindings) {
    if (b.scope_type != core::ScopeType::area || role_level(b.role) == 0 ||
        !core::allowed(b.role, core::Register::appeals, core::Action::write)) {
      continue;
    }
    auto node = orgs::area_by_id(c, b.scope_id);
    if (!node) continue;
    const auto& kind = node->kind;
    const int level = kind == "grid"                               ? kGridLevel
                      : (kind == "community" || kind == "village") ? kCommunityLevel
                      : kind == "county"                           ? kCountyLevel
                                                                   : kStreetLevel;
    return Placed{Place{node->id, node->path, node->name, kind == "grid" ? node->id : 0, ""}, level};
  }
  return std::nullopt;
}

// 精准派单: the grid under the point; else the community the address names; else the county desk.
Placed place_of(store::Conn& c, GridIndex& grids, const Intake& in, const core::Principal* who) {
  if (in.lon) {
    if (auto p = grids.locate(c, *in.lon, *in.lat)) return {*p, kGridLevel};
  }
  if (!in.address.empty()) {
    if (auto p = grids.by_address(c, in.address)) return {*p, kCommunityLevel};
  }
  if (who) {
    if (auto p = where_staff_work(c, *who)) return *p;
  }
  const auto roots = orgs::root_areas(c);
  if (roots.empty()) throw ApiError(409, "no_county", "系统尚未设置行政区划");
  const auto& root = roots.front();
  return {Place{root.id, root.path, root.name, 0, ""}, kCountyLevel};
}

struct Limits final {
  Urgency urgency;
  std::int64_t deadline;
  std::int64_t level_due;
};

std::int64_t insert_appeal(App& app, store::Conn& c, const Intake& in, const core::Principal* who, const Placed& at,
                           const Limits& lim, const std::string& code, std::optional<std::int64_t> assignee,
                           std::int64_t now) {
  const auto level = static_cast<std::int64_t>(at.level);
  return c
      .one(sql::kInsertAppeal,
           {code,
            in.type,
            in.channel,
            in.category_id,
            in.description,
            in.address.empty() ? store::null() : store::Value(in.address),
            store::opt(in.lon),
            store::opt(in.lat),
            at.place.grid_id ? store::Value(at.place.grid_id) : store::null(),
            at.place.area_id,
            at.place.path,
            level,
            level,
            std::string(urgency_name(lim.urgency)),
            in.reporter_name.empty() || in.anonymous ? store::null() : store::Value(in.reporter_name),
            in.phone.empty() ? store::null() : store::Value(app.cipher.encrypt(in.phone)),
            in.phone.empty() ? store::null() : store::Value(people::mask_phone(in.phone)),
            static_cast<std::int64_t>(in.anonymous ? 1 : 0),
            who ? store::Value(who->account_id) : store::opt(in.reporter_account),
            lim.deadline,
            warn_at(now, lim.deadline),
            now,
            lim.level_due,
            now,
            now,
            store::opt(assignee)})
      ->integer(0);
}

Created file_once(App& app, const Intake& in, const core::Principal* who, const std::string& ip, std::int64_t now) {
  auto& st = state_of(app);
  return app.db.write([&](store::Conn& c) {
    auto cat = c.one(sql::kIntakeCategory, {in.category_id});
    if (!cat) bad_request("category_id", "诉求分类不存在");
    if (cat->integer(1) > 0) bad_request("category_id", "请选择到最末一级分类");
    const auto urgency = urgency_for(parse_urgency(cat->text(0)).value_or(Urgency::general), cat->integer(3) != 0);
    const auto at = place_of(c, st.grids, in, who);
    if (who && caller_level(*who, at.place.path) == 0) {
      bad_request(in.lon ? "lon" : "address", "诉求所在位置不在您的管辖范围内");
    }
    const auto pol = st.policy.get(c, now);
    const auto deadline = overall_deadline(pol->cal, pol->rule(urgency), now);
    const Limits lim{urgency, deadline, level_deadline(pol->cal, pol->rule(urgency), at.level, now, deadline)};
    // No lookup first: a code already taken fails the insert on its UNIQUE index, and file() draws
    // another (50 bits: at ten million appeals, one clash in a hundred million intakes).
    const std::string code = random_code();
    // 首接负责: the grid's full-time worker answers for it; a grid worker filing a patrol report, themselves.
    std::optional<std::int64_t> assignee;
    if (at.place.grid_id) {
      const bool filer_in_grid = who && caller_level(*who, at.place.path) == kGridLevel;
      assignee = filer_in_grid ? std::optional(who->account_id) : default_assignee(c, at.place.grid_id);
    }
    const auto id = insert_appeal(app, c, in, who, at, lim, code, assignee, now);
    const auto filed = load_id(c, id);
    Change submit;
    submit.id = id;
    submit.now = now;
    submit.created = true;
    submit.after = &*filed;
    submit.actor = who ? who->username : "居民";
    submit.actor_id = who ? std::optional(who->account_id) : std::nullopt;
    submit.action = "submit";
    submit.to = "submitted";
    submit.level = at.level;
    submit.photos = in.photos;
    apply_change(c, submit);
    if (in.on_filed) in.on_filed(c, id);
    Change dispatch;
    dispatch.id = id;
    dispatch.now = now;
    dispatch.actor = "system";
    dispatch.action = "dispatch";
    dispatch.level = at.level;
    dispatch.note = std::string(kLevelNames[static_cast<std::size_t>(at.level)]) + "：" + at.place.name;
    dispatch.notice = "assigned";
    dispatch.notice_note = at.place.name;
    dispatch.after = &*filed;
    dispatch.audit =
        audit::Entry{now,
                     who ? who->username : "public",
                     submit.actor_id,
                     ip,
                     "create",
                     "appeal",
                     std::to_string(id),
                     "",
                     bj::serialize(bj::object{{"code", code}, {"category", cat->text(2)}, {"level", at.level}})};
    apply_change(c, dispatch);
    return Created{id, code};
  });
}

}  // namespace

std::string normalize_code(std::string code) {
  for (auto& ch : code) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return code;
}

bool is_tracking_code(std::string_view code) {
  return code.size() == kCodeLength && code.find_first_not_of(kCodeAlphabet) == std::string_view::npos;
}

Intake parse_intake(const bj::object& body, bool staff) {
  Intake in;
  in.type = json::req_string(body, "type", 20);
  if (std::none_of(kTypes.begin(), kTypes.end(), [&](const auto& t) { return t.first == in.type; })) {
    bad_request("type", "诉求类型应为 咨询、求助、投诉、举报、建议 之一");
  }
  const auto category = json::opt_int(body, "category_id");
  if (!category) bad_request("category_id", "请选择诉求分类", "required");
  in.category_id = *category;
  in.description = json::req_string(body, "description", kMaxDescription);
  if (static_cast<std::size_t>(json::utf8_length(in.description)) < kMinDescription) {
    bad_request("description", "请把问题描述清楚，至少 5 个字");
  }
  in.address = json::opt_string(body, "address", kMaxAddress).value_or("");
  parse_coordinates(body, in);
  if (!in.lon && in.address.empty()) bad_request("address", "请在地图上选点或填写地址", "required");
  in.reporter_name = json::opt_string(body, "reporter_name", kMaxName).value_or("");
  in.phone = json::opt_string(body, "phone", 20).value_or("");
  in.anonymous = json::opt_bool(body, "anonymous").value_or(false);
  if (!in.phone.empty()) {
    if (auto problem = people::phone_problem(in.phone)) bad_request("phone", *problem);
  } else if (!in.anonymous && !staff) {
    bad_request("phone", "请留下联系电话，或选择匿名反映", "required");
  }
  in.photos = parse_photo_list(body.if_contains("photos"));
  if (staff) {
    in.channel = json::req_string(body, "channel", 20);
    if (std::find(kStaffChannels.begin(), kStaffChannels.end(), in.channel) == kStaffChannels.end()) {
      bad_request("channel", "来源应为 热线、来访、网格员巡查、企业诉求 之一");
    }
  }
  return in;
}

void limit_intake(App& app, const std::string& address, const std::string& phone) {
  if (!app.limits) return;
  enforce(app.limits->intake_per_address, address, "提交诉求");
  enforce(app.limits->intake_per_phone, phone, "同一手机号提交诉求");
}

Created file(App& app, const Intake& in, const core::Principal* who, const std::string& ip) {
  const std::int64_t now = app.now();
  for (int attempt = 1;; ++attempt) {
    try {
      return file_once(app, in, who, ip, now);
    } catch (const store::DbError& e) {
      if (!e.constraint || attempt == kFileAttempts) throw;
    }
  }
}

}  // namespace jiceng::appeals
