#pragma once
// Forwarding header (issue 14): Principal, Binding and the scope clauses now live in core/principal.hpp,
// which still declares their old auth:: names. Include core/principal.hpp in new code.
#include "core/principal.hpp"
