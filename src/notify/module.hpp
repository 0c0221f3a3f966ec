#pragma once
// The notify module: the outbox and its webhooks.
#include "core/module.hpp"

namespace jiceng::notify {

extern const Module kModule;

}  // namespace jiceng::notify
