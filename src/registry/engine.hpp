#pragma once
// The parts of the register engine, shared by its files and internal to registry/: engine.cpp
// wires them to each Spec's routes.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/router.hpp"
#include "registry/spec.hpp"
#include "registry/values.hpp"

namespace jiceng::registry::engine {

// The caller's scope over `s` for `a`, with `s.own_key` asked only of callers it concerns (listing.cpp).
core::Clause scope_of(const Spec& s, store::Conn& c, const core::Principal& who, core::Action a);
// What the module that keeps areas, organisations and units installed (set_ref_lookups); throws
// std::logic_error when nothing has.
const RefLookups& refs();

// Reading rows (listing.cpp).
// One row as `who` sees it when they may do `a` to it; nullopt when they may not (or it is gone).
std::optional<boost::json::object> load_one(const Spec& s, store::Conn& c, const core::Principal& who, std::int64_t id,
                                            core::Action a, std::optional<store::Row>* raw = nullptr);

// What a list or an export asks for (filters.cpp).
struct Query final {
  std::string where;
  store::Params params;
  bool plain = true;  // only scope and subtree ranges: a total can come from the rollups
  std::optional<std::string> area_filter;
  std::optional<std::string> org_filter;
  void add(const std::string& cond, store::Params p = {}) {
    where += (where.empty() ? " WHERE " : " AND ") + cond;
    params.insert(params.end(), p.begin(), p.end());
  }
};

// The filters every list and export share: scope first, then what the caller asked for.
Query build_filters(const Spec& s, store::Conn& c, Ctx& ctx);

// Lists are ordered by a column an index delivers in order, then by id, so every page is a
// short index walk from the cursor whatever the size of the register or of the caller's scope.
struct Sort final {
  std::string column;  // raw column read back for the cursor; empty when ordering by id alone
  std::string expr;    // what ORDER BY uses
  bool desc = false;
  bool numeric = false;
  bool indexable = false;  // expr is the bare column, so a plain bound can seek the index
};

Sort parse_sort(const Spec& s, const http::Request& req, store::Dialect d);

// A page of a list, from the cursor `after` on (listing.cpp).
struct Page final {
  boost::json::array items;
  std::optional<std::string> next;
  std::optional<std::int64_t> total;
  std::vector<store::Row> rows;
};

Page fetch_page(const Spec& s, store::Conn& c, Ctx& ctx, const Query& base, const Sort& sort, std::int64_t limit,
                const std::optional<std::string>& after, bool keep_rows);

// Writing one row (writes.cpp): parse and check the given fields, insert, audit.
void prepare_write(const Spec& s, WriteCtx& wc, const std::map<std::string, std::string>& raw, Source src);
std::int64_t insert_row(const Spec& s, WriteCtx& wc);
void audit_write(WriteCtx& wc, const http::Request& req, const std::string& action, const std::string& type,
                 std::int64_t id, const std::string& before, const std::string& after);

// The routes of a register.
http::Response list(const Spec& s, Ctx& ctx);          // listing.cpp
http::Response detail(const Spec& s, Ctx& ctx);        // listing.cpp
http::Response create(const Spec& s, Ctx& ctx);        // writes.cpp
http::Response edit(const Spec& s, Ctx& ctx);          // writes.cpp
http::Response import(const Spec& s, Ctx& ctx);        // sheets.cpp
http::Response export_sheet(const Spec& s, Ctx& ctx);  // sheets.cpp

// The OpenAPI description of a list's query and of a create or edit body (openapi.cpp).
std::string list_doc(const Spec& s);
std::string body_doc(const Spec& s, bool create);

}  // namespace jiceng::registry::engine
