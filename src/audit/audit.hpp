#pragma once
// The append-only audit log, each row chained to the one before by an SM3 hash.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.hpp"

namespace jiceng::audit {

struct Entry final {
  std::int64_t at = 0;
  std::string actor;  // username, or "system"
  std::optional<std::int64_t> actor_id;
  std::string ip;
  std::string action;  // "create", "update", "login", "login_failed", "reveal", "import", ...
  std::string object_type;
  std::string object_id;
  std::string before;  // JSON or empty
  std::string after;   // JSON or empty
};

// Appends inside the caller's write transaction, so the record and the change commit together.
void record(store::Conn& c, const Entry& e);

struct VerifyResult final {
  bool ok = true;
  std::int64_t rows = 0;
  std::optional<std::int64_t> first_bad_id;
  std::string reason;
};
VerifyResult verify(store::Conn& c);

std::string row_hash(const std::string& prev_hash, const Entry& e, std::int64_t id);

// A page of the log for the audit administrator, newest first: the rows before the id `before`
// that equal each filter given (empty: any), at or after `from` and before `to` when given.
struct Query final {
  std::int64_t before = INT64_MAX;
  std::string actor, action, object_type, object_id;
  std::optional<std::int64_t> from, to;
  std::int64_t limit = 0;
};
struct Logged final {
  std::int64_t id = 0;
  Entry entry;  // its actor_id left out
};
std::vector<Logged> page(store::Conn& c, const Query& q);

}  // namespace jiceng::audit
