#include "testing/test_county.hpp"

#include <algorithm>

#include "app/modules.hpp"
#include "core/errors.hpp"
#include "store/migrations.hpp"

namespace jiceng::test {
namespace {

constexpr char kGridShape[] =
    R"({"type":"Polygon","coordinates":[[[116.0,39.0],[116.01,39.0],[116.01,39.01],[116.0,39.01],[116.0,39.0]]]})";
constexpr char kNoWebRoot[] = "/nonexistent-web-root";
constexpr std::size_t kSerialDigits = 4;  // the last digits of a member's ID number

void area_with_id(store::Conn& c, std::int64_t id, std::optional<std::int64_t> parent, const std::string& name,
                  const char* kind, const char* geometry = nullptr) {
  const std::string parent_path = parent ? c.one("SELECT path FROM area WHERE id = ?", {*parent})->text(0) : "/";
  const auto depth = static_cast<std::int64_t>(std::count(parent_path.begin(), parent_path.end(), '/'));
  c.execute(
      "INSERT INTO area (id, parent_id, name, kind, path, depth, geometry, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0)",
      {id, store::opt(parent), name, std::string(kind), parent_path + std::to_string(id) + "/", depth,
       geometry ? store::Value(std::string(geometry)) : store::null()});
}

void org(store::Conn& c, std::int64_t id, std::optional<std::int64_t> parent, const std::string& name,
         std::int64_t area_id) {
  const std::string parent_path = parent ? c.one("SELECT path FROM party_org WHERE id = ?", {*parent})->text(0) : "/";
  const auto area_path = c.one("SELECT path FROM area WHERE id = ?", {area_id})->text(0);
  c.execute(
      "INSERT INTO party_org (id, parent_id, name, level, kind, area_id, area_path, path, depth, created_at, "
      "updated_at) VALUES (?, ?, ?, 'branch', 'branch', ?, ?, ?, 1, 0, 0)",
      {id, store::opt(parent), name, area_id, area_path, parent_path + std::to_string(id) + "/"});
}

}  // namespace

County::Refusal County::refusal(const std::function<void()>& f) {
  try {
    f();
  } catch (const ApiError& e) {
    return {e.status(), e.field(), e.message(), e.code()};
  }
  return {};
}

void County::SetUp() {
  db_ = store::open("sqlite:" + dir_.path() + "/county.db", 2);
  store::migrate(*db_);
  app_ = std::make_unique<App>(App{*db_, cipher_, [this] { return now_; }});
  // The modules' hooks, as the app installs them when it builds its router: orgs reads people and
  // moves their paths through them.
  install_modules(app::modules());
  app_->media_dir = dir_.path() + "/media";
  db_->write([&](store::Conn& c) {
    area_with_id(c, kCounty, std::nullopt, "示范县", "county");
    area_with_id(c, kStreet, kCounty, "城关街道", "street");
    area_with_id(c, kCommunity, kStreet, "幸福社区", "community");
    area_with_id(c, kOtherCommunity, kStreet, "和平社区", "community");
    area_with_id(c, kGrid, kCommunity, "幸福一网格", "grid", kGridShape);
    org(c, kCountyOrg, std::nullopt, "县委", kCounty);
    org(c, kUnitBranch, kCountyOrg, "县供电公司党支部", kCounty);
    org(c, kCommunityBranch, kCountyOrg, "幸福社区党支部", kCommunity);
  });
}

void County::TearDown() {
  router_.reset();
  app_.reset();
  db_.reset();
}

std::int64_t County::area(std::int64_t parent, const std::string& name, const std::string& kind) {
  return db_->write([&](store::Conn& c) {
    const auto above = c.one("SELECT path, depth FROM area WHERE id = ?", {parent});
    const auto id = c.one(
                         "INSERT INTO area (parent_id, name, kind, path, depth, created_at, updated_at) "
                         "VALUES (?, ?, ?, '', ?, ?, ?) RETURNING id",
                         {parent, name, kind, above->integer(1) + 1, now_, now_})
                        ->integer(0);
    c.execute("UPDATE area SET path = ? WHERE id = ?", {above->text(0) + std::to_string(id) + "/", id});
    return id;
  });
}

std::int64_t County::unit(const std::string& name, std::optional<std::int64_t> party_org, const std::string& kind) {
  return insert(
      "INSERT INTO unit (name, kind, area_id, area_path, party_status, party_org_id, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {name, kind, kCounty, path(kCounty), std::string(party_org ? "established" : "none"), store::opt(party_org), now_,
       now_});
}

std::int64_t County::member(const std::string& name, std::int64_t org_id, const std::string& category) {
  const auto n = std::to_string(++members_);
  const auto id_number = "11010119900101" + std::string(kSerialDigits - std::min(n.size(), kSerialDigits), '0') + n;
  const auto org_area = text("SELECT area_path FROM party_org WHERE id = ?", {org_id});
  return insert(
      "INSERT INTO member (name, gender, id_number_enc, id_number_idx, id_number_mask, org_id, org_path, area_path, "
      "category, status, created_at, updated_at) VALUES (?, 'female', ?, ?, '110101********0000', ?, ?, ?, ?, "
      "'full', ?, ?) RETURNING id",
      {name, cipher_.encrypt(id_number), cipher_.blind_index(id_number), org_id, org_path(org_id), org_area, category,
       now_, now_});
}

std::int64_t County::person(const std::string& name, const std::string& kind, std::int64_t area_id) {
  return insert(
      "INSERT INTO person (name, kind, area_id, area_path, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
      "RETURNING id",
      {name, kind, area_id, path(area_id), now_, now_});
}

std::int64_t County::household(const std::string& head, std::int64_t area_id, bool representative) {
  return insert(
      "INSERT INTO household (address, head_name, area_id, area_path, representative, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {head + "家", head, area_id, path(area_id), std::int64_t{representative ? 1 : 0}, now_, now_});
}

std::int64_t County::account(const std::string& username, std::optional<std::int64_t> household) {
  return insert(
      "INSERT INTO account (username, display_name, password_hash, created_at, password_changed_at, household_id) "
      "VALUES (?, ?, 'x', ?, ?, ?) RETURNING id",
      {username, username, now_, now_, store::opt(household)});
}

core::Principal County::bound(core::Role role, core::ScopeType type, std::int64_t id, const std::string& name,
                              std::optional<std::int64_t> household) {
  core::Principal p;
  p.account_id = account(name + "-" + std::to_string(++serial_), household);
  p.username = p.display_name = name;
  const bool on_tree = type == core::ScopeType::area || type == core::ScopeType::org;
  p.bindings.push_back({role, type, id, on_tree ? (type == core::ScopeType::area ? path(id) : org_path(id)) : "", ""});
  db_->write([&](store::Conn& c) {
    c.execute("UPDATE account SET display_name = ? WHERE id = ?", {name, p.account_id});
    c.execute("INSERT INTO role_binding (account_id, role, scope_type, scope_id) VALUES (?, ?, ?, ?)",
              {p.account_id, std::string(core::role_name(role)), std::string(core::scope_type_name(type)), id});
  });
  return p;
}

core::Principal County::branch_secretary(std::int64_t org_id, const std::string& name) {
  core::Principal p;
  p.account_id = account("branch-" + std::to_string(org_id) + "-" + std::to_string(++serial_));
  p.username = p.display_name = name;
  p.bindings.push_back({core::Role::branch_secretary, core::ScopeType::org, org_id, org_path(org_id), ""});
  return p;
}

core::Principal County::staff(core::Role role, std::int64_t area_id, const std::string& name) {
  return bound(role, core::ScopeType::area, area_id, name);
}
core::Principal County::unit_admin(std::int64_t unit_id, const std::string& name) {
  return bound(core::Role::unit_admin, core::ScopeType::unit, unit_id, name);
}
core::Principal County::department(std::int64_t unit_id, const std::string& name) {
  return bound(core::Role::department, core::ScopeType::unit, unit_id, name);
}
core::Principal County::member_account(std::int64_t member_id, const std::string& name) {
  return bound(core::Role::member, core::ScopeType::member, member_id, name);
}
core::Principal County::resident(std::int64_t household_id, std::int64_t community, const std::string& name) {
  return bound(core::Role::resident, core::ScopeType::area, community, name, household_id);
}

http::Response County::call(const std::string& method, const std::string& target, const std::string& body,
                            const core::Principal* who, const std::string& content_type) {
  if (!router_) {
    router_ = std::make_unique<Router>();
    app::build_router(*router_, kNoWebRoot);
    router_->set_authenticator([this](const http::Request&, App&) -> std::optional<core::Principal> {
      if (!caller_) return std::nullopt;
      return *caller_;
    });
  }
  http::Request req;
  req.method = method;
  req.set_target(target);
  req.headers["content-type"] = content_type;
  req.body = body;
  req.client_ip = "127.0.0.1";
  caller_ = who;
  auto response = router_->dispatch(req, *app_);
  caller_ = nullptr;
  return response;
}

std::int64_t County::scalar(const std::string& sql, const store::Params& params) {
  return db_->read([&](store::Conn& c) { return c.scalar(sql, params); });
}
std::string County::text(const std::string& sql, const store::Params& params) {
  return db_->read([&](store::Conn& c) { return c.one(sql, params)->text(0); });
}
double County::real(const std::string& sql, const store::Params& params) {
  return db_->read([&](store::Conn& c) { return c.one(sql, params)->real(0); });
}
std::int64_t County::insert(const std::string& sql, const store::Params& params) {
  return db_->write([&](store::Conn& c) { return c.one(sql, params)->integer(0); });
}
std::string County::path(std::int64_t area_id) { return text("SELECT path FROM area WHERE id = ?", {area_id}); }
std::string County::org_path(std::int64_t org_id) { return text("SELECT path FROM party_org WHERE id = ?", {org_id}); }

}  // namespace jiceng::test
