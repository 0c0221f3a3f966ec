// Around a meeting: guests from other organisations, leave asked from the phone and granted by the
// secretary, attachments kept by content hash, and the observers (巡学旁听) with their assessments.
#include <algorithm>
#include <boost/json.hpp>
#include <set>
#include <tuple>

#include "auth/service.hpp"
#include "core/errors.hpp"
#include "core/uploads.hpp"
#include "io/blob_store.hpp"
#include "org_life/internal.hpp"
#include "org_life/queries.hpp"
#include "org_life/service.hpp"
#include "orgs/lookups.hpp"
#include "orgs/service.hpp"
#include "people/lookups.hpp"
#include "people/service.hpp"

namespace jiceng::org_life {
namespace {

namespace bj = boost::json;

constexpr std::int64_t kMyMeetings = 100;
constexpr char kFilesFolder[] = "org-life";

bool upcoming(const detail::Meeting& m) { return m.status == "planned" || m.status == "announced"; }

}  // namespace

bj::object add_guest(App& app, const Actor& by, std::int64_t id, std::int64_t member_id) {
  return app.db.write([&](store::Conn& c) {
    const auto m = detail::writable(c, by.who, id);
    if (m.status == "cancelled") conflict("会议已取消");
    const auto who = people::member_brief(c, member_id);
    if (!who) bad_request("member_id", "党员不存在");
    if (c.one(sql::kRollEntry, {id, member_id})) conflict("该党员已在参会名单中", "member_id");
    const std::int64_t guest = who->org_id == m.org_id ? 0 : 1;
    c.execute(sql::kEnrol, {id, who->id, who->name, std::int64_t{who->full ? 1 : 0}, guest,
                            std::string(m.status == "held" ? "present" : "expected"), app.now()});
    detail::audit(c, app, by, "guest", id, std::to_string(member_id));
    return detail::render(c, by.who, id);
  });
}

bj::object request_leave(App& app, const Actor& by, std::int64_t id, const std::string& reason) {
  const auto member = cogov::acting_member(by.who, core::Register::org_life, core::Action::read);
  if (!member) forbidden("请使用党员账号请假");
  return app.db.write([&](store::Conn& c) {
    const auto m = detail::visible(c, by.who, id);
    if (m.status != "announced" || m.starts_at <= app.now()) conflict("只能对已发布、尚未开始的会议请假");
    const auto entry = c.one(sql::kRollEntry, {id, *member});
    if (!entry) conflict("您不在本次会议的参会名单中");
    if (entry->text(0) == "leave") conflict("您的请假已获批准");
    c.execute(sql::kRequestLeave, {reason, app.now(), id, *member});
    detail::audit(c, app, by, "leave_request", id, reason);
    return detail::render(c, by.who, id);
  });
}

bj::object decide_leave(App& app, const Actor& by, std::int64_t id, std::int64_t member_id, bool grant) {
  return app.db.write([&](store::Conn& c) {
    const auto m = detail::writable(c, by.who, id);
    if (!upcoming(m)) conflict("会议已召开或已取消");
    const auto entry = c.one(sql::kRollEntry, {id, member_id});
    if (!entry || entry->text(0) != "leave_requested") conflict("该党员没有待审批的请假", "member_id");
    c.execute(sql::kDecideLeave, {std::string(grant ? "leave" : "expected"), by.name(), app.now(), id, member_id});
    detail::audit(c, app, by, grant ? "leave_grant" : "leave_refuse", id, std::to_string(member_id));
    return detail::render(c, by.who, id);
  });
}

std::string save_file(App& app, std::string_view bytes, const std::string& mime) {
  return http::keep_document(app, kFilesFolder, sql::kInsertFile, bytes, mime);
}

std::optional<io::Blob> file_for(App& app, const core::Principal& who, const std::string& hash) {
  return http::read_document(app, kFilesFolder, hash, [&](store::Conn& c) -> std::optional<std::string> {
    // Only through a meeting the caller sees (or a file the caller may still attach: its writer).
    const auto row = c.one(sql::kAttachedTo, {hash});
    const auto known = c.one(sql::kFileMime, {hash});
    if (!known) return std::nullopt;
    if (row) {
      detail::visible(c, who, row->integer(0));
    } else if (!who.can(core::Register::org_life, core::Action::write)) {
      return std::nullopt;
    }
    return known->text(0);
  });
}

bj::object attach(App& app, const Actor& by, std::int64_t id, const std::string& hash, const std::string& name) {
  if (!io::is_blob_hash(hash)) bad_request("hash", "附件编号无效，请重新上传");
  return app.db.write([&](store::Conn& c) {
    detail::writable(c, by.who, id);
    if (!c.one(sql::kFileMime, {hash})) bad_request("hash", "附件不存在，请重新上传");
    if (c.scalar(sql::kAttachmentCount, {id}) >= kMaxAttachments) conflict("每次会议最多 20 个附件");
    c.execute(sql::kInsertAttachment, {id, hash, name, by.name(), app.now()});
    detail::audit(c, app, by, "attach", id, hash);
    return detail::render(c, by.who, id);
  });
}

bj::object assign_observer(App& app, const Actor& by, std::int64_t id, const std::string& username) {
  return app.db.write([&](store::Conn& c) {
    const auto m = detail::visible(c, by.who, id);
    if (!detail::supervises(by.who, m.area_path, false)) forbidden("巡学旁听人员由县委组织部或街道（镇）指派");
    if (!upcoming(m)) conflict("只能为尚未召开的会议指派旁听人员");
    const auto account = auth::account_id_of(c, username);
    if (!account) bad_request("username", "账号不存在");
    if (c.one(sql::kObserver, {id, *account})) conflict("该账号已是本次会议的旁听人员", "username");
    c.execute(sql::kInsertObserver, {id, *account, username, by.name(), app.now()});
    detail::audit(c, app, by, "observer", id, username);
    return detail::render(c, by.who, id);
  });
}

bj::object assess(App& app, const Actor& by, std::int64_t id, const std::string& text) {
  return app.db.write([&](store::Conn& c) {
    const auto m = detail::visible(c, by.who, id);
    const auto observer = c.one(sql::kObserver, {id, by.who.account_id});
    if (!observer) forbidden("只有指派的旁听人员可以填写评价");
    if (m.status == "cancelled" || m.starts_at > app.now()) conflict("会议开始后才能填写旁听评价");
    c.execute(sql::kAssess, {text, app.now(), observer->integer(0)});
    detail::audit(c, app, by, "assess", id, "");
    return detail::render(c, by.who, id);
  });
}

bj::array detail::meetings_of_member(store::Conn& c, std::int64_t member_id) {
  bj::array items;
  for (const auto& r : c.query(sql::kMine, {member_id, kMyMeetings})) {
    items.push_back(bj::object{{"id", r.integer(0)},
                               {"kind", r.text(1)},
                               {"kind_label", detail::kind_label(c, r.text(1)).value_or(r.text(1))},
                               {"topic", r.text(2)},
                               {"place", r.text(3)},
                               {"starts_at", r.integer(4)},
                               {"status", r.text(5)},
                               {"attendance", r.text(6)},
                               {"guest", r.integer(7) == 1},
                               {"leave_reason", r.is_null(8) ? bj::value(nullptr) : bj::value(r.text(8))}});
  }
  return items;
}

bj::object my_meetings(App& app, const core::Principal& who) {
  const auto member = cogov::acting_member(who, core::Register::org_life, core::Action::read);
  if (!member) forbidden("请使用党员账号查看我的会议");
  return app.db.read([&](store::Conn& c) {
    return bj::object{{"member_id", *member}, {"items", detail::meetings_of_member(c, *member)}};
  });
}

namespace {
constexpr std::int64_t kLookupRows = 20;

// The area subtrees `who` writes organisation life over: an area binding's own, an organisation
// binding's organisation's area (a branch finds the mobile members of its village or community).
std::set<std::string> writer_areas(store::Conn& c, const core::Principal& who) {
  std::set<std::string> out;
  for (const auto& b : who.bindings) {
    if (!core::allowed(b.role, core::Register::org_life, core::Action::write) || b.path.empty()) continue;
    if (b.scope_type == core::ScopeType::area) out.insert(b.path);
    if (b.scope_type != core::ScopeType::org) continue;
    if (const auto org = orgs::org_info(c, b.scope_id)) out.insert(org->area_path);
  }
  // A subtree inside another adds nothing.
  for (auto it = out.begin(); it != out.end();) {
    const auto& p = *it;
    const bool inner =
        std::any_of(out.begin(), out.end(), [&](const auto& q) { return q != p && core::path_within(p, q); });
    it = inner ? out.erase(it) : std::next(it);
  }
  return out;
}
}  // namespace

bj::object member_lookup(App& app, const core::Principal& who, std::int64_t meeting_id, const std::string& text) {
  return app.db.read([&](store::Conn& c) {
    const auto m = detail::writable(c, who, meeting_id);
    std::vector<std::pair<std::int64_t, people::MemberRef>> found;
    for (const auto& area : writer_areas(c, who)) {
      for (auto& f : people::members_named(c, text, area, kLookupRows)) found.push_back(std::move(f));
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
      return std::tie(a.second.name, a.first) < std::tie(b.second.name, b.first);
    });
    if (found.size() > static_cast<std::size_t>(kLookupRows)) found.resize(kLookupRows);
    std::vector<std::int64_t> org_ids, member_ids;
    for (const auto& [id, ref] : found) {
      org_ids.push_back(ref.org_id);
      member_ids.push_back(id);
    }
    const auto orgs = orgs::org_names(c, org_ids);
    std::set<std::int64_t> on_roll;
    for (const auto& r : c.query(sql::kRoll, {meeting_id})) on_roll.insert(r.integer(0));
    bj::array items;
    for (const auto& [id, ref] : found) {
      const auto org = orgs.find(ref.org_id);
      items.push_back(bj::object{{"member_id", id},
                                 {"name", ref.name},
                                 {"org_id", ref.org_id},
                                 {"org_name", org == orgs.end() ? "" : org->second},
                                 {"guest", ref.org_id != m.org_id},
                                 {"on_roll", on_roll.count(id) > 0}});
    }
    return bj::object{{"items", std::move(items)}};
  });
}

}  // namespace jiceng::org_life
