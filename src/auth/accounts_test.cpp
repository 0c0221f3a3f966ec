// Account administration as a street officer meets it: they list and change the accounts bound
// inside their street and no others, never their own, and every change they make is audited in
// their name; a role is granted once, and taken back only from the account holding it.
#include "auth/accounts.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "testing/test_county.hpp"

namespace jiceng::auth {
namespace {

using core::Role;
using core::ScopeType;

constexpr char kPassword[] = "Shequ-2026!";

class Accounts : public test::County {
 protected:
  void SetUp() override {
    County::SetUp();
    forget_principals();
    officer = staff(Role::street_officer, kStreet, "街道干部");
    const auto other_street = area(kCounty, "东城街道", "street");
    db().write([&](store::Conn& c) {
      secretary = create_account(c, "xingfu", "幸福社区书记", kPassword,
                                 {{Role::community_secretary, ScopeType::area, kCommunity}}, now());
      elsewhere = create_account(c, "dongcheng", "东城街道干部", kPassword,
                                 {{Role::street_officer, ScopeType::area, other_street}}, now());
      unbound = create_account(c, "newcomer", "新来的", kPassword, {}, now());
    });
  }

  std::vector<std::string> listed_by(const core::Principal& who) {
    std::vector<std::string> out;
    for (const auto& a : list_accounts(app(), account_reach(who), "", 0, 200)) out.push_back(a.username);
    return out;
  }
  static bool has(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  }

  core::Principal officer;
  std::int64_t secretary = 0, elsewhere = 0, unbound = 0;
};

TEST_F(Accounts, AStreetListsTheAccountsBoundInsideItAndTheCountyAlsoThoseHoldingNoRole) {
  const auto street = listed_by(officer);
  EXPECT_TRUE(has(street, "xingfu"));
  EXPECT_FALSE(has(street, "dongcheng"));
  EXPECT_FALSE(has(street, "newcomer"));

  const auto county = listed_by(org_dept());
  EXPECT_TRUE(has(county, "xingfu"));
  EXPECT_TRUE(has(county, "dongcheng"));
  EXPECT_TRUE(has(county, "newcomer"));
}

TEST_F(Accounts, AListPageStopsAtItsLimitAndASearchMatchesPartOfTheName) {
  const auto reach = account_reach(org_dept());
  const auto first = list_accounts(app(), reach, "", 0, 1);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_GT(list_accounts(app(), reach, "", first[0].id, 200).front().id, first[0].id);
  const auto found = list_accounts(app(), reach, "幸福", 0, 200);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].username, "xingfu");
  ASSERT_EQ(found[0].roles.size(), 1u);
  EXPECT_EQ(found[0].roles[0].role, Role::community_secretary);
}

TEST_F(Accounts, AnOfficerDisablesAnAccountInTheirStreetInTheirOwnNameButNotTheirOwnNorOneElsewhere) {
  EXPECT_EQ(refusal([&] { change_account(app(), officer, AccountChange::disable, officer.account_id, kIp); }).status,
            403);
  EXPECT_EQ(refusal([&] { change_account(app(), officer, AccountChange::disable, elsewhere, kIp); }).status, 404);
  EXPECT_EQ(refusal([&] { change_account(app(), officer, AccountChange::disable, unbound, kIp); }).status, 404);

  change_account(app(), officer, AccountChange::disable, secretary, kIp);
  EXPECT_EQ(scalar("SELECT disabled FROM account WHERE id = ?", {secretary}), 1);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'disable' AND actor = ? AND object_id = ?",
                   {officer.username, std::to_string(secretary)}),
            1);
  EXPECT_EQ(scalar("SELECT disabled FROM account WHERE id = ?", {elsewhere}), 0);
}

TEST_F(Accounts, AWeakPasswordIsNamedOnlyForAnAccountWithinReach) {
  EXPECT_EQ(refusal([&] { reset_password(app(), officer, elsewhere, "123", kIp); }).status, 404);
  const auto weak = refusal([&] { reset_password(app(), officer, secretary, "123", kIp); });
  EXPECT_EQ(weak.status, 400);
  EXPECT_EQ(weak.field, "password");
}

TEST_F(Accounts, ARoleIsGrantedOnceAndTakenBackOnlyFromTheAccountHoldingIt) {
  const Grant grid{Role::grid_staff, ScopeType::area, kGrid};
  const auto binding = grant_role(app(), officer, secretary, grid, kIp);
  EXPECT_GT(binding, 0);
  const auto twice = refusal([&] { grant_role(app(), officer, secretary, grid, kIp); });
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(twice.field, "role");
  // Not inside the officer's street.
  EXPECT_EQ(refusal([&] {
              grant_role(app(), officer, secretary, {Role::grid_staff, ScopeType::area, kCounty}, kIp);
            }).status,
            403);

  const auto other = db().write([&](store::Conn& c) {
    return create_account(c, "gridder", "网格员", kPassword, {{Role::grid_staff, ScopeType::area, kGrid}}, now());
  });
  EXPECT_EQ(refusal([&] { revoke_role(app(), officer, other, binding, kIp); }).status, 404);
  revoke_role(app(), officer, secretary, binding, kIp);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM role_binding WHERE id = ?", {binding}), 0);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE action IN ('grant', 'revoke') AND object_id = ?",
                   {std::to_string(secretary)}),
            2);
}

}  // namespace
}  // namespace jiceng::auth
