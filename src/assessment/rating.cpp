#include "assessment/rating.hpp"

#include <array>

#include "core/names.hpp"

namespace jiceng::assessment {
namespace {

struct Named final {
  std::string_view name, label;
};
constexpr std::array<Named, 5> kStages = {{{"draft", "待自评"},
                                           {"self_rated", "已自评，待街道（乡镇）审核"},
                                           {"reviewed", "街道（乡镇）已审核，待县委组织部确认"},
                                           {"confirmed", "县委组织部已确认"},
                                           {"returned", "已退回，待重新自评"}}};
constexpr std::array<Named, 4> kActions = {
    {{"self_rate", "支部自评"}, {"review", "街道（乡镇）审核"}, {"send_back", "退回"}, {"confirm", "县委组织部确认"}}};

std::optional<std::string> stars_refusal(int stars) {
  if (stars < kMinStars || stars > kMaxStars) return "星级应为一星级至五星级";
  return std::nullopt;
}

std::optional<std::string> change_refusal(std::optional<int> before, const RatingStep& s, std::string_view who) {
  if (before && *before != s.stars && s.reason.empty()) {
    return std::string(who) + "将" + stars_label(*before) + "调整为" + stars_label(s.stars) + "，应说明理由";
  }
  return std::nullopt;
}

}  // namespace

std::string_view rating_stage_name(RatingStage s) { return core::row_of(kStages, s).name; }
std::string_view rating_stage_label(RatingStage s) { return core::row_of(kStages, s).label; }
std::optional<RatingStage> parse_rating_stage(std::string_view s) {
  return core::parse_indexed<RatingStage>(kStages, s);
}
std::string_view rating_action_name(RatingAction a) { return core::row_of(kActions, a).name; }
std::optional<RatingAction> parse_rating_action(std::string_view s) {
  return core::parse_indexed<RatingAction>(kActions, s);
}

std::optional<std::string> rating_refusal(const Rating& r, const RatingStep& s, const StarLines& lines) {
  const auto now = "当前为“" + std::string(rating_stage_label(r.stage)) + "”，不能";
  switch (s.action) {
    case RatingAction::self_rate:
      if (r.stage != RatingStage::draft && r.stage != RatingStage::returned) return now + "自评";
      if (auto bad = stars_refusal(s.stars)) return bad;
      if (const auto reach = tier_of(r.points, lines); s.stars > reach) {
        return "自评" + stars_label(s.stars) + "高于考核得分" + points_text(r.points) + "分对应的" + stars_label(reach);
      }
      return std::nullopt;
    case RatingAction::review:
      if (r.stage != RatingStage::self_rated) return now + "审核";
      if (auto bad = stars_refusal(s.stars)) return bad;
      return change_refusal(r.claimed, s, "街道（乡镇）");
    case RatingAction::send_back:
      if (r.stage != RatingStage::self_rated && r.stage != RatingStage::reviewed) return now + "退回";
      if (s.reason.empty()) return std::string("退回应说明理由");
      return std::nullopt;
    case RatingAction::confirm:
      if (r.stage != RatingStage::reviewed) return now + "确认";
      if (auto bad = stars_refusal(s.stars)) return bad;
      return change_refusal(r.reviewed, s, "县委组织部");
  }
  return std::nullopt;
}

Rating apply(Rating r, const RatingStep& s) {
  switch (s.action) {
    case RatingAction::self_rate:
      r.stage = RatingStage::self_rated;
      r.claimed = s.stars;
      r.reviewed.reset();
      r.returned_because.clear();
      break;
    case RatingAction::review:
      r.stage = RatingStage::reviewed;
      r.reviewed = s.stars;
      break;
    case RatingAction::send_back:
      r.stage = RatingStage::returned;
      r.returned_because = s.reason;
      break;
    case RatingAction::confirm:
      r.stage = RatingStage::confirmed;
      r.confirmed = s.stars;
      break;
  }
  return r;
}

std::optional<int> current_stars(const Rating& r) {
  if (r.confirmed) return r.confirmed;
  if (r.reviewed) return r.reviewed;
  return r.claimed;
}

}  // namespace jiceng::assessment
