// Signing in as the county's staff meet it: five wrong passwords lock an account for a quarter of
// an hour unless the security admin unlocks it, a disabled account is turned away and its sessions
// end, a login reaches what its binding covers and no more, and a second factor, once confirmed,
// is asked for and each code works once.
#include "auth/service.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <string>

#include "auth/password_policy.hpp"
#include "crypto/totp.hpp"
#include "orgs/service.hpp"
#include "testing/test_county.hpp"

namespace jiceng::auth {
namespace {

using core::Role;
using core::ScopeType;

constexpr char kUser[] = "xingfu";
constexpr char kPassword[] = "Shequ-2026!";

class AuthService : public test::County {
 protected:
  void SetUp() override {
    County::SetUp();
    forget_principals();
    id = db().write([&](store::Conn& c) {
      const auto account = create_account(c, kUser, "幸福社区书记", kPassword,
                                          {{Role::community_secretary, ScopeType::area, kCommunity}}, now());
      // The same password under argon2id's smallest limits: checked the same way, many times faster.
      set_password_by_admin(c, account, cheap_hash(kPassword), now());
      return account;
    });
  }

  static std::string cheap_hash(const std::string& password) {
    char out[crypto_pwhash_STRBYTES];
    EXPECT_EQ(crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_MIN,
                                    crypto_pwhash_MEMLIMIT_MIN, crypto_pwhash_ALG_ARGON2ID13),
              0);
    return out;
  }

  NewSession sign_in(const std::string& password = kPassword, const std::string& totp = "") {
    return login(app(), LoginAttempt{kUser, password, totp, kIp});
  }
  // How a login ends: 0 when it opened a session, else the refusal's status and code.
  std::pair<int, std::string> attempt(const std::string& password = kPassword, const std::string& totp = "") {
    const auto r = refusal([&] { sign_in(password, totp); });
    return {r.status, r.code};
  }
  // The caller a request with this session cookie is taken for.
  std::optional<core::Principal> caller(const std::string& token) {
    http::Request req;
    req.headers["cookie"] = std::string(kSessionCookie) + "=" + token;
    return authenticate(req, app());
  }
  void as_admin(const std::function<void(store::Conn&)>& f) {
    db().write([&](store::Conn& c) { f(c); });
  }
  void fail(int times) {
    for (int i = 0; i < times; ++i) attempt("wrong-password");
  }
  // The code the owner's authenticator shows now.
  std::string code(const std::string& secret) { return crypto::hotp(secret, now() / crypto::kTotpStepSeconds); }

  std::int64_t id = 0;
};

TEST_F(AuthService, AFifthWrongPasswordLocksTheAccountForAQuarterOfAnHourEvenAgainstTheRightOne) {
  for (int i = 1; i < kMaxFailedLogins; ++i) {
    EXPECT_EQ(attempt("wrong-password"), (std::pair<int, std::string>{401, "bad_credentials"})) << "try " << i;
  }
  EXPECT_EQ(attempt("wrong-password"), (std::pair<int, std::string>{423, "account_locked"}));
  EXPECT_EQ(attempt(), (std::pair<int, std::string>{423, "account_locked"}));
  pass_time(kLockSeconds - 1);
  EXPECT_EQ(attempt().first, 423);
  pass_time(1);
  EXPECT_EQ(attempt().first, 0);
}

TEST_F(AuthService, ARightPasswordClearsTheCountOfWrongOnes) {
  fail(kMaxFailedLogins - 1);
  sign_in();
  // Had the count stood, this would be the fifth failure in a row and lock the account.
  fail(1);
  EXPECT_EQ(attempt().first, 0);
}

TEST_F(AuthService, UnlockingLetsALockedAccountSignInAtOnce) {
  fail(kMaxFailedLogins);
  ASSERT_EQ(attempt().first, 423);
  as_admin([&](store::Conn& c) { unlock_account(c, id); });
  EXPECT_EQ(attempt().first, 0);
}

TEST_F(AuthService, ADisabledAccountIsTurnedAwayLikeAWrongPasswordAndItsSessionsEnd) {
  const auto session = sign_in();
  ASSERT_TRUE(caller(session.token));
  as_admin([&](store::Conn& c) { disable_account(c, id); });
  EXPECT_FALSE(caller(session.token));
  // The same answer as a wrong password, so nobody learns the account exists.
  EXPECT_EQ(attempt(), (std::pair<int, std::string>{401, "bad_credentials"}));
  as_admin([&](store::Conn& c) { enable_account(c, id); });
  EXPECT_EQ(attempt().first, 0);
}

TEST_F(AuthService, ALoginReachesWhatItsBindingCoversAndNoFurther) {
  const auto who = sign_in().principal;
  ASSERT_EQ(who.bindings.size(), 1u);
  EXPECT_EQ(who.bindings[0].path, path(kCommunity));
  db().read([&](store::Conn& c) {
    const auto reaches = [&](std::int64_t area) {
      return orgs::area_in_scope(c, who, core::Register::areas, core::Action::write, area).has_value();
    };
    EXPECT_TRUE(reaches(kCommunity));
    EXPECT_TRUE(reaches(kGrid));
    EXPECT_FALSE(reaches(kOtherCommunity));
    EXPECT_FALSE(reaches(kStreet));
    // It may make a grid worker of its own grid, not of the next community.
    EXPECT_TRUE(may_grant(c, who, {Role::grid_staff, ScopeType::area, kGrid}));
    EXPECT_FALSE(may_grant(c, who, {Role::grid_staff, ScopeType::area, kOtherCommunity}));
  });
}

TEST_F(AuthService, ANewPasswordIsAskedForAtFirstAndChangingItEndsTheOtherSessions) {
  const auto here = sign_in();
  EXPECT_EQ(here.principal.password_change, "first_login");
  const auto there = sign_in();
  change_password(app(), here.principal, kPassword, "Xinmima-2027#", here.token, kIp);
  EXPECT_TRUE(caller(here.token));
  EXPECT_FALSE(caller(there.token));
  EXPECT_EQ(attempt().first, 401);
  EXPECT_TRUE(sign_in("Xinmima-2027#").principal.password_change.empty());
}

TEST_F(AuthService, ASecondFactorOnceConfirmedIsAskedForAndEachCodeWorksOnce) {
  const auto who = sign_in().principal;
  const auto secret = begin_totp(app(), who);
  // Not in force until the owner shows their authenticator has it.
  EXPECT_EQ(attempt().first, 0);
  EXPECT_EQ(refusal([&] { confirm_totp(app(), who, "000000", kIp); }).field, "code");
  confirm_totp(app(), who, code(secret), kIp);

  EXPECT_EQ(attempt(), (std::pair<int, std::string>{401, "totp_required"}));
  // The code used to confirm is spent.
  EXPECT_EQ(attempt(kPassword, code(secret)), (std::pair<int, std::string>{401, "bad_totp"}));
  pass_time(crypto::kTotpStepSeconds);
  const auto next = code(secret);
  EXPECT_EQ(attempt(kPassword, next).first, 0);
  EXPECT_EQ(attempt(kPassword, next), (std::pair<int, std::string>{401, "bad_totp"}));
}

TEST_F(AuthService, ResettingTheSecondFactorLetsTheOwnerInWithThePasswordAloneAndEndsTheirSessions) {
  const auto first = sign_in();
  const auto secret = begin_totp(app(), first.principal);
  confirm_totp(app(), first.principal, code(secret), kIp);
  pass_time(crypto::kTotpStepSeconds);
  const auto session = sign_in(kPassword, code(secret));
  ASSERT_EQ(attempt().first, 401);

  as_admin([&](store::Conn& c) { reset_totp(c, id); });
  EXPECT_FALSE(caller(session.token));
  EXPECT_EQ(attempt().first, 0);
}

}  // namespace
}  // namespace jiceng::auth
