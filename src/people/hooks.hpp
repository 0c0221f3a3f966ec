#pragma once
// What the people module answers to the orgs module below it (core::Module's hooks): members and
// people follow moves of the area and organisation trees, and orgs' pages show their names.
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "core/module.hpp"
#include "store/db.hpp"

namespace jiceng::people::hooks {

// How our rows follow orgs' trees (hooks.cpp).
extern constinit const TreeHooks kFollow;
std::map<std::int64_t, PersonRef> people_by_ids(store::Conn& c, std::span<const std::int64_t> ids);
std::vector<std::int64_t> grid_staff_counts(store::Conn& c, std::span<const std::string> grid_paths);

}  // namespace jiceng::people::hooks
