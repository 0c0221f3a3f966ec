#pragma once
// Rows of the Open311 queries as the flat records the wire formats render. Internal to open311/.
#include <cstddef>

#include "core/router.hpp"
#include "open311/format.hpp"
#include "store/db.hpp"

namespace jiceng::open311 {

Record service_record(const store::Row& r);                  // a row of kServicesSql
Record request_record(const Ctx& ctx, const store::Row& r);  // a row of kRequestSql
// The client's own link when it sent one (column `url`), else the first photo (column `hash`).
FieldValue media_field(const Ctx& ctx, const store::Row& r, std::size_t url, std::size_t hash);

}  // namespace jiceng::open311
