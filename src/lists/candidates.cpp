#include "lists/candidates.hpp"

#include <algorithm>

#include "core/text.hpp"
#include "lists/queries.hpp"

namespace jiceng::lists {
namespace {

void keep_best(std::vector<Ranked>& ranked, std::size_t limit) {
  const auto keep = std::min(ranked.size(), limit);
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep), ranked.end(),
                    [](const Ranked& a, const Ranked& b) {
                      return a.suggestion.score != b.suggestion.score ? a.suggestion.score > b.suggestion.score
                                                                      : a.id < b.id;
                    });
  ranked.resize(keep);
}

void score_into(const NeedFacts& need, const std::vector<Candidate>& list, std::vector<Ranked>& out) {
  for (const auto& c : list) {
    if (c.facts.open_orders >= c.facts.capacity) continue;
    auto s = suggest(need, c.facts, false);
    if (s.eligible) out.push_back(Ranked{c.id, std::move(s), c.facts});
  }
}

}  // namespace

std::vector<Ranked> rank(const NeedFacts& need, const CandidatesByKind& all, std::size_t limit) {
  std::vector<Ranked> ranked;
  if (auto same = all.find(need.kind); same != all.end()) score_into(need, same->second, ranked);
  keep_best(ranked, limit);
  if (ranked.size() >= limit) return ranked;
  for (const auto& [kind, list] : all) {
    if (kind != need.kind) score_into(need, list, ranked);
  }
  keep_best(ranked, limit);
  return ranked;
}

std::shared_ptr<const CandidatesByKind> CandidateCache::current(store::Conn& c) {
  // The version first: rows read after it are at least as new, so a later change is never missed.
  const auto version = c.scalar(sql::kResourceVersion);
  std::lock_guard lock(mu_);
  if (data_ && version == version_) return data_;
  auto data = std::make_shared<CandidatesByKind>();
  for (const auto& r : c.query(sql::kCandidates)) {
    Candidate cand;
    cand.id = r.integer(0);
    auto& f = cand.facts;
    f.kind = r.text(1);
    if (!r.is_null(2)) f.served_paths = core::split_list(r.text(2), '|');
    if (!r.is_null(3)) f.lon = r.real(3);
    if (!r.is_null(4)) f.lat = r.real(4);
    f.ratings = static_cast<int>(r.integer(6));
    f.average_rating = f.ratings > 0 ? static_cast<double>(r.integer(5)) / f.ratings : 0.0;
    f.open_orders = static_cast<int>(r.integer(7));
    f.capacity = static_cast<int>(r.integer(8));
    (*data)[f.kind].push_back(std::move(cand));
  }
  data_ = std::move(data);
  version_ = version;
  return data_;
}

}  // namespace jiceng::lists
