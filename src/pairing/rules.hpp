#pragma once
// 结对 as pure rules: which parties each kind of pairing takes, and how many on each side.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace jiceng::pairing {

// one_one "1+1": a member and a household; n_one "N+1": several members and a household;
// one_n "1+N": a community and several units; enterprise_village 企村结对: an enterprise and a village.
bool is_kind(std::string_view kind);
// Why a party cannot join one side of a pairing that already has `on_side` parties there; nullopt when it may.
std::optional<std::string> party_problem(std::string_view kind, std::string_view side, std::string_view party_kind,
                                         std::size_t on_side);

}  // namespace jiceng::pairing
