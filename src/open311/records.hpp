#pragma once
// Appeals' published records, and what clients sent with them, as the flat records the wire formats
// render. Internal to open311/.
#include <optional>
#include <string>
#include <vector>

#include "appeals/exports.hpp"
#include "core/router.hpp"
#include "open311/format.hpp"
#include "store/db.hpp"

namespace jiceng::open311 {

Record service_record(const appeals::PublicCategory& c);
// The appeals as requests, with what their clients sent (read in one statement), in their order.
std::vector<Record> request_records(const Ctx& ctx, store::Conn& c, const std::vector<appeals::PublishedAppeal>& as);
// The updates as request updates, with the links their clients sent (one statement), in their order.
std::vector<Record> update_records(const Ctx& ctx, store::Conn& c, const std::vector<appeals::PublishedUpdate>& us);

}  // namespace jiceng::open311
