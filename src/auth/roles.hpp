#pragma once
// Forwarding header (issue 14): roles, registers, actions and scope types now live in core/roles.hpp,
// which still declares their old auth:: names. Include core/roles.hpp in new code.
#include "core/roles.hpp"
