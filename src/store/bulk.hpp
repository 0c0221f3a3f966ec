#pragma once
// Many rows into one table in multi-row INSERT statements: for bulk loads and rollup rebuilds,
// where one statement per row costs a round trip (PostgreSQL) or a statement step each.
#include <cstddef>
#include <string>

#include "store/db.hpp"

namespace jiceng::store {

class BulkInsert final {
 public:
  // `head` is "INSERT INTO t (a, b, c)"; `tail` may add "ON CONFLICT …" (PostgreSQL refuses one
  // statement that updates the same row twice, so keys should be distinct within a load).
  BulkInsert(Conn& c, std::string head, std::size_t columns, std::string tail = "");
  BulkInsert(const BulkInsert&) = delete;
  BulkInsert& operator=(const BulkInsert&) = delete;

  // Queues one row of exactly `columns` values; writes a full statement when one is ready.
  void add(Params row);
  // Writes what is queued; call before the transaction ends (the destructor does not).
  void flush();
  std::size_t written() const { return written_; }

 private:
  std::string statement(std::size_t rows) const;

  Conn& c_;
  std::string head_, tail_;
  std::size_t columns_;
  std::size_t rows_per_statement_;
  std::string full_;  // the statement for a full batch, built once so drivers can reuse its plan
  Params pending_;
  std::size_t written_ = 0;
};

}  // namespace jiceng::store
