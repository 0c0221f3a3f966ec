#pragma once
// Looking rows up by a page's worth of ids in one statement (or a few), never one per row.
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "store/db.hpp"

namespace jiceng::store {

// The rows of `head` + "?, ?, …)" for the distinct `ids`, a few hundred ids to a statement (well
// under both stores' limits on bound parameters). `head` ends in "IN (".
std::vector<Row> rows_for_ids(Conn& c, std::string_view head, std::span<const std::int64_t> ids);

}  // namespace jiceng::store
