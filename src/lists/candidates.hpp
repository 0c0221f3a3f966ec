#pragma once
// The published resources dispatch suggestions choose from, held in memory by kind so a ranking
// scores structs instead of reading every row; reloaded when the resource table's version moves.
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "lists/rules.hpp"
#include "store/db.hpp"

namespace jiceng::lists {

struct Candidate final {
  std::int64_t id = 0;
  ResourceFacts facts;
};

using CandidatesByKind = std::unordered_map<std::string, std::vector<Candidate>>;

struct Ranked final {
  std::int64_t id = 0;
  Suggestion suggestion;  // score only; the caller explains the few it shows
  ResourceFacts facts;
};

// The best `limit` eligible candidates, best first (ties by id): the need's own kind is scored
// first, other kinds only when it leaves places free.
std::vector<Ranked> rank(const NeedFacts& need, const CandidatesByKind& all, std::size_t limit);

class CandidateCache final {
 public:
  // The published resources as of `c`'s view, reloaded only when resource rows changed.
  std::shared_ptr<const CandidatesByKind> current(store::Conn& c);

 private:
  std::mutex mu_;
  std::shared_ptr<const CandidatesByKind> data_;
  std::int64_t version_ = -1;
};

}  // namespace jiceng::lists
