#include "store/bulk.hpp"

#include <algorithm>
#include <stdexcept>

namespace jiceng::store {
namespace {
// Under SQLite's default limit of 32,766 bound values and PostgreSQL's 65,535 parameters.
constexpr std::size_t kMaxParams = 30000;
constexpr std::size_t kMaxRows = 500;
}  // namespace

BulkInsert::BulkInsert(Conn& c, std::string head, std::size_t columns, std::string tail)
    : c_(c),
      head_(std::move(head)),
      tail_(std::move(tail)),
      columns_(columns),
      rows_per_statement_(
          std::max<std::size_t>(1, std::min(kMaxRows, kMaxParams / std::max<std::size_t>(1, columns)))) {
  if (columns_ == 0) throw std::invalid_argument("BulkInsert needs at least one column");
  full_ = statement(rows_per_statement_);
  pending_.reserve(rows_per_statement_ * columns_);
}

std::string BulkInsert::statement(std::size_t rows) const {
  std::string one = "(";
  for (std::size_t i = 0; i < columns_; ++i) one += i ? ", ?" : "?";
  one += ")";
  std::string sql = head_ + " VALUES ";
  sql.reserve(sql.size() + rows * (one.size() + 2) + tail_.size() + 1);
  for (std::size_t r = 0; r < rows; ++r) {
    if (r) sql += ", ";
    sql += one;
  }
  if (!tail_.empty()) sql += " " + tail_;
  return sql;
}

void BulkInsert::add(Params row) {
  if (row.size() != columns_) throw std::invalid_argument("BulkInsert row has the wrong number of values");
  for (auto& v : row) pending_.push_back(std::move(v));
  if (pending_.size() == rows_per_statement_ * columns_) {
    c_.execute(full_, pending_);
    written_ += rows_per_statement_;
    pending_.clear();
  }
}

void BulkInsert::flush() {
  if (pending_.empty()) return;
  const auto rows = pending_.size() / columns_;
  c_.execute(statement(rows), pending_);
  written_ += rows;
  pending_.clear();
}

}  // namespace jiceng::store
