// "1+1+1+N" (seed 002): each grid has a town party cadre as its contact (包联), a party organisation
// of its own whose secretary is the grid chief (网格长), one full-time grid worker (专职网格员) and
// assistants (协管员). The grid's detail shows the four; the county lists the grids short of them.
#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <map>

#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/router.hpp"
#include "orgs/lookups.hpp"
#include "orgs/service.hpp"
#include "people/queries.hpp"
#include "people/service.hpp"

namespace jiceng::people {
namespace {

namespace bj = boost::json;

constexpr std::int64_t kDefaultPage = 50;
constexpr std::int64_t kMaxPage = 200;

// The posts of the model, in the order the seeds name them, with what an office calls a gap.
constexpr std::array<std::pair<const char*, const char*>, 4> kPosts = {{
    {"contact", "包联镇（街道）党员干部"},
    {"party_org", "网格党组织（书记由网格长担任）"},
    {"full_time", "专职网格员"},
    {"assistant", "网格协管员"},
}};

using orgs::Grid;

// The grids under the people register's read scope: staffing names people, so it follows who may see them.
std::vector<Grid> grids_read(store::Conn& c, const core::Principal& who, std::optional<std::int64_t> id,
                             const std::optional<std::string>& within) {
  return orgs::grids_in_scope(c, who, core::Register::people, core::Action::read, id, within);
}

bj::value person_json(const store::Row& r, std::size_t at) {
  if (r.is_null(at)) return nullptr;
  return bj::object{
      {"id", r.integer(at)}, {"name", r.text(at + 1)}, {"title", r.is_null(at + 2) ? "" : r.text(at + 2)}};
}

// Who holds each post in each grid.
struct Posts final {
  bj::value contact = nullptr, chief = nullptr, full_time = nullptr, org = nullptr;
  std::string secretary;
  bj::array assistants;
};

// The posts of `grids` (sorted by path) in four statements whatever their number: the people and
// party organisations in the path range the grids span, and the named contacts.
std::map<std::int64_t, Posts> load_posts(store::Conn& c, const std::vector<Grid>& grids) {
  std::map<std::int64_t, Posts> out;
  if (grids.empty()) return out;
  std::map<std::string, std::int64_t> by_path;
  for (const auto& g : grids) {
    out[g.id];
    by_path[g.path] = g.id;
  }
  const store::Params range{grids.front().path, core::path_end(grids.back().path)};
  for (const auto& p : c.query(sql::kGridStaffWithin, range)) {
    const auto at = by_path.find(p.text(0));
    if (at == by_path.end()) continue;
    auto& posts = out[at->second];
    const auto role = p.text(4);
    if (role == "chief" && posts.chief.is_null())
      posts.chief = person_json(p, 1);
    else if (role == "full_time" && posts.full_time.is_null())
      posts.full_time = person_json(p, 1);
    else if (role == "assistant")
      posts.assistants.push_back(person_json(p, 1));
  }
  for (const auto& o : orgs::orgs_in_areas(c, grids.front().path, core::path_end(grids.back().path))) {
    const auto at = by_path.find(o.area_path);
    if (at == by_path.end() || !out[at->second].org.is_null()) continue;
    out[at->second].org = bj::object{{"id", o.id}, {"name", o.name}};
    out[at->second].secretary = o.secretary;
  }
  constexpr std::size_t kIdsPerStatement = 500;
  std::vector<std::pair<std::int64_t, std::int64_t>> contacts;  // person, grid
  for (const auto& g : grids) {
    if (g.contact_person_id) contacts.emplace_back(*g.contact_person_id, g.id);
  }
  for (std::size_t i = 0; i < contacts.size(); i += kIdsPerStatement) {
    store::Params ids;
    std::multimap<std::int64_t, std::int64_t> grid_of;
    for (std::size_t k = i; k < std::min(contacts.size(), i + kIdsPerStatement); ++k) {
      ids.emplace_back(contacts[k].first);
      grid_of.emplace(contacts[k].first, contacts[k].second);
    }
    for (const auto& p : c.query(sql::kPeopleByIds + store::placeholders(ids.size()) + ")", ids)) {
      const auto [lo, hi] = grid_of.equal_range(p.integer(0));
      for (auto it = lo; it != hi; ++it) out[it->second].contact = person_json(p, 0);
    }
  }
  return out;
}

// One grid's staffing: who holds each post, and what is missing.
bj::object staffing(const Grid& g, Posts posts) {
  bj::object o{{"grid_id", g.id}, {"grid_name", g.name}, {"path", g.path}};
  const bool secretary_is_chief = posts.chief.is_object() && !posts.secretary.empty() &&
                                  posts.chief.as_object().at("name").as_string() == posts.secretary;
  if (posts.org.is_object()) {
    posts.org.as_object()["secretary"] = posts.secretary;
    posts.org.as_object()["secretary_is_chief"] = secretary_is_chief;
  }
  bj::array missing;
  if (posts.contact.is_null()) missing.emplace_back(kPosts[0].second);
  if (posts.org.is_null() || posts.chief.is_null()) missing.emplace_back(kPosts[1].second);
  if (posts.full_time.is_null()) missing.emplace_back(kPosts[2].second);
  if (posts.assistants.empty()) missing.emplace_back(kPosts[3].second);
  o["notes"] = posts.org.is_object() && posts.chief.is_object() && !secretary_is_chief
                   ? bj::array{"网格党组织书记与网格长不是同一人（“1+1+1+N”要求由网格长担任网格党组织书记）"}
                   : bj::array{};
  o["contact"] = std::move(posts.contact);
  o["party_org"] = std::move(posts.org);
  o["chief"] = std::move(posts.chief);
  o["full_time"] = std::move(posts.full_time);
  o["assistants_count"] = static_cast<std::int64_t>(posts.assistants.size());
  o["assistants"] = std::move(posts.assistants);
  o["complete"] = missing.empty();
  o["missing"] = std::move(missing);
  return o;
}

http::Response grid_detail(Ctx& ctx) {
  if (!ctx.who().can(core::Register::people, core::Action::read)) forbidden();
  const auto id = ctx.id();
  auto out = ctx.app.db.read([&](store::Conn& c) -> std::optional<bj::object> {
    const auto grids = grids_read(c, ctx.who(), id, std::nullopt);
    if (grids.empty()) return std::nullopt;
    auto posts = load_posts(c, grids);
    return staffing(grids.front(), std::move(posts[grids.front().id]));
  });
  if (!out) not_found();
  return json::respond(*out);
}

// Grids under `area_id` (default: all the caller sees), in path order, optionally only the incomplete.
http::Response grid_list(Ctx& ctx) {
  if (!ctx.who().can(core::Register::people, core::Action::read)) forbidden();
  std::int64_t limit = http::int_param(ctx.req, "limit", 1, kMaxPage).value_or(kDefaultPage);
  const auto after = ctx.req.param("after").value_or("");
  const auto only = ctx.req.param("incomplete").value_or("");
  if (!only.empty() && only != "0" && only != "1") bad_request("incomplete", "incomplete 应为 0 或 1");
  const bool incomplete = only == "1";
  bj::array items;
  std::optional<std::string> next;
  std::int64_t grids = 0, short_of = 0;
  ctx.app.db.read([&](store::Conn& c) {
    std::optional<std::string> within;
    if (auto area = http::int_param(ctx.req, "area_id", 1, INT64_MAX / 2)) {
      auto root = orgs::area_by_id(c, *area);
      if (!root) bad_request("area_id", "区域不存在");
      within = root->path;
    }
    // A county has tens to a few thousand grids: all are judged (the counts are of all of them),
    // and the page is cut after.
    const auto all = grids_read(c, ctx.who(), std::nullopt, within);
    auto posts = load_posts(c, all);
    for (const auto& g : all) {
      auto s = staffing(g, std::move(posts[g.id]));
      ++grids;
      const bool complete = s["complete"].as_bool();
      if (!complete) ++short_of;
      if (incomplete && complete) continue;
      if (!after.empty() && g.path <= after) continue;
      if (static_cast<std::int64_t>(items.size()) == limit) {
        next = items.back().as_object().at("path").as_string().c_str();
        continue;
      }
      items.push_back(std::move(s));
    }
  });
  bj::object out{{"items", std::move(items)}, {"grids", grids}, {"incomplete", short_of}};
  out["next_cursor"] = next ? bj::value(*next) : bj::value(nullptr);
  return json::respond(out);
}

// The street or county names the town cadre who is the grid's contact (包联).
http::Response put_contact(Ctx& ctx) {
  if (!ctx.who().can(core::Register::people, core::Action::write)) forbidden();
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto person = json::opt_int(body, "person_id");
  set_grid_contact(ctx.app, ctx.who(), id, person, ctx.req.client_ip);
  return grid_detail(ctx);
}

}  // namespace

void register_grid_routes(Router& r) {
  r.add("GET", "/api/v1/grid-staffing", Access::authenticated, "people",
        "网格“1+1+1+N”配备情况（可只看配备不全的网格）", grid_list);
  r.add("GET", "/api/v1/grid-staffing/{id}", Access::authenticated, "people",
        "一个网格的包联干部、网格党组织、网格长、专职网格员和协管员", grid_detail);
  r.add("PUT", "/api/v1/grid-staffing/{id}/contact", Access::authenticated, "people", "设置网格的包联干部",
        put_contact);
}

}  // namespace jiceng::people
