#include "audit/audit.hpp"

#include "crypto/crypto.hpp"

namespace jiceng::audit {
namespace {

constexpr char kGenesis[] = "0000000000000000000000000000000000000000000000000000000000000000";
constexpr std::int64_t kPgAuditLock = 7302;
// kPage + the filters given + kPageTail.
constexpr char kPage[] =
    "SELECT id, at, actor, ip, action, object_type, object_id, before_value, after_value FROM audit_log "
    "WHERE id < ?";
constexpr char kPageTail[] = " ORDER BY id DESC LIMIT ?";

void put(std::string& out, const std::string& field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
}

}  // namespace

std::string row_hash(const std::string& prev_hash, const Entry& e, std::int64_t id) {
  // Length-prefixed fields, so no two different rows serialise alike.
  std::string s;
  put(s, prev_hash);
  put(s, std::to_string(id));
  put(s, std::to_string(e.at));
  put(s, e.actor);
  put(s, e.actor_id ? std::to_string(*e.actor_id) : "");
  put(s, e.ip);
  put(s, e.action);
  put(s, e.object_type);
  put(s, e.object_id);
  put(s, e.before);
  put(s, e.after);
  return crypto::sm3_hex(s);
}

void record(store::Conn& c, const Entry& e) {
  // PostgreSQL writers run concurrently; the chain needs them one at a time.
  if (c.dialect() == store::Dialect::postgres) c.query("SELECT pg_advisory_xact_lock(?)", {kPgAuditLock});
  auto last = c.one("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");
  const std::int64_t id = last ? last->integer(0) + 1 : 1;
  const std::string prev = last ? last->text(1) : kGenesis;
  c.execute(
      "INSERT INTO audit_log (id, at, actor, actor_id, ip, action, object_type, object_id, before_value, "
      "after_value, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {id, e.at, e.actor, store::opt(e.actor_id), e.ip, e.action, e.object_type, e.object_id,
       e.before.empty() ? store::null() : store::Value(e.before),
       e.after.empty() ? store::null() : store::Value(e.after), prev, row_hash(prev, e, id)});
}

VerifyResult verify(store::Conn& c) {
  VerifyResult r;
  std::string prev = kGenesis;
  std::int64_t expected_id = 1;
  constexpr std::int64_t kBatch = 5000;
  for (std::int64_t after = 0;;) {
    auto rs = c.query(
        "SELECT id, at, actor, actor_id, ip, action, object_type, object_id, before_value, after_value, prev_hash, "
        "hash FROM audit_log WHERE id > ? ORDER BY id LIMIT ?",
        {after, kBatch});
    if (rs.empty()) break;
    for (const auto& row : rs) {
      Entry e{row.integer(1), row.text(2), row.opt_integer(3), row.text(4), row.text(5),
              row.text(6),    row.text(7), row.text(8),        row.text(9)};
      const std::int64_t id = row.integer(0);
      ++r.rows;
      auto fail = [&](std::string why) {
        r.ok = false;
        r.first_bad_id = id;
        r.reason = std::move(why);
      };
      if (id != expected_id)
        fail("row " + std::to_string(expected_id) + " is missing");
      else if (row.text(10) != prev)
        fail("prev_hash does not match the row before");
      else if (row.text(11) != row_hash(prev, e, id))
        fail("hash does not match the row's content");
      if (!r.ok) return r;
      prev = row.text(11);
      ++expected_id;
      after = id;
    }
  }
  return r;
}

std::vector<Logged> page(store::Conn& c, const Query& q) {
  std::string sql = kPage;
  store::Params params{q.before};
  const std::pair<const char*, const std::string*> equal[] = {
      {"actor", &q.actor}, {"action", &q.action}, {"object_type", &q.object_type}, {"object_id", &q.object_id}};
  for (const auto& [column, value] : equal) {
    if (value->empty()) continue;
    sql += std::string(" AND ") + column + " = ?";
    params.push_back(*value);
  }
  store::and_if(sql, params, "at >= ?", q.from);
  store::and_if(sql, params, "at < ?", q.to);
  sql += kPageTail;
  params.push_back(q.limit);
  std::vector<Logged> out;
  for (const auto& r : c.query(sql, params)) {
    out.push_back({r.integer(0), Entry{r.integer(1), r.text(2), std::nullopt, r.text(3), r.text(4), r.text(5),
                                       r.text(6), r.text(7), r.text(8)}});
  }
  return out;
}

}  // namespace jiceng::audit
