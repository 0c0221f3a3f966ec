#include "appeals/service.hpp"

#include <sodium.h>

#include <array>
#include <boost/json.hpp>
#include <ctime>
#include <map>
#include <mutex>
#include <unordered_map>

#include "appeals/assignment.hpp"
#include "appeals/figures.hpp"
#include "appeals/photos.hpp"
#include "appeals/similarity.hpp"
#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/geo.hpp"
#include "core/json.hpp"
#include "core/rate_limit.hpp"
#include "notify/outbox.hpp"
#include "open311/staff_fields.hpp"
#include "people/rules.hpp"

namespace jiceng::appeals {
namespace {

namespace bj = boost::json;

constexpr std::size_t kMinDescription = 5;
constexpr std::size_t kMaxDescription = 1000;
constexpr std::size_t kMaxAddress = 120;
constexpr std::size_t kMaxName = 30;
constexpr std::size_t kMaxNote = 500;
constexpr std::size_t kCodeLength = 10;
constexpr std::string_view kCodeAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";  // nothing to misread
constexpr int kSweepBatch = 500;
constexpr std::int64_t kCalendarTtl = 60;

constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kTypes = {
    {{"consult", "咨询"}, {"help", "求助"}, {"complaint", "投诉"}, {"report", "举报"}, {"suggestion", "建议"}}};
constexpr std::array<std::string_view, 4> kStaffChannels = {"hotline", "walk_in", "patrol", "enterprise"};
constexpr std::array<std::string_view, 5> kLevelNames = {"", "网格", "社区（村）", "街道（镇）", "县（区）"};

// The appeal with the names its views show, in one statement: who answers for it, and the area
// and its ancestors up to the county, of which the one at the appeal's level holds it.
const char* kSelect =
    "SELECT t.*, c.name AS category_name, g.name AS grid_name, a.name AS area_name, a.kind AS area_kind, "
    "pa.name AS parent_area_name, asg.display_name AS assignee_name, a.depth AS area_depth, "
    "gpa.name AS grandparent_area_name, ggpa.name AS great_grandparent_area_name FROM appeal t "
    "JOIN appeal_category c ON c.id = t.category_id LEFT JOIN area g ON g.id = t.grid_id "
    "JOIN area a ON a.id = t.area_id LEFT JOIN area pa ON pa.id = a.parent_id "
    "LEFT JOIN area gpa ON gpa.id = pa.parent_id LEFT JOIN area ggpa ON ggpa.id = gpa.parent_id "
    "LEFT JOIN account asg ON asg.id = t.assignee_id ";

std::string random_code() {
  std::string code(kCodeLength, ' ');
  for (auto& ch : code) ch = kCodeAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kCodeAlphabet.size()))];
  return code;
}

// The calendar changes once a year; read it at most once a minute.
std::mutex calendar_mu;
bool calendar_stale = true;

// The county's calendar and limits, read together and kept until edited (or a minute has passed).
struct Policy final {
  Calendar cal;
  std::array<LimitRule, kUrgencies> limits = {limit_rule(Urgency::emergency), limit_rule(Urgency::utilities),
                                              limit_rule(Urgency::general), limit_rule(Urgency::complex),
                                              limit_rule(Urgency::dispute)};
  const LimitRule& rule(Urgency u) const { return limits[static_cast<std::size_t>(u)]; }
};

std::shared_ptr<const Policy> policy(store::Conn& c, std::int64_t now) {
  static std::shared_ptr<const Policy> cached;
  static std::int64_t loaded_at = 0;
  std::lock_guard lock(calendar_mu);
  if (!cached || calendar_stale || now - loaded_at > kCalendarTtl || now < loaded_at) {
    calendar_stale = false;
    auto cal = std::make_shared<Policy>();
    for (const auto& r : c.query("SELECT day, kind FROM holiday")) {
      const auto day = parse_day(r.text(0));
      if (day == kBadDay) continue;
      if (r.text(1) == "workday")
        cal->cal.add_workday(day);
      else
        cal->cal.add_holiday(day);
    }
    for (const auto& r : c.query("SELECT urgency, unit, total, grid, community, street, county FROM appeal_limit")) {
      const auto u = parse_urgency(r.text(0));
      const auto unit = parse_limit_unit(r.text(1));
      if (!u || !unit) continue;
      const LimitRule rule{*u,
                           *unit,
                           static_cast<int>(r.integer(2)),
                           {static_cast<int>(r.integer(3)), static_cast<int>(r.integer(4)),
                            static_cast<int>(r.integer(5)), static_cast<int>(r.integer(6))}};
      if (!limit_problem(rule)) cal->limits[static_cast<std::size_t>(*u)] = rule;
    }
    cached = std::move(cal);
    loaded_at = now;
  }
  return cached;
}

std::string text_of(const store::Row& r, const char* col) {
  const auto& v = r.at(col);
  if (auto p = std::get_if<std::string>(&v)) return *p;
  if (auto p = std::get_if<std::int64_t>(&v)) return std::to_string(*p);
  return {};
}
bool has(const store::Row& r, const char* col) { return !std::holds_alternative<std::monostate>(r.at(col)); }
std::int64_t int_of(const store::Row& r, const char* col) {
  const auto& v = r.at(col);
  if (auto p = std::get_if<std::int64_t>(&v)) return *p;
  if (auto p = std::get_if<double>(&v)) return static_cast<std::int64_t>(*p);
  return 0;
}
bj::value opt_json(const store::Row& r, const char* col) {
  const auto& v = r.at(col);
  if (auto p = std::get_if<std::string>(&v)) return bj::value(*p);
  if (auto p = std::get_if<std::int64_t>(&v)) return *p;
  if (auto p = std::get_if<double>(&v)) return *p;
  return nullptr;
}

std::string event_label(const std::string& action, const std::string& note_level) {
  if (action == "submit") return "提交诉求";
  if (action == "dispatch") return "派单";
  if (action == "warn") return "即将超时提醒";
  if (action == "whistle") return "吹哨";
  if (action == "checkin") return "部门报到";
  if (action == "checkin_overdue") return "部门未按时报到";
  if (action == "progress") return "办理进展";
  if (action == "supervise") return "督办";
  if (action == "mediate") return "矛盾纠纷调解";
  if (action == "rate") return "群众评价";
  if (action == "to_need") return "转为需求";
  if (action == "assign") return "转派";
  if (action == "resident_update") return "群众补充";
  if (action == "escalate") return "上报至" + note_level;
  if (auto a = parse_action(action)) return std::string(action_label(*a));
  return action;
}

std::int64_t add_event(store::Conn& c, std::int64_t appeal, std::int64_t at, const std::string& actor,
                       std::optional<std::int64_t> actor_id, const std::string& action, const std::string& from,
                       const std::string& to, int level, const std::string& note) {
  return c
      .one(
          "INSERT INTO appeal_event (appeal_id, at, actor, actor_id, action, from_status, to_status, level, note) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {appeal, at, actor, store::opt(actor_id), action, from.empty() ? store::null() : store::Value(from),
           to.empty() ? store::null() : store::Value(to), static_cast<std::int64_t>(level),
           note.empty() ? store::null() : store::Value(note)})
      ->integer(0);
}

// The community or village an appeal sits in: a grid's parent, the area itself, or none at the county desk.
bj::value community_name(const store::Row& r) {
  const auto kind = text_of(r, "area_kind");
  if (kind == "grid") return bj::value(text_of(r, "parent_area_name"));
  if (kind == "community" || kind == "village") return bj::value(text_of(r, "area_name"));
  return nullptr;
}

bool has_coords(const store::Row& a) {
  return std::holds_alternative<double>(a.at("lon")) && std::holds_alternative<double>(a.at("lat"));
}

std::string photo_url(const std::string& hash) { return "/api/v1/photos/" + hash; }

bj::array photos_of(store::Conn& c, std::int64_t id) {
  bj::array out;
  for (const auto& p : c.query("SELECT hash FROM appeal_photo WHERE appeal_id = ? ORDER BY id", {id})) {
    out.emplace_back(photo_url(p.text(0)));
  }
  return out;
}

// A colleague as the timeline names them: their name, and the unit or area their first role is bound to.
std::pair<std::string, std::string> actor_of(store::Conn& c, std::int64_t account) {
  auto r = c.one(
      "SELECT a.display_name, COALESCE(ar.name, o.name, u.name, m.name, '') FROM account a "
      "LEFT JOIN role_binding rb ON rb.id = (SELECT MIN(id) FROM role_binding WHERE account_id = a.id) "
      "LEFT JOIN area ar ON rb.scope_type = 'area' AND ar.id = rb.scope_id "
      "LEFT JOIN party_org o ON rb.scope_type = 'org' AND o.id = rb.scope_id "
      "LEFT JOIN unit u ON rb.scope_type = 'unit' AND u.id = rb.scope_id "
      "LEFT JOIN member m ON rb.scope_type = 'member' AND m.id = rb.scope_id WHERE a.id = ?",
      {account});
  if (!r) return {"", ""};
  return {r->text(0), r->text(1)};
}

bj::array timeline(store::Conn& c, std::int64_t id, bool with_actor) {
  std::map<std::int64_t, bj::array> photos;
  for (const auto& p : c.query("SELECT event_id, hash FROM appeal_photo WHERE appeal_id = ? AND event_id IS NOT NULL "
                               "ORDER BY id",
                               {id})) {
    photos[p.integer(0)].emplace_back(photo_url(p.text(1)));
  }
  bj::array out;
  std::map<std::int64_t, std::pair<std::string, std::string>> people;  // account → name, where they work
  for (const auto& r :
       c.query("SELECT at, actor, action, from_status, to_status, level, note, id, actor_id FROM appeal_event "
               "WHERE appeal_id = ? ORDER BY id",
               {id})) {
    const auto level = static_cast<std::size_t>(std::clamp<std::int64_t>(r.integer(5), 1, 4));
    bj::object e{{"at", r.integer(0)},
                 {"action", r.text(2)},
                 {"label", event_label(r.text(2), std::string(kLevelNames[level]))},
                 {"level", r.integer(5)},
                 {"note", r.is_null(6) ? bj::value(nullptr) : bj::value(r.text(6))}};
    if (auto it = photos.find(r.integer(7)); it != photos.end()) e["photos"] = it->second;
    if (with_actor) {
      e["actor"] = r.text(1);
      if (!r.is_null(8)) {
        const auto who = r.integer(8);
        if (!people.count(who)) people[who] = actor_of(c, who);
        e["actor_name"] = people[who].first;
        e["actor_unit"] = people[who].second;
      } else {
        e["actor_name"] = r.text(1) == "system" ? "系统" : r.text(1);
        e["actor_unit"] = nullptr;
      }
      e["from_status"] = r.is_null(3) ? bj::value(nullptr) : bj::value(r.text(3));
      e["to_status"] = r.is_null(4) ? bj::value(nullptr) : bj::value(r.text(4));
    }
    out.push_back(std::move(e));
  }
  return out;
}

std::optional<store::Row> load(store::Conn& c, const std::string& where, const store::Params& params) {
  return c.one(std::string(kSelect) + "WHERE " + where, params);
}
std::vector<store::Row> load_all(store::Conn& c, const std::string& where, const store::Params& params) {
  return c.query(std::string(kSelect) + "WHERE " + where, params).rows;
}

// Queues a notification about the appeal as it now stands.
// The area that holds an appeal at `level`: grid, community, street or county above its own area.
bj::value side(store::Conn& c, const std::string& area_path, int level) {
  const std::size_t depth = static_cast<std::size_t>(kCountyLevel + 1 - level);  // county depth 1 … grid depth 4
  std::size_t slashes = 0;
  std::size_t cut = std::string::npos;
  for (std::size_t i = 0; i < area_path.size(); ++i) {
    if (area_path[i] == '/' && ++slashes == depth + 1) {
      cut = i + 1;
      break;
    }
  }
  const auto path = cut == std::string::npos ? area_path : area_path.substr(0, cut);
  auto a = c.one("SELECT id, name FROM area WHERE path = ?", {path});
  if (!a) return nullptr;
  return bj::object{{"level", level}, {"area_id", a->integer(0)}, {"area_name", a->text(1)}};
}

// `row`: the appeal as the caller has just loaded it, saving a second read in the writer.
void notify_event(store::Conn& c, std::int64_t id, const std::string& event, const std::string& note, std::int64_t now,
                  int from_level = 0, const store::Row* row = nullptr) {
  auto r = row ? std::optional<store::Row>(*row) : load(c, "t.id = ?", {id});
  if (!r) return;
  bj::object appeal{{"id", id},
                    {"code", text_of(*r, "code")},
                    {"status", text_of(*r, "status")},
                    {"level", int_of(*r, "level")},
                    {"category", text_of(*r, "category_name")},
                    {"area", text_of(*r, "area_name")},
                    {"grid", opt_json(*r, "grid_name")},
                    {"deadline_at", int_of(*r, "deadline_at")}};
  bj::object payload{{"appeal", std::move(appeal)}, {"note", note}};
  // An escalation concerns both sides: the level handing it up and the level receiving it.
  if (from_level > 0) {
    payload["from"] = side(c, text_of(*r, "area_path"), from_level);
    payload["to"] = side(c, text_of(*r, "area_path"), static_cast<int>(int_of(*r, "level")));
  }
  notify::enqueue(c, event, id, text_of(*r, "area_path"), payload, now);
}

constexpr std::size_t kMaxWhistled = 10;

// How long a whistled department has to check in, by urgency.
std::int64_t checkin_window(Urgency u) {
  switch (u) {
    case Urgency::emergency: return 30 * 60;
    case Urgency::utilities: return 2 * 3600;
    default: return 24 * 3600;
  }
}

// The appeal as `who` may see it, or 404.
store::Row visible(store::Conn& c, const auth::Principal& who, std::int64_t id) {
  auto scope = auth::scope_clause(who, auth::Register::appeals, auth::Action::read, scope_columns());
  store::Params params{id};
  params.insert(params.end(), scope.params.begin(), scope.params.end());
  auto r = load(c, "t.id = ? AND " + scope.sql, params);
  if (!r) not_found();
  return *r;
}

// The department units of `who` that were whistled onto the appeal.
std::vector<std::int64_t> whistled_units(store::Conn& c, const auth::Principal& who, std::int64_t id) {
  std::vector<std::int64_t> out;
  for (const auto& b : who.bindings) {
    if (b.role != auth::Role::department || b.scope_type != auth::ScopeType::unit) continue;
    if (c.one("SELECT 1 FROM appeal_whistle WHERE appeal_id = ? AND unit_id = ?", {id, b.scope_id}))
      out.push_back(b.scope_id);
  }
  return out;
}

constexpr std::int64_t kDuplicateWindow = 14 * 24 * 3600;
constexpr int kDuplicateCandidates = 200;
constexpr std::size_t kDuplicatesShown = 5;
constexpr double kNearM = 100.0;
constexpr double kFarM = 1000.0;
constexpr double kMinScore = 0.25;
constexpr double kMinSimilarity = 0.15;  // nearness alone does not make two complaints the same

// Open or just-resolved appeals of the same category, recent, that read alike and sit close.
bj::array duplicates_of(store::Conn& c, const auth::Principal& who, const store::Row& a) {
  auto scope = auth::scope_clause(who, auth::Register::appeals, auth::Action::read, scope_columns());
  store::Params params{int_of(a, "category_id"), int_of(a, "created_at") - kDuplicateWindow, int_of(a, "id")};
  params.insert(params.end(), scope.params.begin(), scope.params.end());
  params.emplace_back(static_cast<std::int64_t>(kDuplicateCandidates));
  auto rows = c.query(
      "SELECT t.id, t.code, t.description, t.lon, t.lat, t.area_path, t.status FROM appeal t "
      "WHERE t.category_id = ? AND t.created_at >= ? AND t.id <> ? "
      "AND t.status IN ('submitted', 'accepted', 'in_progress', 'reopened', 'resolved') AND " +
          scope.sql + " ORDER BY t.created_at DESC LIMIT ?",
      params);
  const auto text = text_of(a, "description");
  const bool located = has_coords(a);
  struct Hit {
    double score;
    bj::object o;
  };
  std::vector<Hit> hits;
  for (const auto& r : rows) {
    const double sim = trigram_similarity(text, r.text(2));
    if (sim < kMinSimilarity) continue;
    double near = r.text(5) == text_of(a, "area_path") ? 0.5 : 0.0;
    std::optional<double> metres;
    if (located && !r.is_null(3) && !r.is_null(4)) {
      metres = geo::distance_m(std::get<double>(a.at("lon")), std::get<double>(a.at("lat")), r.real(3), r.real(4));
      near = *metres <= kNearM ? 1.0 : *metres >= kFarM ? 0.0 : (kFarM - *metres) / (kFarM - kNearM);
    }
    const double score = 0.7 * sim + 0.3 * near;
    if (score < kMinScore) continue;
    bj::object o{{"id", r.integer(0)},  {"code", r.text(1)}, {"description", r.text(2)},
                 {"status", r.text(6)}, {"similarity", sim}, {"score", score}};
    o["distance_m"] = metres ? bj::value(std::round(*metres)) : bj::value(nullptr);
    hits.push_back({score, std::move(o)});
  }
  std::sort(hits.begin(), hits.end(), [](const Hit& x, const Hit& y) { return x.score > y.score; });
  bj::array out;
  for (std::size_t i = 0; i < hits.size() && i < kDuplicatesShown; ++i) out.push_back(std::move(hits[i].o));
  return out;
}

}  // namespace

auth::ScopeColumns scope_columns() {
  auth::ScopeColumns cols;
  cols.area_path = "t.area_path";
  cols.unit_id = "t.id IN (SELECT w.appeal_id FROM appeal_whistle w WHERE w.unit_id = ?)";
  return cols;
}

void invalidate_policy() {
  std::lock_guard lock(calendar_mu);
  calendar_stale = true;
}

std::string normalize_code(std::string code) {
  for (auto& ch : code) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return code;
}

bool is_tracking_code(std::string_view code) {
  return code.size() == kCodeLength && code.find_first_not_of(kCodeAlphabet) == std::string_view::npos;
}

int caller_level(const auth::Principal& who, const std::string& area_path) {
  int best = 0;
  for (const auto& b : who.bindings) {
    if (!auth::allowed(b.role, auth::Register::appeals, auth::Action::write)) continue;
    if (b.scope_type != auth::ScopeType::area || !auth::path_within(area_path, b.path)) continue;
    best = std::max(best, role_level(b.role));
  }
  return best;
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
  for (const char* k : {"lon", "lat"}) {
    const auto* v = body.if_contains(k);
    if (!v || v->is_null()) continue;
    if (!v->is_number()) bad_request(k, "坐标应为数字");
    const double d = v->to_number<double>();
    if (!std::isfinite(d) || (k[1] == 'o' ? std::abs(d) > 180 : std::abs(d) > 90)) bad_request(k, "坐标超出经纬度范围");
    (k[1] == 'o' ? in.lon : in.lat) = d;
  }
  if (in.lon.has_value() != in.lat.has_value()) bad_request(in.lon ? "lat" : "lon", "经度和纬度需要同时提供");
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

namespace {

Created file_once(App& app, GridIndex& grids, const Intake& in, const auth::Principal* who, const std::string& ip,
                  std::int64_t now) {
  return app.db.write([&](store::Conn& c) {
    auto cat = c.one(
        "SELECT c.urgency, (SELECT COUNT(*) FROM appeal_category k WHERE k.parent_id = c.id), c.name, "
        "c.is_dispute FROM appeal_category c WHERE c.id = ?",
        {in.category_id});
    if (!cat) bad_request("category_id", "诉求分类不存在");
    if (cat->integer(1) > 0) bad_request("category_id", "请选择到最末一级分类");
    const auto urgency = urgency_for(parse_urgency(cat->text(0)).value_or(Urgency::general), cat->integer(3) != 0);
    // 精准派单: the grid under the point; else the community the address names; else the county desk.
    std::optional<Place> place;
    int level = kGridLevel;
    if (in.lon) place = grids.locate(c, *in.lon, *in.lat);
    if (!place && !in.address.empty()) {
      place = grids.by_address(c, in.address);
      level = kCommunityLevel;
    }
    if (!place && who) {
      // Staff filing what neither map nor address places: it starts where they work.
      for (const auto& b : who->bindings) {
        if (b.scope_type != auth::ScopeType::area || role_level(b.role) == 0 ||
            !auth::allowed(b.role, auth::Register::appeals, auth::Action::write)) {
          continue;
        }
        auto node = c.one("SELECT id, path, name, kind FROM area WHERE id = ?", {b.scope_id});
        if (!node) continue;
        const auto kind = node->text(3);
        level = kind == "grid"                               ? kGridLevel
                : (kind == "community" || kind == "village") ? kCommunityLevel
                : kind == "county"                           ? kCountyLevel
                                                             : kStreetLevel;
        place = Place{node->integer(0), node->text(1), node->text(2), kind == "grid" ? node->integer(0) : 0, ""};
        break;
      }
    }
    if (!place) {
      auto root = c.one("SELECT id, path, name FROM area WHERE parent_id IS NULL ORDER BY id LIMIT 1");
      if (!root) throw ApiError(409, "no_county", "系统尚未设置行政区划");
      place = Place{root->integer(0), root->text(1), root->text(2), 0, ""};
      level = kCountyLevel;
    }
    if (who && caller_level(*who, place->path) == 0) {
      bad_request(in.lon ? "lon" : "address", "诉求所在位置不在您的管辖范围内");
    }
    const auto pol = policy(c, now);
    const auto deadline = overall_deadline(pol->cal, pol->rule(urgency), now);
    const auto level_due = level_deadline(pol->cal, pol->rule(urgency), level, now, deadline);
    // No lookup first: a code already taken fails the insert on its UNIQUE index, and file() draws
    // another (50 bits: at ten million appeals, one clash in a hundred million intakes).
    const std::string code = random_code();
    // 首接负责: the grid's full-time worker answers for it; a grid worker filing a patrol report, themselves.
    std::optional<std::int64_t> assignee;
    if (place->grid_id) {
      const bool filer_in_grid = who && caller_level(*who, place->path) == kGridLevel;
      assignee = filer_in_grid ? std::optional(who->account_id) : default_assignee(c, place->grid_id);
    }
    const auto id =
        c.one(
             "INSERT INTO appeal (code, type, channel, category_id, description, address, lon, lat, grid_id, area_id, "
             "area_path, level, max_level, status, urgency, reporter_name, phone_enc, phone_mask, anonymous, "
             "created_by, "
             "deadline_at, warn_at, level_started_at, level_deadline_at, created_at, updated_at, assignee_id) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'submitted', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
             "RETURNING id",
             {code,
              in.type,
              in.channel,
              in.category_id,
              in.description,
              in.address.empty() ? store::null() : store::Value(in.address),
              store::opt(in.lon),
              store::opt(in.lat),
              place->grid_id ? store::Value(place->grid_id) : store::null(),
              place->area_id,
              place->path,
              static_cast<std::int64_t>(level),
              static_cast<std::int64_t>(level),
              std::string(urgency_name(urgency)),
              in.reporter_name.empty() || in.anonymous ? store::null() : store::Value(in.reporter_name),
              in.phone.empty() ? store::null() : store::Value(app.cipher.encrypt(in.phone)),
              in.phone.empty() ? store::null() : store::Value(people::mask_phone(in.phone)),
              static_cast<std::int64_t>(in.anonymous ? 1 : 0),
              who ? store::Value(who->account_id) : store::opt(in.reporter_account),
              deadline,
              warn_at(now, deadline),
              now,
              level_due,
              now,
              now,
              store::opt(assignee)})
            ->integer(0);
    const auto filed = load(c, "t.id = ?", {id});
    retally(c, {}, contribution_of(*filed));
    const std::string actor = who ? who->username : "居民";
    const std::optional<std::int64_t> actor_id = who ? std::optional(who->account_id) : std::nullopt;
    const auto submitted = add_event(c, id, now, actor, actor_id, "submit", "", "submitted", level, "");
    attach_photos(c, id, submitted, in.photos);
    if (in.on_filed) in.on_filed(c, id);
    add_event(c, id, now, "system", std::nullopt, "dispatch", "", "", level,
              std::string(kLevelNames[static_cast<std::size_t>(level)]) + "：" + place->name);
    notify_event(c, id, "assigned", place->name, now, 0, &*filed);
    audit::record(c, {now, who ? who->username : "public", actor_id, ip, "create", "appeal", std::to_string(id), "",
                      bj::serialize(bj::object{{"code", code}, {"category", cat->text(2)}, {"level", level}})});
    return Created{id, code};
  });
}

}  // namespace

void limit_intake(App& app, const std::string& address, const std::string& phone) {
  if (!app.limits) return;
  enforce(app.limits->intake_per_address, address, "提交诉求");
  enforce(app.limits->intake_per_phone, phone, "同一手机号提交诉求");
}

Created file(App& app, GridIndex& grids, const Intake& in, const auth::Principal* who, const std::string& ip) {
  constexpr int kAttempts = 3;
  const std::int64_t now = app.now();
  for (int attempt = 1;; ++attempt) {
    try {
      return file_once(app, grids, in, who, ip, now);
    } catch (const store::DbError& e) {
      if (!e.constraint || attempt == kAttempts) throw;
    }
  }
}

namespace {

// The staff view of an appeal row read with kSelect.
bj::object view_of(App& app, store::Conn& c, const store::Row& row, const auth::Principal& who, bool detail) {
  const auto id = int_of(row, "id");
  const auto now = app.now();
  const auto status = parse_status(text_of(row, "status")).value_or(Status::submitted);
  const bool open = is_open(status);
  const auto deadline = int_of(row, "deadline_at");
  bj::object o{{"id", int_of(row, "id")},
               {"code", text_of(row, "code")},
               {"type", text_of(row, "type")},
               {"channel", text_of(row, "channel")},
               {"category_id", int_of(row, "category_id")},
               {"category_name", text_of(row, "category_name")},
               {"description", text_of(row, "description")},
               {"address", opt_json(row, "address")},
               {"lon", opt_json(row, "lon")},
               {"lat", opt_json(row, "lat")},
               {"grid_id", opt_json(row, "grid_id")},
               {"grid_name", opt_json(row, "grid_name")},
               {"area_id", int_of(row, "area_id")},
               {"area_name", text_of(row, "area_name")},
               {"level", int_of(row, "level")},
               {"status", text_of(row, "status")},
               {"status_label", status_label(status)},
               {"urgency", text_of(row, "urgency")},
               {"created_at", int_of(row, "created_at")},
               {"deadline_at", deadline},
               {"level_deadline_at", int_of(row, "level_deadline_at")},
               {"due_soon", open && now >= int_of(row, "warn_at") && now < deadline},
               {"overdue", open && now >= deadline},
               {"reporter_name", opt_json(row, "reporter_name")},
               {"phone", opt_json(row, "phone_mask")},
               {"anonymous", int_of(row, "anonymous") != 0},
               {"satisfaction", opt_json(row, "satisfaction")},
               {"merged_into", opt_json(row, "merged_into")},
               {"community_name", community_name(row)}};
  o["assignee"] =
      std::holds_alternative<std::monostate>(row.at("assignee_id"))
          ? bj::value(nullptr)
          : bj::value(bj::object{{"id", int_of(row, "assignee_id")}, {"name", text_of(row, "assignee_name")}});
  {
    // The level's area is the appeal's own area or one of its ancestors: county depth 1 … grid depth 4.
    const auto level = std::clamp<std::int64_t>(int_of(row, "level"), kGridLevel, kCountyLevel);
    const auto up = int_of(row, "area_depth") - (kCountyLevel + 1 - level);
    constexpr std::array<const char*, 4> kUp = {"area_name", "parent_area_name", "grandparent_area_name",
                                                "great_grandparent_area_name"};
    const auto* name_col =
        up >= 0 && up < static_cast<std::int64_t>(kUp.size()) ? kUp[static_cast<std::size_t>(up)] : nullptr;
    o["holder"] = bj::object{{"level", level},
                             {"level_label", kLevelNames[static_cast<std::size_t>(level)]},
                             {"name", name_col ? opt_json(row, name_col) : bj::value(nullptr)},
                             {"departments", bj::array{}}};
  }
  if (detail) {
    o["photos"] = photos_of(c, id);
    o["timeline"] = timeline(c, id, true);
    o["open311"] = open311::staff_fields(c, id);
    bj::array whistles;
    for (const auto& w :
         c.query("SELECT w.unit_id, u.name, w.whistled_at, w.due_at, w.checked_in_at, w.late "
                 "FROM appeal_whistle w JOIN unit u ON u.id = w.unit_id WHERE w.appeal_id = ? ORDER BY w.id",
                 {id})) {
      whistles.push_back(bj::object{{"unit_id", w.integer(0)},
                                    {"unit_name", w.text(1)},
                                    {"whistled_at", w.integer(2)},
                                    {"due_at", w.integer(3)},
                                    {"checked_in_at", w.is_null(4) ? bj::value(nullptr) : bj::value(w.integer(4))},
                                    {"late", w.integer(5) != 0 || (w.is_null(4) && now > w.integer(3))}});
    }
    bj::array departments;
    for (const auto& w : whistles) departments.push_back(w.as_object().at("unit_name"));
    o["holder"].as_object()["departments"] = std::move(departments);
    o["whistles"] = std::move(whistles);
    o["duplicates"] = open ? duplicates_of(c, who, row) : bj::array{};
    bj::array actions;
    const int lvl = caller_level(who, text_of(row, "area_path"));
    for (auto a : available_actions(status, static_cast<int>(int_of(row, "level")), lvl))
      actions.emplace_back(action_name(a));
    const auto mine = whistled_units(c, who, id);
    if (open && lvl >= kStreetLevel) actions.emplace_back("whistle");
    if (open && !mine.empty() &&
        c.one("SELECT 1 FROM appeal_whistle WHERE appeal_id = ? AND unit_id = ? AND checked_in_at IS NULL",
              {id, mine[0]})) {
      actions.emplace_back("checkin");
    }
    if (open && (lvl > 0 || !mine.empty())) actions.emplace_back("note");
    if (open && lvl >= kStreetLevel) actions.emplace_back("supervise");
    o["actions"] = std::move(actions);
  }
  return o;
}

}  // namespace

bj::object staff_view(App& app, store::Conn& c, std::int64_t id, const auth::Principal& who, bool detail) {
  auto r = load(c, "t.id = ?", {id});
  if (!r) not_found();
  return view_of(app, c, *r, who, detail);
}

bj::array staff_views(App& app, store::Conn& c, const std::vector<std::int64_t>& ids, const auth::Principal& who) {
  bj::array out;
  if (ids.empty()) return out;
  const auto in = store::placeholders(ids.size());
  store::Params params(ids.begin(), ids.end());
  std::unordered_map<std::int64_t, store::Row> rows;
  for (auto& r : load_all(c, "t.id IN (" + in + ")", params)) {
    const auto id = int_of(r, "id");
    rows.emplace(id, std::move(r));
  }
  // Whistled departments for the whole page in one statement.
  std::unordered_map<std::int64_t, bj::array> departments;
  for (const auto& w : c.query("SELECT w.appeal_id, u.name FROM appeal_whistle w JOIN unit u ON u.id = w.unit_id "
                               "WHERE w.appeal_id IN (" +
                                   in + ") ORDER BY w.id",
                               params)) {
    departments[w.integer(0)].emplace_back(w.text(1));
  }
  for (auto id : ids) {
    auto it = rows.find(id);
    if (it == rows.end()) continue;
    auto view = view_of(app, c, it->second, who, false);
    if (auto d = departments.find(id); d != departments.end())
      view["holder"].as_object()["departments"] = std::move(d->second);
    out.push_back(std::move(view));
  }
  return out;
}

std::optional<bj::object> public_view(App& app, const std::string& code) {
  return app.db.read([&](store::Conn& c) -> std::optional<bj::object> {
    auto r = load(c, "t.code = ?", {code});
    if (!r) return std::nullopt;
    auto status = parse_status(text_of(*r, "status")).value_or(Status::submitted);
    const auto grid = opt_json(*r, "grid_name");
    auto events = timeline(c, int_of(*r, "id"), false);
    // A merged duplicate's reporter follows the appeal it was merged into.
    bj::value merged = nullptr;
    if (status == Status::merged && has(*r, "merged_into")) {
      if (auto s = load(c, "t.id = ?", {int_of(*r, "merged_into")})) {
        status = parse_status(text_of(*s, "status")).value_or(Status::submitted);
        merged = bj::object{{"code", text_of(*s, "code")}, {"status", text_of(*s, "status")}};
        for (auto& e : timeline(c, int_of(*s, "id"), false)) {
          if (e.as_object().at("at").as_int64() >= int_of(*r, "updated_at")) events.push_back(e);
        }
      }
    }
    return bj::object{{"code", text_of(*r, "code")},
                      {"type", text_of(*r, "type")},
                      {"category_name", text_of(*r, "category_name")},
                      {"description", text_of(*r, "description")},
                      {"address", opt_json(*r, "address")},
                      {"status", merged.is_null() ? text_of(*r, "status") : std::string(status_name(status))},
                      {"status_label", status_label(status)},
                      {"created_at", int_of(*r, "created_at")},
                      {"deadline_at", int_of(*r, "deadline_at")},
                      {"grid_name", grid},
                      {"community_name", community_name(*r)},
                      {"can_rate", status == Status::resolved && merged.is_null()},
                      {"satisfaction", opt_json(*r, "satisfaction")},
                      {"merged_into", merged},
                      {"photos", photos_of(c, int_of(*r, "id"))},
                      {"timeline", std::move(events)}};
  });
}

void act(App& app, const auth::Principal& who, std::int64_t id, Move m, const std::string& ip) {
  const auto now = app.now();
  app.db.write([&](store::Conn& c) {
    auto scope = auth::scope_clause(who, auth::Register::appeals, auth::Action::read, scope_columns());
    const std::optional<store::Row> r = visible(c, who, id);
    const auto from = parse_status(text_of(*r, "status")).value_or(Status::submitted);
    const int level = static_cast<int>(int_of(*r, "level"));
    const int lvl = caller_level(who, text_of(*r, "area_path"));
    if (!may(lvl, level, m.action)) {
      forbidden(level > lvl && lvl > 0 ? "此诉求已上报至上级，由上级办理" : "您的角色不能执行此操作");
    }
    auto to = next_status(from, m.action, m.satisfaction);
    if (m.action == Action::callback && !m.satisfaction) bad_request("satisfaction", "请选择回访结果", "required");
    if (!to)
      throw ApiError(409, "bad_state",
                     "诉求当前为“" + std::string(status_label(from)) + "”，不能" + std::string(action_label(m.action)));
    if ((m.action == Action::resolve || m.action == Action::reject) && m.note.empty()) {
      bad_request(m.action == Action::reject ? "reason" : "note",
                  m.action == Action::reject ? "请填写不予受理的理由（群众可见）" : "请填写办理结果", "required");
    }
    std::string sets = "status = ?, updated_at = ?";
    store::Params values{std::string(status_name(*to)), now};
    int new_level = level;
    if (m.action == Action::escalate) {
      new_level = level + 1;
      const auto urgency = parse_urgency(text_of(*r, "urgency")).value_or(Urgency::general);
      sets +=
          ", level = ?, max_level = CASE WHEN max_level < ? THEN ? ELSE max_level END, level_started_at = ?, "
          "level_deadline_at = ?";
      values.emplace_back(static_cast<std::int64_t>(new_level));
      values.emplace_back(static_cast<std::int64_t>(new_level));
      values.emplace_back(static_cast<std::int64_t>(new_level));
      values.emplace_back(now);
      {
        const auto pol = policy(c, now);
        values.emplace_back(level_deadline(pol->cal, pol->rule(urgency), new_level, now, int_of(*r, "deadline_at")));
      }
    }
    if (m.action == Action::dispatch) {
      if (!m.target_area) bad_request("area_id", "请选择派往的网格或社区（村）", "required");
      auth::ScopeColumns acols;
      acols.area_path = "path";
      auto ascope = auth::scope_clause(who, auth::Register::appeals, auth::Action::write, acols);
      store::Params p{*m.target_area};
      p.insert(p.end(), ascope.params.begin(), ascope.params.end());
      auto target = c.one("SELECT id, path, kind, name FROM area WHERE id = ? AND " + ascope.sql, p);
      if (!target) bad_request("area_id", "所选区域不存在或不在您的管辖范围内");
      const auto kind = target->text(2);
      if (kind != "grid" && kind != "community" && kind != "village")
        bad_request("area_id", "只能派往网格或社区（村）");
      new_level = kind == "grid" ? kGridLevel : kCommunityLevel;
      // 分解交办: each level hands work to the one below it (a community to its grids).
      if (new_level >= lvl) bad_request("area_id", "只能派往下一级：社区（村）派往所属网格，街道派往社区（村）或网格");
      const auto urgency = parse_urgency(text_of(*r, "urgency")).value_or(Urgency::general);
      // Sent down, its slice of the limit starts afresh there; max_level stays, so an appeal that
      // went up to the street and came back down is not counted as settled at the first line.
      sets +=
          ", area_id = ?, area_path = ?, grid_id = ?, level = ?, level_started_at = ?, level_deadline_at = ?, "
          "assignee_id = ?";
      values.emplace_back(target->integer(0));
      values.emplace_back(target->text(1));
      values.emplace_back(kind == "grid" ? store::Value(target->integer(0)) : store::null());
      values.emplace_back(static_cast<std::int64_t>(new_level));
      values.emplace_back(now);
      {
        const auto pol = policy(c, now);
        values.emplace_back(level_deadline(pol->cal, pol->rule(urgency), new_level, now, int_of(*r, "deadline_at")));
      }
      values.emplace_back(kind == "grid" ? store::opt(default_assignee(c, target->integer(0))) : store::null());
      if (m.note.empty()) m.note = "派往" + target->text(3);
    }
    if (m.action == Action::merge) {
      if (!m.merge_into || *m.merge_into == id) bad_request("merge_into", "请选择要合并到的另一条诉求", "required");
      store::Params p{*m.merge_into};
      p.insert(p.end(), scope.params.begin(), scope.params.end());
      auto target = load(c, "t.id = ? AND " + scope.sql, p);
      if (!target || !is_open(parse_status(text_of(*target, "status")).value_or(Status::closed))) {
        bad_request("merge_into", "要合并到的诉求不存在、不在您的管辖范围内或已办结");
      }
      sets += ", merged_into = ?";
      values.emplace_back(*m.merge_into);
      add_event(c, *m.merge_into, now, who.username, who.account_id, "merge", "", "", level,
                "合并了诉求 " + text_of(*r, "code"));
    }
    if (m.action == Action::accept) {
      sets += ", accepted_at = COALESCE(accepted_at, ?)";
      values.emplace_back(now);
    }
    if (m.action == Action::resolve) {
      // The first resolution is the one the figures count; a reopened appeal keeps it.
      sets += ", resolved_at = COALESCE(resolved_at, ?)";
      values.emplace_back(now);
    }
    if (m.satisfaction) {
      sets += ", satisfaction = ?";
      values.emplace_back(std::string(satisfaction_name(*m.satisfaction)));
    }
    if (*to == Status::closed || *to == Status::rejected || *to == Status::merged) {
      sets += ", closed_at = ?";
      values.emplace_back(now);
    }
    values.emplace_back(id);
    c.execute("UPDATE appeal SET " + sets + " WHERE id = ?", values);
    retally(c, contribution_of(*r), contribution_of(*load(c, "t.id = ?", {id})));
    const auto event_id = add_event(c, id, now, who.username, who.account_id, std::string(action_name(m.action)),
                                    std::string(status_name(from)), std::string(status_name(*to)), new_level, m.note);
    attach_photos(c, id, event_id, m.photos);
    const char* event = m.action == Action::dispatch   ? "assigned"
                        : m.action == Action::escalate ? "escalated"
                        : m.action == Action::resolve  ? "resolved"
                        : *to == Status::reopened      ? "reopened"
                        : *to == Status::closed        ? "closed"
                                                       : nullptr;
    if (event) notify_event(c, id, event, m.note, now, m.action == Action::escalate ? level : 0);
    audit::record(c, {now, who.username, who.account_id, ip, std::string(action_name(m.action)), "appeal",
                      std::to_string(id), std::string(status_name(from)), std::string(status_name(*to))});
  });
}

void rate(App& app, const std::string& code, Satisfaction s, const std::string& comment, const std::string& ip) {
  const auto now = app.now();
  app.db.write([&](store::Conn& c) {
    auto r = load(c, "t.code = ?", {code});
    if (!r) not_found("找不到此查询码对应的诉求");
    const auto from = parse_status(text_of(*r, "status")).value_or(Status::submitted);
    if (from != Status::resolved) throw ApiError(409, "bad_state", "诉求办结后才能评价");
    const auto id = int_of(*r, "id");
    const int level = static_cast<int>(int_of(*r, "level"));
    // Satisfied or basically satisfied closes the loop; dissatisfied sends it back to work.
    const auto to = s == Satisfaction::dissatisfied ? Status::reopened : Status::closed;
    c.execute("UPDATE appeal SET status = ?, satisfaction = ?, updated_at = ?, closed_at = ? WHERE id = ?",
              {std::string(status_name(to)), std::string(satisfaction_name(s)), now,
               to == Status::closed ? store::Value(now) : store::null(), id});
    retally(c, contribution_of(*r), contribution_of(*load(c, "t.id = ?", {id})));
    static constexpr std::array<std::string_view, 3> kWords = {"满意", "基本满意", "不满意"};
    std::string note = std::string(kWords[static_cast<std::size_t>(s)]);
    if (!comment.empty()) note += "：" + comment;
    add_event(c, id, now, "居民", std::nullopt, "rate", std::string(status_name(from)), std::string(status_name(to)),
              level, note);
    notify_event(c, id, to == Status::closed ? "closed" : "reopened", note, now);
    audit::record(c, {now, "public", std::nullopt, ip, "rate", "appeal", std::to_string(id), "",
                      std::string(satisfaction_name(s))});
  });
}

void whistle(App& app, const auth::Principal& who, std::int64_t id, const std::vector<std::int64_t>& units,
             const std::string& note, const std::string& ip) {
  if (units.empty()) bad_request("unit_ids", "请选择要吹哨的职能部门", "required");
  if (units.size() > kMaxWhistled) bad_request("unit_ids", "一次最多吹哨 10 个部门");
  const auto now = app.now();
  app.db.write([&](store::Conn& c) {
    const auto r = visible(c, who, id);
    if (caller_level(who, text_of(r, "area_path")) < kStreetLevel) forbidden("由街道（镇）或县级吹哨");
    if (!is_open(parse_status(text_of(r, "status")).value_or(Status::closed))) {
      throw ApiError(409, "bad_state", "诉求已办结，不能再吹哨");
    }
    const auto urgency = parse_urgency(text_of(r, "urgency")).value_or(Urgency::general);
    std::string names;
    for (const auto unit : units) {
      auto u = c.one("SELECT name, kind FROM unit WHERE id = ?", {unit});
      if (!u || (u->text(1) != "organ" && u->text(1) != "institution")) {
        bad_request("unit_ids", "只能向机关、事业单位等职能部门吹哨");
      }
      if (c.one("SELECT 1 FROM appeal_whistle WHERE appeal_id = ? AND unit_id = ?", {id, unit})) continue;
      c.execute("INSERT INTO appeal_whistle (appeal_id, unit_id, whistled_at, due_at) VALUES (?, ?, ?, ?)",
                {id, unit, now, now + checkin_window(urgency)});
      names += (names.empty() ? "" : "、") + u->text(0);
    }
    if (names.empty()) return;
    const auto status = text_of(r, "status");
    add_event(c, id, now, who.username, who.account_id, "whistle", status, status, static_cast<int>(int_of(r, "level")),
              "吹哨：" + names + (note.empty() ? "" : "。" + note));
    notify_event(c, id, "whistled", names, now);
    audit::record(c, {now, who.username, who.account_id, ip, "whistle", "appeal", std::to_string(id), "", names});
  });
}

void check_in(App& app, const auth::Principal& who, std::int64_t id, const std::string& note, const std::string& ip) {
  const auto now = app.now();
  app.db.write([&](store::Conn& c) {
    const auto r = visible(c, who, id);
    const auto mine = whistled_units(c, who, id);
    if (mine.empty()) forbidden("只有被吹哨的部门才能报到");
    int changed = 0;
    for (const auto unit : mine) {
      changed += static_cast<int>(
          c.execute("UPDATE appeal_whistle SET checked_in_at = ?, late = CASE WHEN due_at < ? THEN 1 ELSE late END "
                    "WHERE appeal_id = ? AND unit_id = ? AND checked_in_at IS NULL",
                    {now, now, id, unit}));
    }
    if (changed == 0) throw ApiError(409, "bad_state", "已经报到过了");
    const auto status = text_of(r, "status");
    const auto unit_name = c.one("SELECT name FROM unit WHERE id = ?", {mine[0]})->text(0);
    add_event(c, id, now, who.username, who.account_id, "checkin", status, status, static_cast<int>(int_of(r, "level")),
              unit_name + "报到" + (note.empty() ? "" : "：" + note));
    audit::record(c, {now, who.username, who.account_id, ip, "checkin", "appeal", std::to_string(id), "", unit_name});
  });
}

void add_note(App& app, const auth::Principal& who, std::int64_t id, bool supervise, const std::string& note,
              const std::string& ip) {
  if (note.empty()) bad_request("note", supervise ? "请填写督办意见" : "请填写进展情况", "required");
  const auto now = app.now();
  app.db.write([&](store::Conn& c) {
    const auto r = visible(c, who, id);
    const int lvl = caller_level(who, text_of(r, "area_path"));
    if (supervise ? lvl < kStreetLevel : (lvl == 0 && whistled_units(c, who, id).empty())) {
      forbidden(supervise ? "由街道（镇）或县级督办" : "您不能为此诉求填写进展");
    }
    if (!is_open(parse_status(text_of(r, "status")).value_or(Status::closed))) {
      throw ApiError(409, "bad_state", "诉求已办结");
    }
    const auto status = text_of(r, "status");
    add_event(c, id, now, who.username, who.account_id, supervise ? "supervise" : "progress", status, status,
              static_cast<int>(int_of(r, "level")), note);
    audit::record(c, {now, who.username, who.account_id, ip, supervise ? "supervise" : "progress", "appeal",
                      std::to_string(id), "", note});
  });
}

std::optional<bj::object> mediation_of(App& app, const auth::Principal& who, std::int64_t id) {
  return app.db.read([&](store::Conn& c) -> std::optional<bj::object> {
    visible(c, who, id);
    auto m = c.one("SELECT step, parties, mediators, agreement, outcome, updated_at FROM mediation WHERE appeal_id = ?",
                   {id});
    if (!m) return std::nullopt;
    boost::system::error_code ec;
    auto parties = bj::parse(m->text(1), ec);
    auto mediators = bj::parse(m->text(2), ec);
    const auto step = parse_mediation_step(m->text(0)).value_or(MediationStep::emotion);
    return bj::object{{"step", m->text(0)},
                      {"step_label", mediation_step_label(step)},
                      {"parties", parties.is_array() ? parties : bj::array{}},
                      {"mediators", mediators.is_array() ? mediators : bj::array{}},
                      {"agreement", m->is_null(3) ? bj::value(nullptr) : bj::value(m->text(3))},
                      {"outcome", m->text(4)},
                      {"updated_at", m->integer(5)}};
  });
}

void mediate(App& app, const auth::Principal& who, std::int64_t id, const Mediation& m, const std::string& ip) {
  const auto now = app.now();
  app.db.write([&](store::Conn& c) {
    const auto r = visible(c, who, id);
    const int lvl = caller_level(who, text_of(r, "area_path"));
    if (lvl == 0 || lvl < int_of(r, "level")) forbidden("由诉求的承办层级或上级调解");
    auto cat = c.one("SELECT is_dispute FROM appeal_category WHERE id = ?", {int_of(r, "category_id")});
    if (!cat || cat->integer(0) == 0) bad_request("", "只有矛盾纠纷类诉求需要调解记录", "not_dispute");
    if (!is_open(parse_status(text_of(r, "status")).value_or(Status::closed)) && m.outcome == "pending") {
      throw ApiError(409, "bad_state", "诉求已办结，调解结果不能再是“进行中”");
    }
    auto before = c.one("SELECT step, outcome FROM mediation WHERE appeal_id = ?", {id});
    if (before && before->text(1) != "pending") throw ApiError(409, "bad_state", "这起纠纷的调解已经结束");
    const auto from = before ? parse_mediation_step(before->text(0)) : std::nullopt;
    if (auto problem = mediation_problem(from, m.step, m.outcome, !m.agreement.empty())) {
      const bool about_agreement = m.outcome == "agreed" && m.agreement.empty();
      const bool about_outcome =
          m.outcome != "pending" && m.outcome != "agreed" && m.outcome != "referred" && m.outcome != "withdrawn";
      bad_request(about_agreement ? "agreement" : about_outcome ? "outcome" : "step", *problem);
    }
    if (m.parties.empty()) bad_request("parties", "请填写纠纷当事人", "required");
    c.execute(
        "INSERT INTO mediation (appeal_id, step, parties, mediators, agreement, outcome, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (appeal_id) DO UPDATE SET step = excluded.step, "
        "parties = excluded.parties, mediators = excluded.mediators, agreement = excluded.agreement, "
        "outcome = excluded.outcome, updated_at = excluded.updated_at",
        {id, std::string(mediation_step_name(m.step)), bj::serialize(m.parties), bj::serialize(m.mediators),
         m.agreement.empty() ? store::null() : store::Value(m.agreement), m.outcome, now});
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kOutcomes = {
        {{"pending", "调解中"}, {"agreed", "达成协议"}, {"referred", "引导诉讼"}, {"withdrawn", "当事人撤回"}}};
    std::string note = std::string(mediation_step_label(m.step));
    for (const auto& [k, v] : kOutcomes) {
      if (k == m.outcome) note += "，" + std::string(v);
    }
    if (!m.note.empty()) note += "：" + m.note;
    const auto status = text_of(r, "status");
    add_event(c, id, now, who.username, who.account_id, "mediate", status, status, static_cast<int>(int_of(r, "level")),
              note);
    audit::record(c, {now, who.username, who.account_id, ip, "mediate", "appeal", std::to_string(id),
                      before ? before->text(0) : "", std::string(mediation_step_name(m.step)) + "/" + m.outcome});
  });
}

SweepResult sweep(App& app) {
  const auto now = app.now();
  SweepResult out;
  app.db.write([&](store::Conn& c) {
    const auto pol = policy(c, now);
    auto due = c.query(std::string("SELECT id, level, urgency, deadline_at, status FROM appeal WHERE status IN ") +
                           open_statuses_sql() + " AND level_deadline_at <= ? AND level < ? LIMIT ?",
                       {now, static_cast<std::int64_t>(kCountyLevel), static_cast<std::int64_t>(kSweepBatch)});
    for (const auto& r : due) {
      const int next = static_cast<int>(r.integer(1)) + 1;
      const auto urgency = parse_urgency(r.text(2)).value_or(Urgency::general);
      const auto before = load(c, "t.id = ?", {r.integer(0)});
      c.execute(
          "UPDATE appeal SET level = ?, max_level = CASE WHEN max_level < ? THEN ? ELSE max_level END, "
          "level_started_at = ?, level_deadline_at = ?, updated_at = ? WHERE id = ?",
          {static_cast<std::int64_t>(next), static_cast<std::int64_t>(next), static_cast<std::int64_t>(next), now,
           level_deadline(pol->cal, pol->rule(urgency), next, now, r.integer(3)), now, r.integer(0)});
      retally(c, contribution_of(*before), contribution_of(*load(c, "t.id = ?", {r.integer(0)})));
      add_event(c, r.integer(0), now, "system", std::nullopt, "escalate", r.text(4), r.text(4), next,
                "本级办理时限已到，自动上报");
      notify_event(c, r.integer(0), "escalated", "本级办理时限已到，自动上报", now, next - 1);
      ++out.escalated;
    }
    auto warn = c.query(std::string("SELECT id, level, status FROM appeal WHERE status IN ") + open_statuses_sql() +
                            " AND warn_at <= ? AND warned = 0 LIMIT ?",
                        {now, static_cast<std::int64_t>(kSweepBatch)});
    for (const auto& r : warn) {
      c.execute("UPDATE appeal SET warned = 1 WHERE id = ?", {r.integer(0)});
      add_event(c, r.integer(0), now, "system", std::nullopt, "warn", r.text(2), r.text(2),
                static_cast<int>(r.integer(1)), "办理时限已过 80%");
      notify_event(c, r.integer(0), "warning", "办理时限已过 80%", now);
      ++out.warned;
    }
    // Departments that let the check-in time pass are named on the timeline, once.
    auto late = c.query(
        "SELECT w.id, w.appeal_id, u.name, a.status, a.level FROM appeal_whistle w "
        "JOIN unit u ON u.id = w.unit_id JOIN appeal a ON a.id = w.appeal_id "
        "WHERE w.late = 0 AND w.due_at <= ? AND w.checked_in_at IS NULL LIMIT ?",
        {now, static_cast<std::int64_t>(kSweepBatch)});
    for (const auto& r : late) {
      c.execute("UPDATE appeal_whistle SET late = 1 WHERE id = ?", {r.integer(0)});
      add_event(c, r.integer(1), now, "system", std::nullopt, "checkin_overdue", r.text(3), r.text(3),
                static_cast<int>(r.integer(4)), r.text(2) + "未按时报到");
      ++out.late_checkins;
    }
  });
  return out;
}

void add_timeline_note(store::Conn& c, const auth::Principal& who, std::int64_t appeal, std::int64_t at,
                       const std::string& note) {
  add_timeline_event(c, who, appeal, at, "to_need", note);
}

namespace {
// A line that leaves the appeal where it stands (its status and level as they are); nullopt when
// there is no such appeal.
std::optional<std::int64_t> add_standing_event(store::Conn& c, std::int64_t appeal, std::int64_t at,
                                               const std::string& actor, std::optional<std::int64_t> actor_id,
                                               const std::string& action, const std::string& note) {
  auto row = c.one("SELECT status, level FROM appeal WHERE id = ?", {appeal});
  if (!row) return std::nullopt;
  return add_event(c, appeal, at, actor, actor_id, action, row->text(0), row->text(0),
                   static_cast<int>(row->integer(1)), note);
}
}  // namespace

void add_timeline_event(store::Conn& c, const auth::Principal& who, std::int64_t appeal, std::int64_t at,
                        const std::string& action, const std::string& note) {
  add_standing_event(c, appeal, at, who.username, who.account_id, action, note);
}

std::int64_t add_resident_update(store::Conn& c, std::int64_t appeal, std::int64_t at, const std::string& actor,
                                 const std::string& note, const std::vector<std::string>& photos) {
  const auto event = add_standing_event(c, appeal, at, actor, std::nullopt, "resident_update", note);
  if (!event) not_found("找不到此诉求");
  attach_photos(c, appeal, *event, photos);
  return *event;
}

}  // namespace jiceng::appeals
