#pragma once
// What an Open311 client sent with an appeal beyond the appeal's own columns, for the staff detail.
#include <boost/json/value.hpp>
#include <cstdint>

#include "store/db.hpp"

namespace jiceng::open311 {

// {client, first_name, last_name, email (masked), address_id, media_urls, device_id, account_id,
// attributes, updates: [{event_id, status, first_name, last_name, email, phone, media_urls, client}]};
// null when neither the appeal nor an update to it came through Open311.
boost::json::value staff_fields(store::Conn& c, std::int64_t appeal_id);

}  // namespace jiceng::open311
