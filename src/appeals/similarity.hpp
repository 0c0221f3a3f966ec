#pragma once
// Likely duplicates: how alike two descriptions read (character trigrams, as the FTS5 trigram
// tokenizer sees Chinese text). Distances are geo::distance_m.
#include <string_view>

namespace jiceng::appeals {

// Jaccard similarity of the two texts' character-trigram sets, 0 to 1; punctuation and spaces ignored.
double trigram_similarity(std::string_view a, std::string_view b);

}  // namespace jiceng::appeals
