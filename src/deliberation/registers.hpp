#pragma once
// Households and deliberations as registers (deliberation/service.hpp counts votes whose time is up).
#include <cstdint>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "core/app.hpp"
#include "store/db.hpp"

namespace jiceng::deliberation {
void add_registers();
// stage_label, the sealed-until-closed result and the average rating of a `SELECT t.* FROM deliberation t` row.
void describe(const store::Row& row, boost::json::object& o);
// The matter's notes, oldest first; the public page leaves residents' comments out.
boost::json::array notes_of(store::Conn& c, std::int64_t id, bool public_only);
}  // namespace jiceng::deliberation
