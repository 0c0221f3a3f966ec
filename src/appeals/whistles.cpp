// 吹哨报到: a street or the county calls departments onto an appeal and each checks in; and the
// progress notes and 督办 anyone working it adds.
#include "appeals/queries.hpp"
#include "appeals/service.hpp"
#include "appeals/service_internal.hpp"
#include "core/errors.hpp"
#include "orgs/lookups.hpp"
#include "orgs/service.hpp"

namespace jiceng::appeals {
namespace {

constexpr std::size_t kMaxWhistled = 10;

// How long a whistled department has to check in, by urgency.
std::int64_t checkin_window(Urgency u) {
  switch (u) {
    case Urgency::emergency: return 30 * 60;
    case Urgency::utilities: return 2 * 3600;
    default: return 24 * 3600;
  }
}

// A line that leaves the status as it is, at the appeal's level.
Change standing_change(const core::Principal& who, const store::Row& r, std::int64_t now, const std::string& action,
                       const std::string& note) {
  auto ch = change_by(who, int_of(r, "id"), now);
  ch.action = action;
  ch.from = ch.to = text_of(r, "status");
  ch.level = level_of(r);
  ch.note = note;
  return ch;
}

}  // namespace

void whistle(App& app, const core::Principal& who, std::int64_t id, const std::vector<std::int64_t>& units,
             const std::string& note, const std::string& ip) {
  if (units.empty()) bad_request("unit_ids", "请选择要吹哨的职能部门", "required");
  if (units.size() > kMaxWhistled) bad_request("unit_ids", "一次最多吹哨 10 个部门");
  const auto now = app.now();
  app.db.write([&](store::Conn& c) {
    const auto r = visible(c, who, id);
    if (caller_level(who, text_of(r, "area_path")) < kStreetLevel) forbidden("由街道（镇）或县级吹哨");
    if (!is_open(status_of(r, Status::closed))) throw ApiError(409, "bad_state", "诉求已办结，不能再吹哨");
    const auto urgency = parse_urgency(text_of(r, "urgency")).value_or(Urgency::general);
    const auto found = orgs::units_by_ids(c, distinct(units));
    std::string names;
    for (const auto unit : units) {
      const auto u = found.find(unit);
      if (u == found.end() || (u->second.kind != "organ" && u->second.kind != "institution")) {
        bad_request("unit_ids", "只能向机关、事业单位等职能部门吹哨");
      }
      if (c.one(sql::kWhistled, {id, unit})) continue;
      c.execute(sql::kInsertWhistle, {id, unit, now, now + checkin_window(urgency)});
      names += (names.empty() ? "" : "、") + u->second.name;
    }
    if (names.empty()) return;
    auto ch = standing_change(who, r, now, "whistle", "吹哨：" + names + (note.empty() ? "" : "。" + note));
    ch.notice = "whistled";
    ch.notice_note = names;
    ch.audit = audit_by(who, now, ip, "whistle", id, "", names);
    apply_change(c, ch);
  });
}

void check_in(App& app, const core::Principal& who, std::int64_t id, const std::string& note, const std::string& ip) {
  const auto now = app.now();
  app.db.write([&](store::Conn& c) {
    const auto r = visible(c, who, id);
    const auto mine = whistled_units(c, who, id);
    if (mine.empty()) forbidden("只有被吹哨的部门才能报到");
    int changed = 0;
    for (const auto unit : mine) changed += static_cast<int>(c.execute(sql::kCheckIn, {now, now, id, unit}));
    if (changed == 0) throw ApiError(409, "bad_state", "已经报到过了");
    const auto unit_name = orgs::unit_by_id(c, mine[0]).value().name;
    auto ch = standing_change(who, r, now, "checkin", unit_name + "报到" + (note.empty() ? "" : "：" + note));
    ch.audit = audit_by(who, now, ip, "checkin", id, "", unit_name);
    apply_change(c, ch);
  });
}

void add_note(App& app, const core::Principal& who, std::int64_t id, bool supervise, const std::string& note,
              const std::string& ip) {
  if (note.empty()) bad_request("note", supervise ? "请填写督办意见" : "请填写进展情况", "required");
  const auto now = app.now();
  app.db.write([&](store::Conn& c) {
    const auto r = visible(c, who, id);
    const int lvl = caller_level(who, text_of(r, "area_path"));
    if (supervise ? lvl < kStreetLevel : (lvl == 0 && whistled_units(c, who, id).empty())) {
      forbidden(supervise ? "由街道（镇）或县级督办" : "您不能为此诉求填写进展");
    }
    if (!is_open(status_of(r, Status::closed))) throw ApiError(409, "bad_state", "诉求已办结");
    const std::string action = supervise ? "supervise" : "progress";
    auto ch = standing_change(who, r, now, action, note);
    ch.audit = audit_by(who, now, ip, action, id, "", note);
    apply_change(c, ch);
  });
}

}  // namespace jiceng::appeals
