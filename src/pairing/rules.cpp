#include "pairing/rules.hpp"

#include <array>
#include <limits>

namespace jiceng::pairing {
namespace {

constexpr std::size_t kMany = std::numeric_limits<std::size_t>::max();

struct Shape final {
  std::string_view kind;
  std::string_view helper;  // party kind on the helping side
  std::size_t helpers;      // at most
  std::string_view helped;
  std::size_t helped_max;
  std::string_view label;
};

constexpr std::array<Shape, 4> kShapes = {{
    {"one_one", "member", 1, "household", 1, "“1+1”结对为一名党员联系一户"},
    {"n_one", "member", kMany, "household", 1, "“N+1”结对为多名党员联系一户"},
    {"one_n", "area", 1, "unit", kMany, "“1+N”结对为一个社区联系多家单位"},
    {"enterprise_village", "unit", 1, "area", 1, "企村结对为一家企业结对一个村"},
}};

const Shape* shape(std::string_view kind) {
  for (const auto& s : kShapes) {
    if (s.kind == kind) return &s;
  }
  return nullptr;
}

}  // namespace

bool is_kind(std::string_view kind) { return shape(kind) != nullptr; }

std::optional<std::string> party_problem(std::string_view kind, std::string_view side, std::string_view party_kind,
                                         std::size_t on_side) {
  const auto* s = shape(kind);
  if (!s) return std::string("结对类型无效");
  if (side != "helper" && side != "helped") return std::string("结对一方应为 helper（帮扶方）或 helped（受助方）");
  const bool helper = side == "helper";
  if (party_kind != (helper ? s->helper : s->helped)) return std::string(s->label);
  if (on_side >= (helper ? s->helpers : s->helped_max)) return std::string(s->label) + "，这一方已满";
  return std::nullopt;
}

}  // namespace jiceng::pairing
