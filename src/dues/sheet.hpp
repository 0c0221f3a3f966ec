#pragma once
// The monthly collection sheet (党费收缴登记表) as plain rows: built once from the store, then
// rendered as JSON, XLSX or a printable page. A county's sheet has tens of thousands of rows, so
// they are kept as structs rather than JSON objects until the JSON is asked for.
#include <boost/json/fwd.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/principal.hpp"
#include "dues/rules.hpp"
#include "io/table.hpp"

namespace jiceng {
struct App;
}

namespace jiceng::dues {

struct SheetPayment final {
  Fen paid = 0;
  std::string paid_on, method, method_label;
  std::optional<std::string> proxy;
  std::int64_t months = 1;
};

struct SheetRow final {
  std::int64_t member_id = 0, org_id = 0;
  std::string name, org_name, category;
  bool assessed = false;
  std::string kind_label;
  std::optional<Fen> base_fen, due_fen;
  std::optional<std::string> rate;
  std::int64_t owed_months = 0;
  std::optional<SheetPayment> payment;
  std::string note;
};

struct SheetVoluntary final {
  std::int64_t member_id = 0;
  std::string name;
  Fen amount = 0;
  std::string paid_on, method_label;
  std::optional<std::string> proxy;
  bool to_centre = false;
  std::string note;
};

struct CollectionSheet final {
  std::int64_t org_id = 0;
  std::string org_name, month;
  std::vector<SheetRow> rows;
  std::vector<SheetVoluntary> voluntary;
  std::int64_t assessed = 0, paid_members = 0, owing_members = 0;
  Fen due = 0, paid = 0, voluntary_fen = 0, centre_fen = 0, collected = 0;
};

// The sheet of an organisation's subtree for a month (YYYY-MM).
CollectionSheet collection_sheet(App& app, const core::Principal& who, std::int64_t org_id, const std::string& month);
boost::json::object sheet_json(const CollectionSheet& s);
// The headings the payments import reads back (imports.cpp) are among these.
io::Table sheet_table(const CollectionSheet& s);
std::string sheet_html(const CollectionSheet& s);
// The payroll template (bases_template.cpp): the subtree's roll with the bases in force, as the
// bases import reads it back; for those who may assess dues there.
io::Table bases_template(App& app, const core::Principal& who, std::int64_t org_id);

}  // namespace jiceng::dues
