#pragma once
// The people module's transactions: revealing a masked field (always audited) and naming a grid's
// contact cadre.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>

#include "core/app.hpp"
#include "core/principal.hpp"
#include "store/db.hpp"

namespace jiceng::people {

// Whose field is revealed: a party member (ID number or phone) or another person (phone).
enum class Holder { member, person };

// The column a revealable field is kept in, encrypted; nullopt when `field` cannot be revealed.
std::optional<std::string> revealed_column(Holder h, const std::string& field);

// A masked field of a record in full, audited as a reveal; nullopt when the record is not within
// what `who` may reveal. `field` must have a revealed_column().
std::optional<std::string> reveal(App& app, const core::Principal& who, Holder h, std::int64_t id,
                                  const std::string& field, const std::string& ip);

// Names the town cadre who is a grid's contact (包联), or nobody. Only a street or the county
// assigns them, and only its own cadres or the county's. Throws ApiError.
void set_grid_contact(App& app, const core::Principal& who, std::int64_t grid_id, std::optional<std::int64_t> person_id,
                      const std::string& ip);

// ---- For lists ----

// The names of the party members with these ids, in one query, for a page of rows that show them;
// ids that do not exist are absent from the map.
std::unordered_map<std::int64_t, std::string> member_names(store::Conn& c, std::span<const std::int64_t> ids);

}  // namespace jiceng::people
