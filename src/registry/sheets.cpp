// Importing a register from a CSV or XLSX sheet (all rows or none) and exporting it to one.
#include <algorithm>
#include <boost/json.hpp>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "io/table.hpp"
#include "registry/engine.hpp"
#include "registry/values.hpp"

namespace jiceng::registry::engine {
namespace {

namespace bj = boost::json;
using core::Action;

constexpr std::size_t kExportBatch = 2000;
constexpr std::size_t kMaxExportRows = 1'000'000;
constexpr std::size_t kMaxImportErrors = 500;
constexpr char kXlsxType[] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

std::string ref_alias(const Field& f) {
  if (f.key.size() > 3 && f.key.compare(f.key.size() - 3, 3, "_id") == 0)
    return f.key.substr(0, f.key.size() - 3) + "_name";
  return f.key + "_name";
}

// The name a list shows for a reference: a column the register joins itself, or one its owner
// looked up (Spec::ref_names).
std::string shown_name(const Spec& s, const store::Row& row, const bj::object& item, const std::string& alias) {
  std::string name;
  for (std::size_t i = 0; i < row.columns().size(); ++i) {
    if (row.columns()[i] == alias) name = row.text(i);
  }
  for (const auto& n : s.ref_names) {
    const auto* v = item.if_contains(alias);
    if (n.alias == alias && v && v->is_string()) name = std::string(v->as_string());
  }
  return name;
}

std::vector<const Field*> sheet_fields(const Spec& s, bool for_import) {
  std::vector<const Field*> out;
  for (const auto& f : s.fields) {
    if (f.heading.empty() || !f.exported) continue;
    if (for_import && !f.writable) continue;
    out.push_back(&f);
  }
  return out;
}

}  // namespace

http::Response import(const Spec& s, Ctx& ctx) {
  if (!ctx.who().can(s.reg, Action::write)) forbidden();
  const bool dry_run = ctx.req.param("dry_run").value_or("0") == "1";
  const auto type = ctx.req.header("content-type").value_or("");
  const bool xlsx = type.rfind(kXlsxType, 0) == 0 || ctx.req.body.rfind("PK\x03\x04", 0) == 0;
  io::Table table;
  try {
    table = xlsx ? io::parse_xlsx(ctx.req.body) : io::parse_csv(ctx.req.body);
  } catch (const io::TableError& e) {
    throw ApiError(400, "bad_file", e.what());
  }
  if (table.empty()) throw ApiError(400, "bad_file", "文件为空，第一行应为表头");
  const auto fields = sheet_fields(s, true);
  std::vector<const Field*> by_column;
  for (const auto& h : table[0]) {
    std::string heading = h;
    while (!heading.empty() && heading.back() == ' ') heading.pop_back();
    const Field* found = nullptr;
    for (const auto* f : fields) {
      if (f->heading == heading || f->key == heading) found = f;
    }
    by_column.push_back(found);
  }
  for (const auto* f : fields) {
    if (f->required && std::find(by_column.begin(), by_column.end(), f) == by_column.end()) {
      throw ApiError(422, "missing_column", "缺少必填列“" + f->heading + "”", f->heading);
    }
  }
  bj::array errors;
  std::size_t imported = 0;
  const std::size_t rows = table.size() - 1;
  struct Abort {};
  try {
    ctx.app.db.write([&](store::Conn& c) {
      for (std::size_t r = 1; r < table.size(); ++r) {
        std::map<std::string, std::string> raw;
        bool blank = true;
        for (std::size_t col = 0; col < by_column.size() && col < table[r].size(); ++col) {
          if (!by_column[col]) continue;
          raw[by_column[col]->key] = table[r][col];
          if (!table[r][col].empty()) blank = false;
        }
        if (blank) continue;
        try {
          WriteCtx wc{s.reg, c, ctx.app, ctx.who()};
          prepare_write(s, wc, raw, Source::sheet);
          const auto id = insert_row(s, wc);
          auto created = load_one(s, c, ctx.who(), id, Action::read);
          if (!created) forbidden("不在您的管辖范围内");
          if (!dry_run) audit_write(wc, ctx.req, "create", s.table, id, "", bj::serialize(*created));
          ++imported;
        } catch (const ApiError& e) {
          std::string column = e.field();
          if (const auto* f = s.field(column)) column = f->heading;
          if (errors.size() < kMaxImportErrors) {
            errors.push_back(
                bj::object{{"row", static_cast<std::int64_t>(r + 1)}, {"column", column}, {"reason", e.message()}});
          }
        } catch (const store::DbError& e) {
          if (!e.constraint) throw;
          if (errors.size() < kMaxImportErrors) {
            errors.push_back(
                bj::object{{"row", static_cast<std::int64_t>(r + 1)}, {"column", ""}, {"reason", "与已有记录重复"}});
          }
        }
      }
      // Nothing lands unless every row is good; a dry run never lands.
      if (!errors.empty() || dry_run) throw Abort{};
      audit::record(c, {ctx.app.now(), ctx.who().username, ctx.who().account_id, ctx.req.client_ip, "import", s.table,
                        "", "", bj::serialize(bj::object{{"rows", imported}})});
    });
  } catch (const Abort&) {
  }
  if (!errors.empty()) {
    return json::respond(bj::object{{"ok", false}, {"rows", rows}, {"imported", 0}, {"errors", std::move(errors)}},
                         422);
  }
  return json::respond(
      bj::object{{"ok", true}, {"rows", rows}, {"imported", dry_run ? 0 : imported}, {"dry_run", dry_run}});
}

http::Response export_sheet(const Spec& s, Ctx& ctx) {
  if (!ctx.who().can(s.reg, Action::read)) forbidden();
  const auto format = ctx.req.param("format").value_or("csv");
  if (format != "csv" && format != "xlsx") bad_request("format", "format 应为 csv 或 xlsx");
  const auto fields = sheet_fields(s, false);
  const bool staff = core::staff_reader(ctx.who(), s.reg);
  io::Table table;
  table.emplace_back();
  for (const auto* f : fields) table[0].push_back(f->heading);
  ctx.app.db.read([&](store::Conn& c) {
    Query base = build_filters(s, c, ctx);
    const Sort sort = parse_sort(s, ctx.req, ctx.app.db.dialect());
    std::optional<std::string> after;
    for (;;) {
      auto page = fetch_page(s, c, ctx, base, sort, kExportBatch, after, true);
      for (std::size_t r = 0; r < page.rows.size(); ++r) {
        const auto& row = page.rows[r];
        std::vector<std::string> line;
        for (const auto* f : fields) {
          std::string ref_name;
          if (f->kind == Kind::ref_area || f->kind == Kind::ref_org || f->kind == Kind::ref_unit) {
            ref_name = shown_name(s, row, page.items[r].as_object(), ref_alias(*f));
          }
          line.push_back(f->column.empty() || (f->staff_only && !staff) ? ""
                                                                        : to_cell(*f, row.at(f->column), ref_name));
        }
        table.push_back(std::move(line));
      }
      if (!page.next || table.size() > kMaxExportRows) break;
      after = page.next;
    }
  });
  http::Response r;
  const std::string filename = s.name + (format == "csv" ? ".csv" : ".xlsx");
  if (format == "csv") {
    r.content_type = "text/csv; charset=utf-8";
    r.body = io::write_csv(table);
  } else {
    r.content_type = kXlsxType;
    r.body = io::write_xlsx(table, s.label);
  }
  r.set_header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  r.set_header("Cache-Control", "no-store");
  return r;
}

}  // namespace jiceng::registry::engine
