#include "harness.hpp"

#include <unistd.h>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>

#include "app/modules.hpp"
#include "auth/service.hpp"
#include "core/app.hpp"
#include "core/router.hpp"
#include "crypto/crypto.hpp"
#include "demo/demo.hpp"
#include "store/db.hpp"
#include "store/migrations.hpp"

namespace jiceng::fuzz {
namespace {

constexpr std::uint64_t kSeed = 20261123;
constexpr int kMembers = 300;
constexpr int kPoolSize = 4;
constexpr std::int64_t kFixedNow = 1795400000;  // a fixed clock keeps runs reproducible

struct World final {
  std::string dir;
  std::unique_ptr<store::Database> db;
  crypto::FieldCipher cipher{std::string(crypto::FieldCipher::kKeyBytes, 'k'), "fuzz-mac", "fuzz-index"};
  std::unique_ptr<App> app;
  Router router;
  std::map<std::string, core::Principal> principals;

  World() {
    char tmpl[] = "/tmp/jiceng-fuzz-XXXXXX";
    if (!mkdtemp(tmpl)) std::abort();
    dir = tmpl;
    db = store::open("sqlite:" + dir + "/fuzz.db", kPoolSize);
    store::migrate(*db);
    demo::load(*db, cipher, kSeed, kMembers, kFixedNow);
    app = std::make_unique<App>(App{*db, cipher, [] { return kFixedNow; }});
    app->media_dir = dir + "/media";
    app::build_router(router, "");
    db->read([&](store::Conn& c) {
      for (const char* name : kAccounts) {
        if (!*name) continue;
        const auto id = c.one("SELECT id FROM account WHERE username = ?", {std::string(name)})->integer(0);
        principals.emplace(name, *auth::load_principal(c, id, 0, kFixedNow));
      }
    });
    // Requests name who they run as; nothing in them can forge a session.
    router.set_authenticator([this](const http::Request& req, App&) -> std::optional<core::Principal> {
      const auto as = req.header("x-fuzz-as");
      if (!as) return std::nullopt;
      const auto it = principals.find(*as);
      if (it == principals.end()) return std::nullopt;
      return it->second;
    });
  }
  ~World() {
    db.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

World& world() {
  static World w;
  return w;
}

}  // namespace

void require_no_server_error(const http::Request& req, const http::Response& resp) {
  if (resp.status < 500) return;
  std::fprintf(stderr, "server error %d on %s %s: %s\n", resp.status, req.method.c_str(), req.target.c_str(),
               resp.body.substr(0, 300).c_str());
  std::abort();
}

http::Response dispatch(http::Request req, std::size_t as) {
  auto& w = world();
  const char* name = kAccounts[as % std::size(kAccounts)];
  if (*name) req.headers["x-fuzz-as"] = name;
  auto resp = w.router.dispatch(req, *w.app);
  static const bool verbose = std::getenv("JICENG_FUZZ_VERBOSE") != nullptr;
  if (verbose) {
    std::fprintf(stderr, "%d %s %s as %s\n", resp.status, req.method.c_str(), req.target.c_str(),
                 req.header("x-fuzz-as").value_or("-").c_str());
  }
  require_no_server_error(req, resp);
  return resp;
}

}  // namespace jiceng::fuzz
