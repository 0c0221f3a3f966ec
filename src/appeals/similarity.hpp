#pragma once
// Likely duplicates: how alike two descriptions read (character trigrams, as the FTS5 trigram
// tokenizer sees Chinese text) and how far apart two reported points are.
#include <string_view>

namespace jiceng::appeals {

// Jaccard similarity of the two texts' character-trigram sets, 0 to 1; punctuation and spaces ignored.
double trigram_similarity(std::string_view a, std::string_view b);
// Great-circle distance in metres.
double distance_m(double lon1, double lat1, double lon2, double lat2);

}  // namespace jiceng::appeals
