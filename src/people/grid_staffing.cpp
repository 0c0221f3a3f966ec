// "1+1+1+N" (seed 002): each grid has a town party cadre as its contact (包联), a party organisation
// of its own whose secretary is the grid chief (网格长), one full-time grid worker (专职网格员) and
// assistants (协管员). The grid's detail shows the four; the county lists the grids short of them.
#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/router.hpp"

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

// The people register's read scope over the grid: staffing names people, so it follows who may see them.
auth::Clause grid_scope(const auth::Principal& who, auth::Action a) {
  auth::ScopeColumns cols;
  cols.area_path = "g.path";
  return auth::scope_clause(who, auth::Register::people, a, cols);
}

struct Grid final {
  std::int64_t id = 0;
  std::string path, name;
  std::optional<std::int64_t> contact_id;
};

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
  const store::Params range{grids.front().path, auth::path_end(grids.back().path)};
  for (const auto& p :
       c.query("SELECT area_path, id, name, title, grid_role FROM person WHERE area_path >= ? AND "
               "area_path < ? AND kind = 'grid_staff' AND grid_role IN ('chief', 'full_time', 'assistant') "
               "ORDER BY id",
               range)) {
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
  for (const auto& o : c.query("SELECT area_path, id, name, secretary FROM party_org WHERE area_path >= ? AND "
                               "area_path < ? ORDER BY depth, id",
                               range)) {
    const auto at = by_path.find(o.text(0));
    if (at == by_path.end() || !out[at->second].org.is_null()) continue;
    out[at->second].org = bj::object{{"id", o.integer(1)}, {"name", o.text(2)}};
    out[at->second].secretary = o.is_null(3) ? "" : o.text(3);
  }
  constexpr std::size_t kIdsPerStatement = 500;
  std::vector<std::pair<std::int64_t, std::int64_t>> contacts;  // person, grid
  for (const auto& g : grids) {
    if (g.contact_id) contacts.emplace_back(*g.contact_id, g.id);
  }
  for (std::size_t i = 0; i < contacts.size(); i += kIdsPerStatement) {
    store::Params ids;
    std::multimap<std::int64_t, std::int64_t> grid_of;
    for (std::size_t k = i; k < std::min(contacts.size(), i + kIdsPerStatement); ++k) {
      ids.emplace_back(contacts[k].first);
      grid_of.emplace(contacts[k].first, contacts[k].second);
    }
    for (const auto& p :
         c.query("SELECT id, name, title FROM person WHERE id IN (" + store::placeholders(ids.size()) + ")", ids)) {
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

std::vector<Grid> grids_where(store::Conn& c, const std::string& where, const store::Params& params) {
  std::vector<Grid> out;
  for (const auto& g :
       c.query("SELECT g.id, g.path, g.name, g.contact_person_id FROM area g WHERE g.kind = 'grid' AND " + where +
                   " ORDER BY g.path",
               params)) {
    out.push_back({g.integer(0), g.text(1), g.text(2), g.is_null(3) ? std::nullopt : std::optional(g.integer(3))});
  }
  return out;
}

http::Response grid_detail(Ctx& ctx) {
  if (!ctx.who().can(auth::Register::people, auth::Action::read)) forbidden();
  const auto id = ctx.id();
  auto scope = grid_scope(ctx.who(), auth::Action::read);
  auto out = ctx.app.db.read([&](store::Conn& c) -> std::optional<bj::object> {
    store::Params params{id};
    params.insert(params.end(), scope.params.begin(), scope.params.end());
    const auto grids = grids_where(c, "g.id = ? AND " + scope.sql, params);
    if (grids.empty()) return std::nullopt;
    auto posts = load_posts(c, grids);
    return staffing(grids.front(), std::move(posts[grids.front().id]));
  });
  if (!out) not_found();
  return json::respond(*out);
}

// Grids under `area_id` (default: all the caller sees), in path order, optionally only the incomplete.
http::Response grid_list(Ctx& ctx) {
  if (!ctx.who().can(auth::Register::people, auth::Action::read)) forbidden();
  std::int64_t limit = http::int_param(ctx.req, "limit", 1, kMaxPage).value_or(kDefaultPage);
  const auto after = ctx.req.param("after").value_or("");
  const auto only = ctx.req.param("incomplete").value_or("");
  if (!only.empty() && only != "0" && only != "1") bad_request("incomplete", "incomplete 应为 0 或 1");
  const bool incomplete = only == "1";
  auto scope = grid_scope(ctx.who(), auth::Action::read);
  bj::array items;
  std::optional<std::string> next;
  std::int64_t grids = 0, short_of = 0;
  ctx.app.db.read([&](store::Conn& c) {
    std::string where = scope.sql;
    store::Params params = scope.params;
    if (auto area = http::int_param(ctx.req, "area_id", 1, INT64_MAX / 2)) {
      auto root = c.one("SELECT path FROM area WHERE id = ?", {*area});
      if (!root) bad_request("area_id", "区域不存在");
      where += " AND g.path >= ? AND g.path < ?";
      params.emplace_back(root->text(0));
      params.emplace_back(auth::path_end(root->text(0)));
    }
    // A county has tens to a few thousand grids: all are judged (the counts are of all of them),
    // and the page is cut after.
    const auto all = grids_where(c, where, params);
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
  if (!ctx.who().can(auth::Register::people, auth::Action::write)) forbidden();
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto person = json::opt_int(body, "person_id");
  auto scope = grid_scope(ctx.who(), auth::Action::write);
  ctx.app.db.write([&](store::Conn& c) {
    store::Params params{id};
    params.insert(params.end(), scope.params.begin(), scope.params.end());
    auto g = c.one(
        "SELECT g.id, g.path, g.contact_person_id FROM area g WHERE g.id = ? AND g.kind = 'grid' AND " + scope.sql,
        params);
    if (!g) not_found();
    const auto nodes = auth::path_and_ancestors(g->text(1));
    constexpr std::size_t kStreetDepth = 2;  // county / street
    // The town assigns its cadres to grids: a street or the county, not the grid or community itself.
    const bool above = std::any_of(ctx.who().bindings.begin(), ctx.who().bindings.end(), [&](const auth::Binding& b) {
      return b.scope_type == auth::ScopeType::area &&
             auth::allowed(b.role, auth::Register::people, auth::Action::write) &&
             auth::path_and_ancestors(b.path).size() <= kStreetDepth && auth::path_within(g->text(1), b.path);
    });
    if (!above) forbidden("包联干部由镇（街道）或县里指定");
    if (person) {
      // A cadre of the grid's own street or town, or of the county above it.
      auto p = c.one("SELECT id, area_path FROM person WHERE id = ? AND kind = 'cadre'", {*person});
      if (!p) bad_request("person_id", "包联干部应为人员库中“干部”类的人员");
      const auto street = nodes.size() > kStreetDepth ? nodes[kStreetDepth - 1] : nodes.front();
      const auto at = p->text(1);
      if (!(auth::path_within(at, street) || at == nodes.front())) {
        bad_request("person_id", "包联干部应为本镇（街道）或县里的干部");
      }
    }
    c.execute("UPDATE area SET contact_person_id = ?, updated_at = ? WHERE id = ?",
              {store::opt(person), ctx.app.now(), id});
    audit::record(c, {ctx.app.now(), ctx.who().username, ctx.who().account_id, ctx.req.client_ip, "grid_contact",
                      "area", std::to_string(id), g->is_null(2) ? "" : std::to_string(g->integer(2)),
                      person ? std::to_string(*person) : ""});
  });
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
