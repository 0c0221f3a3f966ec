// How an appeal reads: the staff view (list rows and detail, with what the caller may do next)
// and the resident's view by tracking code, each with its timeline.
#include <boost/json.hpp>
#include <map>
#include <unordered_map>

#include "appeals/queries.hpp"
#include "appeals/service.hpp"
#include "appeals/service_internal.hpp"
#include "auth/service.hpp"
#include "core/errors.hpp"
#include "core/module.hpp"
#include "orgs/lookups.hpp"
#include "orgs/service.hpp"

namespace jiceng::appeals {
namespace {

namespace bj = boost::json;

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

std::string photo_url(const std::string& hash) { return "/api/v1/photos/" + hash; }

// Colleagues as the timeline names them: their name, and the unit or area their first role is bound
// to (nothing for an account that is gone).
std::map<std::int64_t, std::pair<std::string, std::string>> actors_of(store::Conn& c,
                                                                      const std::vector<std::int64_t>& accounts) {
  std::map<std::int64_t, std::pair<std::string, std::string>> out;
  if (accounts.empty()) return out;
  const auto names = auth::display_names(c, accounts);
  const auto bindings = auth::bindings_of(c, accounts);
  for (const auto id : accounts) {
    auto& actor = out[id];
    const auto name = names.find(id);
    if (name == names.end()) continue;
    actor.first = name->second;
    if (auto b = bindings.find(id); b != bindings.end() && !b->second.empty())
      actor.second = b->second.front().scope_name;
  }
  return out;
}

// The units of these whistles by id, in one lookup.
std::map<std::int64_t, orgs::Unit> units_of(store::Conn& c, const store::ResultSet& whistles, std::size_t unit_col) {
  std::vector<std::int64_t> ids;
  for (const auto& w : whistles) ids.push_back(w.integer(unit_col));
  return orgs::units_by_ids(c, distinct(std::move(ids)));
}

// The level holding the appeal and the name of its area (the appeal's own area or an ancestor).
bj::object holder_of(const store::Row& row) {
  // County depth 1 … grid depth 4.
  const auto level = std::clamp<std::int64_t>(int_of(row, "level"), kGridLevel, kCountyLevel);
  const auto up = int_of(row, "area_depth") - (kCountyLevel + 1 - level);
  constexpr std::array<const char*, 4> kUp = {"area_name", "parent_area_name", "grandparent_area_name",
                                              "great_grandparent_area_name"};
  const auto* name_col =
      up >= 0 && up < static_cast<std::int64_t>(kUp.size()) ? kUp[static_cast<std::size_t>(up)] : nullptr;
  return bj::object{{"level", level},
                    {"level_label", kLevelNames[static_cast<std::size_t>(level)]},
                    {"name", name_col ? opt_json(row, name_col) : bj::value(nullptr)},
                    {"departments", bj::array{}}};
}

bj::array whistles_of(store::Conn& c, std::int64_t id, std::int64_t now) {
  bj::array whistles;
  const auto rows = c.query(sql::kWhistles, {id});
  const auto units = units_of(c, rows, 0);
  for (const auto& w : rows) {
    const auto unit = units.find(w.integer(0));
    if (unit == units.end()) continue;  // a whistled unit stays (a foreign key)
    whistles.push_back(bj::object{{"unit_id", w.integer(0)},
                                  {"unit_name", unit->second.name},
                                  {"whistled_at", w.integer(1)},
                                  {"due_at", w.integer(2)},
                                  {"checked_in_at", w.is_null(3) ? bj::value(nullptr) : bj::value(w.integer(3))},
                                  {"late", w.integer(4) != 0 || (w.is_null(3) && now > w.integer(2))}});
  }
  return whistles;
}

// What `who` may do next on the appeal: the state machine's moves and the whistle's.
bj::array actions_of(store::Conn& c, const core::Principal& who, const store::Row& row, Status status) {
  const auto id = int_of(row, "id");
  const bool open = is_open(status);
  bj::array actions;
  const int lvl = caller_level(who, text_of(row, "area_path"));
  for (auto a : available_actions(status, level_of(row), lvl)) actions.emplace_back(action_name(a));
  const auto mine = whistled_units(c, who, id);
  if (open && lvl >= kStreetLevel) actions.emplace_back("whistle");
  if (open && !mine.empty() && c.one(sql::kNotCheckedIn, {id, mine[0]})) actions.emplace_back("checkin");
  if (open && (lvl > 0 || !mine.empty())) actions.emplace_back("note");
  if (open && lvl >= kStreetLevel) actions.emplace_back("supervise");
  return actions;
}

// The detail view's additions: photos, timeline, whistles, duplicates and the next moves.
void add_detail(store::Conn& c, const store::Row& row, const core::Principal& who, Status status, std::int64_t now,
                bj::object& o) {
  const auto id = int_of(row, "id");
  o["photos"] = photos_of(c, id);
  o["timeline"] = timeline(c, id, true);
  for (const auto* m : installed_modules()) {
    if (m->appeal_detail) o[m->name] = m->appeal_detail(c, id);
  }
  auto whistles = whistles_of(c, id, now);
  bj::array departments;
  for (const auto& w : whistles) departments.push_back(w.as_object().at("unit_name"));
  o["holder"].as_object()["departments"] = std::move(departments);
  o["whistles"] = std::move(whistles);
  o["duplicates"] = is_open(status) ? duplicates_of(c, who, row) : bj::array{};
  o["actions"] = actions_of(c, who, row, status);
}

// The staff view of an appeal row read with kSelectAppeal.
bj::object view_of(App& app, store::Conn& c, const store::Row& row, const core::Principal& who, bool detail) {
  const auto now = app.now();
  const auto status = status_of(row, Status::submitted);
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
  o["holder"] = holder_of(row);
  if (detail) add_detail(c, row, who, status, now, o);
  return o;
}

}  // namespace

bj::array photos_of(store::Conn& c, std::int64_t id) {
  bj::array out;
  for (const auto& p : c.query(sql::kPhotos, {id})) out.emplace_back(photo_url(p.text(0)));
  return out;
}

bj::array timeline(store::Conn& c, std::int64_t id, bool with_actor) {
  std::map<std::int64_t, bj::array> photos;
  for (const auto& p : c.query(sql::kEventPhotos, {id})) photos[p.integer(0)].emplace_back(photo_url(p.text(1)));
  bj::array out;
  const auto events = c.query(sql::kEvents, {id});
  std::vector<std::int64_t> accounts;
  if (with_actor) {
    for (const auto& r : events) {
      if (!r.is_null(8)) accounts.push_back(r.integer(8));
    }
  }
  const auto people = actors_of(c, distinct(std::move(accounts)));  // account → name, where they work
  for (const auto& r : events) {
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
        const auto& actor = people.at(r.integer(8));
        e["actor_name"] = actor.first;
        e["actor_unit"] = actor.second;
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

// The community or village an appeal sits in: a grid's parent, the area itself, or none at the county desk.
bj::value community_name(const store::Row& r) {
  const auto kind = text_of(r, "area_kind");
  if (kind == "grid") return bj::value(text_of(r, "parent_area_name"));
  if (kind == "community" || kind == "village") return bj::value(text_of(r, "area_name"));
  return nullptr;
}

bj::object staff_view(App& app, store::Conn& c, std::int64_t id, const core::Principal& who, bool detail) {
  auto r = load_id(c, id);
  if (!r) not_found();
  return view_of(app, c, *r, who, detail);
}

bj::object detail_of(App& app, std::int64_t id, const core::Principal& who) {
  return app.db.read([&](store::Conn& c) { return staff_view(app, c, id, who, true); });
}

std::optional<bj::object> visible_detail(App& app, std::int64_t id, const core::Principal& who) {
  auto scope = core::scope_clause(who, core::Register::appeals, core::Action::read, scope_columns());
  store::Params params{id};
  params.insert(params.end(), scope.params.begin(), scope.params.end());
  return app.db.read([&](store::Conn& c) -> std::optional<bj::object> {
    if (!c.one(sql::kVisibleId + scope.sql, params)) return std::nullopt;
    return staff_view(app, c, id, who, true);
  });
}

bj::array staff_views(App& app, store::Conn& c, const std::vector<std::int64_t>& ids, const core::Principal& who) {
  bj::array out;
  if (ids.empty()) return out;
  const auto in = store::placeholders(ids.size());
  store::Params params(ids.begin(), ids.end());
  std::unordered_map<std::int64_t, store::Row> rows;
  for (auto& r : load_all(c, "t.id IN (" + in + ")", params)) {
    const auto id = int_of(r, "id");
    rows.emplace(id, std::move(r));
  }
  // Whistled departments for the whole page: its whistles, then their units, one statement each.
  std::unordered_map<std::int64_t, bj::array> departments;
  const auto whistles = c.query(sql::kWhistledDepartments + in + ") ORDER BY id", params);
  const auto units = units_of(c, whistles, 1);
  for (const auto& w : whistles) {
    if (auto unit = units.find(w.integer(1)); unit != units.end())
      departments[w.integer(0)].emplace_back(unit->second.name);
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
    auto status = status_of(*r, Status::submitted);
    auto events = timeline(c, int_of(*r, "id"), false);
    // A merged duplicate's reporter follows the appeal it was merged into.
    bj::value merged = nullptr;
    if (status == Status::merged && has(*r, "merged_into")) {
      if (auto s = load_id(c, int_of(*r, "merged_into"))) {
        status = status_of(*s, Status::submitted);
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
                      {"grid_name", opt_json(*r, "grid_name")},
                      {"community_name", community_name(*r)},
                      {"can_rate", status == Status::resolved && merged.is_null()},
                      {"satisfaction", opt_json(*r, "satisfaction")},
                      {"merged_into", merged},
                      {"photos", photos_of(c, int_of(*r, "id"))},
                      {"timeline", std::move(events)}};
  });
}

}  // namespace jiceng::appeals
