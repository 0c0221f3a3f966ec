#pragma once
// What organisation life answers to the orgs module below it (core::Module's hooks): its meetings,
// terms and tallies carry their organisation's paths, so the compliance matrix stays an index range
// after a branch or an area is moved.
#include <cstdint>
#include <string>

#include "core/module.hpp"
#include "store/db.hpp"

namespace jiceng::org_life::hooks {

// How our rows follow orgs' trees (hooks.cpp).
extern constinit const TreeHooks kFollow;

}  // namespace jiceng::org_life::hooks
