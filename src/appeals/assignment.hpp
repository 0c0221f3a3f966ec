#pragma once
// 首接负责: every appeal has a named person who answers for it. A new appeal in a grid goes to the
// grid's full-time worker (专职网格员); the grid or its community may hand it to another of their staff.
#include <boost/json/array.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "auth/principal.hpp"
#include "core/app.hpp"
#include "store/db.hpp"

namespace jiceng::appeals {

// The account that answers for a new appeal in `grid_id`: the grid's full-time worker's login,
// else the first active grid worker bound to the grid; nullopt when the grid has nobody yet.
std::optional<std::int64_t> default_assignee(store::Conn& c, std::int64_t grid_id);

// The staff of the appeal's grid and community it may be handed to, for a caller who may assign it.
boost::json::array assignees(App& app, const core::Principal& who, std::int64_t id);

// Hands the appeal to `account_id` (one of assignees()), on its timeline and in the audit log.
void assign(App& app, const core::Principal& who, std::int64_t id, std::int64_t account_id, const std::string& ip);

}  // namespace jiceng::appeals
