// Possible duplicates of an appeal (一事多诉): recent appeals of the same category that read alike
// and sit close, for the handler to merge.
#include <boost/json.hpp>
#include <cmath>

#include "appeals/queries.hpp"
#include "appeals/service.hpp"
#include "appeals/service_internal.hpp"
#include "appeals/similarity.hpp"
#include "core/geo.hpp"

namespace jiceng::appeals {
namespace {

namespace bj = boost::json;

constexpr std::int64_t kDuplicateWindow = 14 * 24 * 3600;
constexpr int kDuplicateCandidates = 200;
constexpr std::size_t kDuplicatesShown = 5;
constexpr double kNearM = 100.0;
constexpr double kFarM = 1000.0;
constexpr double kMinScore = 0.25;
constexpr double kMinSimilarity = 0.15;  // nearness alone does not make two complaints the same

bool has_coords(const store::Row& a) {
  return std::holds_alternative<double>(a.at("lon")) && std::holds_alternative<double>(a.at("lat"));
}

}  // namespace

bj::array duplicates_of(store::Conn& c, const core::Principal& who, const store::Row& a) {
  auto scope = core::scope_clause(who, core::Register::appeals, core::Action::read, scope_columns());
  store::Params params{int_of(a, "category_id"), int_of(a, "created_at") - kDuplicateWindow, int_of(a, "id")};
  params.insert(params.end(), scope.params.begin(), scope.params.end());
  params.emplace_back(static_cast<std::int64_t>(kDuplicateCandidates));
  auto rows = c.query(sql::kDuplicateCandidates + scope.sql + sql::kDuplicateOrder, params);
  const auto text = text_of(a, "description");
  const bool located = has_coords(a);
  struct Hit {
    double score;
    bj::object o;
  };
  std::vector<Hit> hits;
  for (const auto& r : rows) {
    const double sim = trigram_similarity(text, r.text(2));
    if (sim < kMinSimilarity) continue;
    double near = r.text(5) == text_of(a, "area_path") ? 0.5 : 0.0;
    std::optional<double> metres;
    if (located && !r.is_null(3) && !r.is_null(4)) {
      metres = geo::distance_m(std::get<double>(a.at("lon")), std::get<double>(a.at("lat")), r.real(3), r.real(4));
      near = *metres <= kNearM ? 1.0 : *metres >= kFarM ? 0.0 : (kFarM - *metres) / (kFarM - kNearM);
    }
    const double score = 0.7 * sim + 0.3 * near;
    if (score < kMinScore) continue;
    bj::object o{{"id", r.integer(0)},  {"code", r.text(1)}, {"description", r.text(2)},
                 {"status", r.text(6)}, {"similarity", sim}, {"score", score}};
    o["distance_m"] = metres ? bj::value(std::round(*metres)) : bj::value(nullptr);
    hits.push_back({score, std::move(o)});
  }
  std::sort(hits.begin(), hits.end(), [](const Hit& x, const Hit& y) { return x.score > y.score; });
  bj::array out;
  for (std::size_t i = 0; i < hits.size() && i < kDuplicatesShown; ++i) out.push_back(std::move(hits[i].o));
  return out;
}

}  // namespace jiceng::appeals
