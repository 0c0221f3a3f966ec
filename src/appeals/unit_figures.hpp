#pragma once
// Figures for a department (职能部门, bound to its unit): the appeals the streets whistled it onto
// (吹哨报到). The rollups are kept by area and a department holds none, so these are counted from
// the appeals themselves; a department is whistled onto tens to hundreds of them.
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>

#include "appeals/figures.hpp"
#include "auth/principal.hpp"
#include "store/db.hpp"

namespace jiceng::appeals {

// The figures for the caller's own units (q.path is not used), with the streets the appeals lie in
// ranked as `children` and the whistles' check-ins; nullopt when no binding of the caller reads
// appeals through a unit.
std::optional<boost::json::object> unit_figures(store::Conn& c, const core::Principal& who, const FigureQuery& q,
                                                std::int64_t now);

}  // namespace jiceng::appeals
