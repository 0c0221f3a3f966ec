#pragma once
// What relations answers to the orgs module below it: its rows carry both sides' organisation and
// area paths, which follow a moved subtree or an organisation's new area.
#include <cstdint>
#include <string>

#include "core/module.hpp"
#include "store/db.hpp"

namespace jiceng::relations::hooks {

// How our rows follow orgs' trees (hooks.cpp).
extern constinit const TreeHooks kFollow;

}  // namespace jiceng::relations::hooks
