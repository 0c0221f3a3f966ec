#include "lists/candidates.hpp"

#include <gtest/gtest.h>

namespace jiceng::lists {
namespace {

Candidate resource(std::int64_t id, const std::string& kind, int open_orders = 0, int capacity = 2,
                   std::vector<std::string> served = {}) {
  Candidate c;
  c.id = id;
  c.facts.kind = kind;
  c.facts.open_orders = open_orders;
  c.facts.capacity = capacity;
  c.facts.served_paths = std::move(served);
  return c;
}

std::vector<std::int64_t> ids(const std::vector<Ranked>& r) {
  std::vector<std::int64_t> out;
  for (const auto& x : r) out.push_back(x.id);
  return out;
}

const NeedFacts kNeed{"service", "/1/2/3/", std::nullopt, std::nullopt};

TEST(Rank, SameKindFirstAndOtherKindsOnlyFillWhatIsLeft) {
  CandidatesByKind all;
  all["service"] = {resource(5, "service"), resource(3, "service", 0, 2, {"/1/2/3/"})};
  all["goods"] = {resource(1, "goods"), resource(2, "goods")};
  EXPECT_EQ(ids(rank(kNeed, all, 2)), (std::vector<std::int64_t>{3, 5})) << "same grid beats anywhere";
  EXPECT_EQ(ids(rank(kNeed, all, 4)), (std::vector<std::int64_t>{3, 5, 1, 2})) << "other kinds after, ties by id";
}

TEST(Rank, LeavesOutFullResourcesAndThoseServingElsewhere) {
  CandidatesByKind all;
  all["service"] = {resource(1, "service", 2, 2), resource(2, "service", 0, 1, {"/9/"}), resource(3, "service", 1, 2)};
  const auto r = rank(kNeed, all, 10);
  EXPECT_EQ(ids(r), (std::vector<std::int64_t>{3}));
  EXPECT_TRUE(r[0].suggestion.reasons.empty()) << "reasons are worked out only for what is shown";
}

TEST(Rank, NothingToOfferIsAnEmptyList) {
  EXPECT_TRUE(rank(kNeed, {}, 10).empty());
  CandidatesByKind all;
  all["service"] = {resource(1, "service")};
  EXPECT_TRUE(rank(kNeed, all, 0).empty());
}

}  // namespace
}  // namespace jiceng::lists
