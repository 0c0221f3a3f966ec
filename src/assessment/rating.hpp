#pragma once
// A branch's yearly star rating (星级争创) as it passes up the line: the branch rates itself from its
// assessment, the street (town) reviews it, the county confirms it — each level may lower or raise
// the stars only with a reason, and may send it back. A pure state machine; who may act at which
// level is the service's (scope) concern. Refusals are worded in Chinese.
#include <optional>
#include <string>
#include <string_view>

#include "assessment/rules.hpp"

namespace jiceng::assessment {

enum class RatingStage { draft, self_rated, reviewed, confirmed, returned };
std::string_view rating_stage_name(RatingStage s);
std::string_view rating_stage_label(RatingStage s);  // zh-CN
std::optional<RatingStage> parse_rating_stage(std::string_view s);

struct Rating final {
  RatingStage stage = RatingStage::draft;
  Tenths points = 0;  // the year's assessment total
  std::optional<int> claimed, reviewed, confirmed;
  std::string returned_because;
};

enum class RatingAction { self_rate, review, send_back, confirm };
std::string_view rating_action_name(RatingAction a);
std::optional<RatingAction> parse_rating_action(std::string_view s);

struct RatingStep final {
  RatingAction action = RatingAction::self_rate;
  int stars = kMinStars;  // self_rate, review, confirm
  std::string reason;     // required to change the stars below, and to send back
};

// Why the step may not be taken (409 in the API), or nullopt. `lines` bound the self-rating: a
// branch may not claim more stars than its points reach.
std::optional<std::string> rating_refusal(const Rating& r, const RatingStep& s, const StarLines& lines);
Rating apply(Rating r, const RatingStep& s);
// The stars the rating stands at: confirmed, else reviewed, else claimed.
std::optional<int> current_stars(const Rating& r);

}  // namespace jiceng::assessment
