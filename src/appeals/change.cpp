// What every transition shares: reading the appeal, its timeline lines and notifications, and
// apply_change, which records a transition the same way whichever it is.
#include <boost/json.hpp>

#include "appeals/figures.hpp"
#include "appeals/photos.hpp"
#include "appeals/queries.hpp"
#include "appeals/service.hpp"
#include "appeals/service_internal.hpp"
#include "core/errors.hpp"
#include "notify/outbox.hpp"
#include "orgs/service.hpp"

namespace jiceng::appeals {
namespace {

namespace bj = boost::json;

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
  auto a = orgs::area_by_path(c, path);
  if (!a) return nullptr;
  return bj::object{{"level", level}, {"area_id", a->id}, {"area_name", a->name}};
}

// A line that leaves the appeal where it stands (its status and level as they are); nullopt when
// there is no such appeal.
std::optional<std::int64_t> add_standing_event(store::Conn& c, std::int64_t appeal, std::int64_t at,
                                               const std::string& actor, std::optional<std::int64_t> actor_id,
                                               const std::string& action, const std::string& note) {
  auto row = c.one(sql::kStanding, {appeal});
  if (!row) return std::nullopt;
  return add_event(c, appeal, at, actor, actor_id, action, row->text(0), row->text(0),
                   static_cast<int>(row->integer(1)), note);
}

}  // namespace

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

Status status_of(const store::Row& r, Status otherwise) {
  return parse_status(text_of(r, "status")).value_or(otherwise);
}

int level_of(const store::Row& r) { return static_cast<int>(int_of(r, "level")); }

std::optional<store::Row> load(store::Conn& c, const std::string& where, const store::Params& params) {
  auto rows = load_all(c, where, params);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

std::optional<store::Row> load_id(store::Conn& c, std::int64_t id) { return load(c, "t.id = ?", {id}); }

std::vector<store::Row> load_all(store::Conn& c, const std::string& where, const store::Params& params) {
  return with_names(c, c.query(std::string(sql::kSelectAppeal) + "WHERE " + where, params).rows);
}

store::Row visible(store::Conn& c, const core::Principal& who, std::int64_t id) {
  auto scope = core::scope_clause(who, core::Register::appeals, core::Action::read, scope_columns());
  store::Params params{id};
  params.insert(params.end(), scope.params.begin(), scope.params.end());
  auto r = load(c, "t.id = ? AND " + scope.sql, params);
  if (!r) not_found();
  return *r;
}

std::vector<std::int64_t> whistled_units(store::Conn& c, const core::Principal& who, std::int64_t id) {
  std::vector<std::int64_t> out;
  for (const auto& b : who.bindings) {
    if (b.role != core::Role::department || b.scope_type != core::ScopeType::unit) continue;
    if (c.one(sql::kWhistled, {id, b.scope_id})) out.push_back(b.scope_id);
  }
  return out;
}

std::int64_t add_event(store::Conn& c, std::int64_t appeal, std::int64_t at, const std::string& actor,
                       std::optional<std::int64_t> actor_id, const std::string& action, const std::string& from,
                       const std::string& to, int level, const std::string& note) {
  return c
      .one(sql::kInsertEvent,
           {appeal, at, actor, store::opt(actor_id), action, from.empty() ? store::null() : store::Value(from),
            to.empty() ? store::null() : store::Value(to), static_cast<std::int64_t>(level),
            note.empty() ? store::null() : store::Value(note)})
      ->integer(0);
}

void notify_event(store::Conn& c, std::int64_t id, const std::string& event, const std::string& note, std::int64_t now,
                  int from_level, const store::Row* row) {
  auto r = row ? std::optional<store::Row>(*row) : load_id(c, id);
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
  if (from_level > 0) {
    payload["from"] = side(c, text_of(*r, "area_path"), from_level);
    payload["to"] = side(c, text_of(*r, "area_path"), level_of(*r));
  }
  notify::enqueue(c, event, id, text_of(*r, "area_path"), payload, now);
}

std::int64_t apply_change(store::Conn& c, const Change& ch) {
  if (!ch.update.empty()) c.execute(ch.update, ch.params);
  std::optional<store::Row> loaded;
  const store::Row* after = ch.after;
  if (ch.before || ch.created) {
    if (!after) {
      loaded = load_id(c, ch.id);
      after = &*loaded;
    }
    retally(c, ch.before ? contribution_of(*ch.before) : Contribution{}, contribution_of(*after));
  }
  const auto event = add_event(c, ch.id, ch.now, ch.actor, ch.actor_id, ch.action, ch.from, ch.to, ch.level, ch.note);
  attach_photos(c, ch.id, event, ch.photos);
  if (ch.notice) notify_event(c, ch.id, ch.notice, ch.notice_note, ch.now, ch.from_level, after);
  if (ch.audit) audit::record(c, *ch.audit);
  return event;
}

Change change_by(const core::Principal& who, std::int64_t id, std::int64_t now) {
  Change ch;
  ch.id = id;
  ch.now = now;
  ch.actor = who.username;
  ch.actor_id = who.account_id;
  return ch;
}

audit::Entry audit_by(const core::Principal& who, std::int64_t now, const std::string& ip, const std::string& action,
                      std::int64_t id, const std::string& before, const std::string& after) {
  return {now, who.username, who.account_id, ip, action, "appeal", std::to_string(id), before, after};
}

core::ScopeColumns scope_columns() {
  core::ScopeColumns cols;
  cols.area_path = "t.area_path";
  cols.unit_id = "t.id IN (SELECT w.appeal_id FROM appeal_whistle w WHERE w.unit_id = ?)";
  return cols;
}

int caller_level(const core::Principal& who, const std::string& area_path) {
  int best = 0;
  for (const auto& b : who.bindings) {
    if (!core::allowed(b.role, core::Register::appeals, core::Action::write)) continue;
    if (b.scope_type != core::ScopeType::area || !core::path_within(area_path, b.path)) continue;
    best = std::max(best, role_level(b.role));
  }
  return best;
}

void add_timeline_note(store::Conn& c, const core::Principal& who, std::int64_t appeal, std::int64_t at,
                       const std::string& note) {
  add_timeline_event(c, who, appeal, at, "to_need", note);
}

void add_timeline_event(store::Conn& c, const core::Principal& who, std::int64_t appeal, std::int64_t at,
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
