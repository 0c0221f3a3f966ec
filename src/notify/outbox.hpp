#pragma once
// The outbox: events queued with the change that caused them, delivered to webhooks by a worker
// with retries and backoff; what fails for good stays visible to staff.
#include <boost/json/object.hpp>
#include <cstdint>
#include <string>

#include "core/app.hpp"
#include "store/db.hpp"

namespace jiceng {
class Router;
}

namespace jiceng::notify {

// The events webhooks may subscribe to.
bool known_event(const std::string& event);

// Queues `event` for every active webhook subscribed to it, inside the caller's transaction.
void enqueue(store::Conn& c, const std::string& event, std::int64_t appeal_id, const std::string& area_path,
             const boost::json::object& payload, std::int64_t now);

struct DeliveryResult final {
  int delivered = 0;
  int retried = 0;
  int failed = 0;
};
// Delivers what is due, at most `batch` items; blocking HTTP calls happen outside any transaction.
DeliveryResult deliver(App& app, int batch);

// Seconds to wait before attempt `n` (1-based); 0 when there are no attempts left.
std::int64_t backoff_seconds(int attempts);

void register_routes(Router& r);

// For org_life (and any module whose events are not about an appeal): queues `event` with no
// appeal for every active webhook subscribed to all events ("*"), inside the caller's transaction.
void enqueue_event(store::Conn& c, const std::string& event, const std::string& area_path,
                   const boost::json::object& payload, std::int64_t now);

}  // namespace jiceng::notify
