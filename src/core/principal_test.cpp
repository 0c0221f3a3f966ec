#include "core/principal.hpp"

#include <gtest/gtest.h>

namespace jiceng::core {
namespace {

Principal with(std::vector<Binding> b) {
  Principal p;
  p.bindings = std::move(b);
  return p;
}

TEST(PathEnd, BoundsExactlyTheSubtree) {
  EXPECT_EQ(path_end("/1/5/"), "/1/50");
  EXPECT_TRUE(path_within("/1/5/7/", "/1/5/"));
  EXPECT_FALSE(path_within("/1/55/", "/1/5/"));
  EXPECT_FALSE(path_within("/1/5/", ""));
}

TEST(PathAndAncestors, ListsTheNodeAndEveryNodeAboveRootFirst) {
  EXPECT_EQ(path_and_ancestors("/1/25/307/"), (std::vector<std::string>{"/1/", "/1/25/", "/1/25/307/"}));
  EXPECT_EQ(path_and_ancestors("/1/"), (std::vector<std::string>{"/1/"}));
  EXPECT_TRUE(path_and_ancestors("").empty());
}

TEST(ScopeClause, OrsTheBindingsThatMayActAndNothingElse) {
  const auto p = with({{Role::community_secretary, ScopeType::area, 5, "/1/5/", "甲社区"},
                       {Role::resident, ScopeType::area, 6, "/1/6/", "乙社区"}});
  ScopeColumns cols;
  cols.area_path = "t.area_path";
  const auto c = scope_clause(p, Register::members, Action::read, cols);
  EXPECT_EQ(c.sql, "((t.area_path >= ? AND t.area_path < ?))");
  ASSERT_EQ(c.params.size(), 2u);
  EXPECT_EQ(std::get<std::string>(c.params[0]), "/1/5/");
  EXPECT_EQ(
      scope_clause(with({{Role::resident, ScopeType::area, 6, "/1/6/", ""}}), Register::members, Action::read, cols)
          .sql,
      "(1=0)");
}

TEST(CoveringPaths, DropsNestedRootsAndCutsToTheFilter) {
  const auto p = with({{Role::street_officer, ScopeType::area, 2, "/1/2/", ""},
                       {Role::community_secretary, ScopeType::area, 7, "/1/2/7/", ""},
                       {Role::community_secretary, ScopeType::area, 9, "/1/3/9/", ""}});
  auto all = covering_paths(p, Register::members, Action::read, ScopeType::area, std::nullopt);
  ASSERT_TRUE(all);
  EXPECT_EQ(*all, (std::vector<std::string>{"/1/2/", "/1/3/9/"}));
  auto cut = covering_paths(p, Register::members, Action::read, ScopeType::area, std::string("/1/2/7/8/"));
  EXPECT_EQ(*cut, (std::vector<std::string>{"/1/2/7/8/"}));
  auto outside = covering_paths(p, Register::members, Action::read, ScopeType::area, std::string("/1/4/"));
  EXPECT_TRUE(outside->empty());
  const auto mixed = with({{Role::street_officer, ScopeType::area, 2, "/1/2/", ""},
                           {Role::branch_secretary, ScopeType::org, 3, "/3/", ""}});
  EXPECT_FALSE(covering_paths(mixed, Register::members, Action::read, ScopeType::area, std::nullopt));
}

}  // namespace
}  // namespace jiceng::core
