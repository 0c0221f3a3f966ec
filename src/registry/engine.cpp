// List, detail, create, edit, import and export for every register, written once over its Spec.
#include <algorithm>
#include <boost/json.hpp>
#include <deque>
#include <mutex>
#include <unordered_map>

#include "audit/audit.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/router.hpp"
#include "io/table.hpp"
#include "orgs/service.hpp"
#include "registry/spec.hpp"
#include "registry/values.hpp"

namespace jiceng::registry {
namespace {

namespace bj = boost::json;
using core::Action;

constexpr std::int64_t kDefaultPage = 50;
constexpr std::int64_t kMaxPage = 200;
constexpr std::size_t kMaxQuery = 50;
constexpr std::size_t kExportBatch = 2000;
constexpr std::size_t kMaxExportRows = 1'000'000;
constexpr std::size_t kMaxImportErrors = 500;
constexpr std::size_t kMinTrigramChars = 3;
// U+10FFFF in UTF-8: appended to a prefix, it bounds every string that starts with that prefix.
constexpr char kAfterEveryCharacter[] = "\xF4\x8F\xBF\xBF";
constexpr char kXlsxType[] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

std::deque<Spec>& specs() {
  static std::deque<Spec> s;
  return s;
}

std::string base64url(const std::string& in) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  unsigned val = 0;
  int bits = -6;
  for (unsigned char c : in) {
    val = (val << 8) + c;
    bits += 8;
    while (bits >= 0) {
      out.push_back(kAlphabet[(val >> bits) & 0x3F]);
      bits -= 6;
    }
  }
  if (bits > -6) out.push_back(kAlphabet[((val << 8) >> (bits + 8)) & 0x3F]);
  return out;
}

std::optional<std::string> unbase64url(const std::string& in) {
  std::string out;
  unsigned val = 0;
  int bits = -8;
  for (char ch : in) {
    int d;
    if (ch >= 'A' && ch <= 'Z')
      d = ch - 'A';
    else if (ch >= 'a' && ch <= 'z')
      d = ch - 'a' + 26;
    else if (ch >= '0' && ch <= '9')
      d = ch - '0' + 52;
    else if (ch == '-')
      d = 62;
    else if (ch == '_')
      d = 63;
    else
      return std::nullopt;
    val = (val << 6) + static_cast<unsigned>(d);
    bits += 6;
    if (bits >= 0) {
      out.push_back(static_cast<char>((val >> bits) & 0xFF));
      bits -= 8;
    }
  }
  return out;
}

std::string select_sql(const Spec& s) {
  std::string sql = "SELECT t.*";
  for (const auto& [expr, alias] : s.extra) sql += ", " + expr + " AS " + alias;
  sql += " FROM " + s.table + " t " + s.joins;
  return sql;
}

std::string ref_alias(const Field& f) {
  if (f.key.size() > 3 && f.key.compare(f.key.size() - 3, 3, "_id") == 0)
    return f.key.substr(0, f.key.size() - 3) + "_name";
  return f.key + "_name";
}

bj::object render(const Spec& s, store::Conn& c, const store::Row& row, bool detail, bool staff) {
  bj::object o;
  o["id"] = row.integer(0);
  for (const auto& f : s.fields) {
    if (f.column.empty()) continue;
    o[f.key] = f.staff_only && !staff ? bj::value(nullptr) : to_json(f, row.at(f.column));
  }
  const auto& cols = row.columns();
  // Every register table carries these (the engine writes them); lists sort and show "updated".
  for (std::size_t i = 0; i < cols.size(); ++i) {
    if ((cols[i] == "created_at" || cols[i] == "updated_at") && !row.is_null(i) && !o.contains(cols[i])) {
      o[cols[i]] = row.integer(i);
    }
  }
  for (const auto& [expr, alias] : s.extra) {
    for (std::size_t i = 0; i < cols.size(); ++i) {
      if (cols[i] == alias) {
        o[alias] = row.is_null(i) ? bj::value(nullptr) : bj::value(row.text(i));
        break;
      }
    }
  }
  if (s.decorate) s.decorate(c, row, o, detail);
  return o;
}

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
Query build_filters(const Spec& s, store::Conn& c, Ctx& ctx) {
  Query q;
  auto scope = core::scope_clause(ctx.who(), s.reg, Action::read, s.scope_for(Action::read));
  q.add(scope.sql, scope.params);
  WriteCtx wc{s.reg, c, ctx.app, ctx.who()};
  for (const auto& f : s.fields) {
    if (!f.filter) continue;
    auto raw = ctx.req.param(f.key);
    if (!raw || raw->empty()) continue;
    auto v = parse_value(f, *raw, Source::json, wc);
    q.add("t." + f.column + " = ?", {v});
    q.plain = false;
  }
  auto subtree = [&](const char* param, const std::string& column, bool area, std::optional<std::string>& filter) {
    if (column.empty()) return;
    auto id = http::int_param(ctx.req, param, 0, INT64_MAX / 2).value_or(0);
    if (id == 0) return;
    std::optional<std::string> found;
    if (area) {
      if (auto a = orgs::area_by_id(c, id)) found = a->path;
    } else if (auto o = orgs::org_paths_by_id(c, id)) {
      found = o->path;
    }
    // An unknown node simply matches nothing; scope already hides what the caller may not see.
    const std::string path = found.value_or("/none/");
    q.add("t." + column + " >= ? AND t." + column + " < ?", {path, core::path_end(path)});
    filter = path;
  };
  subtree("area_id", s.subtree_area_column, true, q.area_filter);
  subtree("org_id", s.subtree_org_column, false, q.org_filter);
  // Trees filter their own path column; only a register's area_path matches the area rollups.
  if (s.subtree_area_column != "area_path") q.area_filter.reset();
  if (s.subtree_org_column != "org_path") q.org_filter.reset();
  if (s.tree) {
    if (auto p = ctx.req.param("parent_id"); p && !p->empty()) {
      q.plain = false;
      const auto parent = http::int_param(ctx.req, "parent_id", 0, INT64_MAX / 2).value_or(0);
      if (parent == 0) {
        // The caller's top nodes: the shallowest ones their scope reaches.
        std::string sub = "t.depth = (SELECT MIN(t.depth) FROM " + s.table + " t" + q.where + ")";
        store::Params params = q.params;
        q.add(sub, params);
      } else {
        q.add("t.parent_id = ?", {parent});
      }
    }
  }
  if (auto text = ctx.req.param("q"); text && !text->empty()) {
    const long n = json::utf8_length(*text);
    if (n < 0 || static_cast<std::size_t>(n) > kMaxQuery) bad_request("q", "搜索词最多 50 个字符");
    if (s.search_column.empty()) bad_request("q", "此名册不支持按名称搜索");
    // A NUL ends the full-text query early (an "unterminated string" to FTS5); no name holds one.
    if (std::any_of(text->begin(), text->end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x20; })) {
      bad_request("q", "搜索词不能包含控制字符");
    }
    q.plain = false;
    if (s.fts_member_name && c.dialect() == store::Dialect::sqlite && static_cast<std::size_t>(n) >= kMinTrigramChars) {
      std::string phrase = "\"";
      for (char ch : *text) phrase += ch == '"' ? std::string("\"\"") : std::string(1, ch);
      phrase += "\"";
      q.add("t.id IN (SELECT rowid FROM member_fts WHERE member_fts MATCH ?)", {phrase});
    } else if (s.fts_member_name && c.dialect() == store::Dialect::sqlite) {
      // One or two characters are a surname, or a surname and the first given character: a range
      // of the name index. Scanning every member for a two-character substring took seconds at
      // two million members, and so did counting them. Two characters match few enough members
      // to walk them all in name order (name_prefix_sort); a surname alone matches so many that
      // walking the caller's area in order finds a page soonest.
      q.add("t.name >= ? AND t.name < ?", {*text, *text + kAfterEveryCharacter});
    } else {
      q.add("t." + s.search_column + " LIKE ? ESCAPE '\\'", {store::like_contains(*text)});
    }
  }
  return q;
}

// Lists are ordered by a column an index delivers in order, then by id, so every page is a
// short index walk from the cursor whatever the size of the register or of the caller's scope.
struct Sort final {
  std::string column;  // raw column read back for the cursor; empty when ordering by id alone
  std::string expr;    // what ORDER BY uses
  bool desc = false;
  bool numeric = false;
  bool indexable = false;  // expr is the bare column, so a plain bound can seek the index
};

// A search for a surname and a given character (two characters) on SQLite lists in name order:
// member_name_scope then delivers the order and the scope together, where the caller's area order
// read and sorted every match (1,000 rows for 王建 over two million members) for each page.
bool name_prefix_sort(const Spec& s, const http::Request& req, store::Dialect d) {
  if (!s.fts_member_name || d != store::Dialect::sqlite) return false;
  const auto text = req.param("q");
  return text && json::utf8_length(*text) == 2;
}

Sort parse_sort(const Spec& s, const http::Request& req, store::Dialect d) {
  Sort out;
  if (auto o = req.param("order"); o && !o->empty()) {
    if (*o != "asc" && *o != "desc") bad_request("order", "order 应为 asc 或 desc");
    out.desc = *o == "desc";
  }
  auto key = req.param("sort");
  if ((!key || key->empty()) && name_prefix_sort(s, req, d)) {
    out.column = "name";
    out.expr = "t.name";
    out.indexable = true;
    return out;
  }
  if (!key || key->empty()) {
    if (!s.order_column.empty()) {
      out.column = s.order_column;
      out.expr = "t." + s.order_column;
      out.indexable = true;
    }
    return out;
  }
  if (*key == "id") return out;
  const Field* f = s.field(*key);
  if (!f || !f->sort) bad_request("sort", "不能按此字段排序");
  out.column = f->column;
  out.numeric = f->kind == Kind::integer || f->kind == Kind::number;
  // Required columns are NOT NULL, so they sort bare and an index on them can serve the order.
  out.indexable = f->required;
  out.expr = f->required ? "t." + f->column : "COALESCE(t." + f->column + (out.numeric ? ", 0)" : ", '')");
  return out;
}

struct Page final {
  bj::array items;
  std::optional<std::string> next;
  std::optional<std::int64_t> total;
  std::vector<store::Row> rows;
};

Page fetch_page(const Spec& s, store::Conn& c, Ctx& ctx, const Query& base, const Sort& sort, std::int64_t limit,
                const std::optional<std::string>& after, bool keep_rows) {
  // The cursor's bound goes first: SQLite seeks the index with the first usable range it sees.
  Query q;
  const char* cmp = sort.desc ? "<" : ">";
  if (after && !after->empty()) {
    auto decoded = unbase64url(*after);
    boost::system::error_code ec;
    bj::value cur = decoded ? bj::parse(*decoded, ec) : bj::value();
    if (!decoded || ec || !cur.is_array() || cur.as_array().size() != 2 || !cur.as_array()[1].is_int64()) {
      bad_request("after", "翻页游标无效，请从第一页重新查询");
    }
    const auto id = cur.as_array()[1].as_int64();
    if (sort.column.empty()) {
      q.add(std::string("t.id ") + cmp + " ?", {id});
    } else {
      const auto& v = cur.as_array()[0];
      store::Value sv = v.is_int64()    ? store::Value(v.as_int64())
                        : v.is_string() ? store::Value(std::string(v.as_string()))
                                        : store::Value(std::string());
      if (sort.indexable) q.add(sort.expr + (sort.desc ? " <= ?" : " >= ?"), {sv});
      q.add("(" + sort.expr + ", t.id) " + cmp + " (?, ?)", {sv, id});
    }
  }
  const std::string base_where = base.where.empty() ? "" : base.where.substr(7);  // drop " WHERE "
  if (!base_where.empty()) q.add(base_where, base.params);
  const char* dir = sort.desc ? " DESC" : " ASC";
  const std::string order = (sort.column.empty() ? "" : sort.expr + dir + ", ") + "t.id" + dir;
  // First the ids, light to sort; then the full rows of just those ids.
  store::Params params = q.params;
  params.emplace_back(limit + 1);
  auto keys = c.query("SELECT t.id" + (sort.column.empty() ? std::string() : ", " + sort.expr) + " FROM " + s.table +
                          " t" + q.where + " ORDER BY " + order + " LIMIT ?",
                      params);
  Page page;
  const std::size_t n = std::min<std::size_t>(keys.size(), static_cast<std::size_t>(limit));
  if (n == 0) return page;
  std::string in;
  store::Params ids;
  for (std::size_t i = 0; i < n; ++i) {
    in += i ? ", ?" : "?";
    ids.emplace_back(keys[i].integer(0));
  }
  auto rs = c.query(select_sql(s) + " WHERE t.id IN (" + in + ")", ids);
  std::unordered_map<std::int64_t, std::size_t> at;
  for (std::size_t i = 0; i < rs.size(); ++i) at[rs[i].integer(0)] = i;
  for (std::size_t i = 0; i < n; ++i) {
    auto it = at.find(keys[i].integer(0));
    if (it == at.end()) continue;
    page.items.push_back(render(s, c, rs[it->second], false, core::staff_reader(ctx.who(), s.reg)));
    if (keep_rows) page.rows.push_back(rs[it->second]);
  }
  if (keys.size() > static_cast<std::size_t>(limit)) {
    const auto& last = keys[n - 1];
    bj::array cur;
    if (sort.column.empty()) {
      cur.emplace_back(nullptr);
    } else if (auto p = std::get_if<std::int64_t>(&last[1])) {
      cur.emplace_back(*p);
    } else if (auto p = std::get_if<std::string>(&last[1])) {
      cur.emplace_back(*p);
    } else {
      cur.emplace_back(sort.numeric ? bj::value(0) : bj::value(""));
    }
    cur.emplace_back(last.integer(0));
    page.next = base64url(bj::serialize(cur));
  }
  return page;
}

std::int64_t sum_tally(store::Conn& c, const char* table, const char* key, const std::string& column,
                       const std::vector<std::string>& roots) {
  if (roots.empty()) return 0;
  std::string where;
  store::Params params;
  for (const auto& r : roots) {
    where += std::string(where.empty() ? "" : " OR ") + "(" + key + " >= ? AND " + key + " < ?)";
    params.emplace_back(r);
    params.emplace_back(core::path_end(r));
  }
  return c.scalar("SELECT COALESCE(SUM(" + column + "), 0) FROM " + table + " WHERE " + where, params);
}

// A list's total from the rollups when only scope and subtree ranges narrow it.
std::optional<std::int64_t> tally_total(const Spec& s, store::Conn& c, const core::Principal& who, const Query& q) {
  if (s.tally_column.empty() || !q.plain) return std::nullopt;
  if (!q.org_filter) {
    if (auto roots = core::covering_paths(who, s.reg, Action::read, core::ScopeType::area, q.area_filter)) {
      return sum_tally(c, "area_tally", "area_path", s.tally_column, *roots);
    }
  }
  if (s.org_tally && !q.area_filter) {
    if (auto roots = core::covering_paths(who, s.reg, Action::read, core::ScopeType::org, q.org_filter)) {
      return sum_tally(c, "org_tally", "org_path", "members", *roots);
    }
  }
  return std::nullopt;
}

http::Response list(const Spec& s, Ctx& ctx) {
  if (!ctx.who().can(s.reg, Action::read)) forbidden();
  if (s.before_read) s.before_read(ctx.app);
  const auto limit = http::int_param(ctx.req, "limit", 1, kMaxPage).value_or(kDefaultPage);
  const auto sort = parse_sort(s, ctx.req, ctx.app.db.dialect());
  const auto after = ctx.req.param("after");
  auto page = ctx.app.db.read([&](store::Conn& c) {
    Query base = build_filters(s, c, ctx);
    Page p = fetch_page(s, c, ctx, base, sort, limit, after, false);
    if (!after || after->empty()) {
      p.total = tally_total(s, c, ctx.who(), base);
      if (!p.total) p.total = store::count(c, "SELECT COUNT(*) FROM " + s.table + " t" + base.where, base.params);
    }
    return p;
  });
  bj::object out{{"items", std::move(page.items)}};
  out["next_cursor"] = page.next ? bj::value(*page.next) : bj::value(nullptr);
  out["total"] = page.total ? bj::value(*page.total) : bj::value(nullptr);
  return json::respond(out);
}

std::optional<bj::object> load_one(const Spec& s, store::Conn& c, const core::Principal& who, std::int64_t id, Action a,
                                   std::optional<store::Row>* raw = nullptr) {
  auto scope = core::scope_clause(who, s.reg, a, s.scope_for(a));
  store::Params params{id};
  params.insert(params.end(), scope.params.begin(), scope.params.end());
  auto row = c.one(select_sql(s) + " WHERE t.id = ? AND " + scope.sql, params);
  if (!row) return std::nullopt;
  if (raw) *raw = *row;
  return render(s, c, *row, true, core::staff_reader(who, s.reg));
}

http::Response detail(const Spec& s, Ctx& ctx) {
  if (!ctx.who().can(s.reg, Action::read)) forbidden();
  if (s.before_read) s.before_read(ctx.app);
  const auto id = ctx.id();
  auto obj = ctx.app.db.read([&](store::Conn& c) {
    auto o = load_one(s, c, ctx.who(), id, Action::read);
    if (o && s.detail_for) s.detail_for(c, ctx.app, ctx.who(), *o);
    return o;
  });
  if (!obj) not_found();
  return json::respond(*obj);
}

// Parses the given fields into ctx.input, runs the register's hook and returns what to write.
void prepare_write(const Spec& s, WriteCtx& wc, const std::map<std::string, std::string>& raw, Source src) {
  for (const auto& f : s.fields) {
    if (!f.writable) continue;
    auto it = raw.find(f.key);
    if (it == raw.end()) {
      if (wc.create && f.required) bad_request(f.key, f.heading + "为必填项", "required");
      continue;
    }
    auto v = parse_value(f, it->second, src, wc);
    if (f.required && std::holds_alternative<std::monostate>(v)) bad_request(f.key, f.heading + "为必填项", "required");
    wc.input[f.key] = v;
    if (!f.column.empty() && f.kind != Kind::id_number && f.kind != Kind::phone) wc.columns[f.column] = v;
  }
  if (s.prepare) s.prepare(wc);
}

std::int64_t insert_row(const Spec& s, WriteCtx& wc) {
  const auto now = wc.app.now();
  wc.columns["created_at"] = now;
  wc.columns["updated_at"] = now;
  std::string cols, marks;
  store::Params params;
  for (const auto& [k, v] : wc.columns) {
    cols += (cols.empty() ? "" : ", ") + k;
    marks += marks.empty() ? "?" : ", ?";
    params.push_back(v);
  }
  auto row = wc.conn.one("INSERT INTO " + s.table + " (" + cols + ") VALUES (" + marks + ") RETURNING id", params);
  return row->integer(0);
}

void audit_write(WriteCtx& wc, const http::Request& req, const std::string& action, const std::string& type,
                 std::int64_t id, const std::string& before, const std::string& after) {
  audit::record(wc.conn, {wc.app.now(), wc.who.username, wc.who.account_id, req.client_ip, action, type,
                          std::to_string(id), before, after});
}

std::map<std::string, std::string> raw_from_body(const Spec& s, const bj::object& body) {
  std::map<std::string, std::string> raw;
  for (const auto& f : s.fields) {
    if (const auto* v = body.if_contains(f.key); v && f.writable) raw[f.key] = raw_from_json(f, *v);
  }
  return raw;
}

http::Response create(const Spec& s, Ctx& ctx) {
  if (!ctx.who().can(s.reg, Action::write)) forbidden();
  const auto body = json::parse_object(ctx.req.body);
  const auto raw = raw_from_body(s, body);
  auto obj = ctx.app.db.write([&](store::Conn& c) {
    WriteCtx wc{s.reg, c, ctx.app, ctx.who()};
    prepare_write(s, wc, raw, Source::json);
    const auto id = insert_row(s, wc);
    auto out = load_one(s, c, ctx.who(), id, Action::read);
    if (!out) forbidden("新记录不在您的管辖范围内");
    audit_write(wc, ctx.req, "create", s.table, id, "", bj::serialize(*out));
    return *out;
  });
  return json::respond(obj, 201);
}

http::Response edit(const Spec& s, Ctx& ctx) {
  if (!ctx.who().can(s.reg, Action::write)) forbidden();
  const auto id = ctx.id();
  const auto body = json::parse_object(ctx.req.body);
  const auto raw = raw_from_body(s, body);
  auto obj = ctx.app.db.write([&](store::Conn& c) {
    std::optional<store::Row> existing;
    auto before = load_one(s, c, ctx.who(), id, Action::write, &existing);
    if (!before) {
      if (load_one(s, c, ctx.who(), id, Action::read)) forbidden("您只能查看、不能修改此记录");
      not_found();
    }
    WriteCtx wc{s.reg, c, ctx.app, ctx.who(), false, existing};
    prepare_write(s, wc, raw, Source::json);
    if (!wc.columns.empty()) {
      wc.columns["updated_at"] = ctx.app.now();
      std::string sets;
      store::Params params;
      for (const auto& [k, v] : wc.columns) {
        sets += (sets.empty() ? "" : ", ") + k + " = ?";
        params.push_back(v);
      }
      params.emplace_back(id);
      c.execute("UPDATE " + s.table + " SET " + sets + " WHERE id = ?", params);
    }
    auto after = load_one(s, c, ctx.who(), id, Action::read);
    if (!after) forbidden("修改后的记录将不在您的管辖范围内");
    audit_write(wc, ctx.req, "update", s.table, id, bj::serialize(*before), bj::serialize(*after));
    return *after;
  });
  // An edit may move what a session's scope resolves to (a member's branch, a unit's area).
  core::principals_changed();
  return json::respond(obj);
}

// ---- import and export ----

std::vector<const Field*> sheet_fields(const Spec& s, bool for_import) {
  std::vector<const Field*> out;
  for (const auto& f : s.fields) {
    if (f.heading.empty() || !f.exported) continue;
    if (for_import && !f.writable) continue;
    out.push_back(&f);
  }
  return out;
}

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
      for (const auto& row : page.rows) {
        std::vector<std::string> line;
        for (const auto* f : fields) {
          std::string ref_name;
          if (f->kind == Kind::ref_area || f->kind == Kind::ref_org || f->kind == Kind::ref_unit) {
            const auto alias = ref_alias(*f);
            for (std::size_t i = 0; i < row.columns().size(); ++i) {
              if (row.columns()[i] == alias) ref_name = row.text(i);
            }
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

}  // namespace

std::string WriteCtx::area_path(const std::string& field, std::int64_t area_id) const {
  auto area = orgs::area_in_scope(conn, who, reg, core::Action::write, area_id);
  if (!area) bad_request(field, "所选区域不存在或不在您的管辖范围内");
  return area->path;
}

std::pair<std::string, std::string> WriteCtx::org_paths(const std::string& field, std::int64_t org_id) const {
  auto org = orgs::org_paths_in_scope(conn, who, reg, core::Action::write, org_id);
  if (!org) bad_request(field, "所选党组织不存在或不在您的管辖范围内");
  return {org->path, org->area_path};
}

const Field* Spec::field(const std::string& key) const {
  for (const auto& f : fields) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

void add_spec(Spec spec) { specs().push_back(std::move(spec)); }

const Spec* find_spec(const std::string& name) {
  for (const auto& s : specs()) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

namespace {

bj::object field_schema(const Field& f) {
  bj::object o{{"description", f.heading.empty() ? f.key : f.heading}};
  switch (f.kind) {
    case Kind::integer:
    case Kind::ref_area:
    case Kind::ref_org:
    case Kind::ref_unit: o["type"] = "integer"; break;
    case Kind::boolean: o["type"] = "boolean"; break;
    case Kind::number: o["type"] = "number"; break;
    case Kind::list:
      o["type"] = "array";
      o["items"] = bj::object{{"type", "string"}, {"maxLength", f.max_len}};
      break;
    case Kind::date:
      o["type"] = "string";
      o["format"] = "date";
      break;
    default: o["type"] = "string"; o["maxLength"] = f.max_len;
  }
  if (!f.choices.empty()) {
    bj::array values;
    for (const auto& c : f.choices) values.emplace_back(c.value);
    o["enum"] = std::move(values);
  }
  return o;
}

std::string list_doc(const Spec& s) {
  auto q = [](const char* name, const char* type, const char* what) {
    return bj::object{{"name", name}, {"in", "query"}, {"schema", bj::object{{"type", type}}}, {"description", what}};
  };
  bj::array params{q("q", "string", "按名称搜索（中文三字以上走全文索引）"),
                   q("limit", "integer", "每页条数，1–200，默认 50"), q("after", "string", "上一页返回的 next_cursor"),
                   q("sort", "string", "排序字段"), q("order", "string", "asc 或 desc")};
  for (const auto& f : s.fields) {
    if (f.filter) params.push_back(bj::object{{"name", f.key}, {"in", "query"}, {"schema", field_schema(f)}});
  }
  if (!s.subtree_area_column.empty()) params.push_back(q("area_id", "integer", "只看此区域的整棵子树"));
  if (!s.subtree_org_column.empty()) params.push_back(q("org_id", "integer", "只看此党组织的整棵子树"));
  if (s.tree) params.push_back(q("parent_id", "integer", "直接下级；0 表示调用者的顶层节点"));
  return bj::serialize(bj::object{{"parameters", std::move(params)}});
}

std::string body_doc(const Spec& s, bool create) {
  bj::object props;
  bj::array required;
  for (const auto& f : s.fields) {
    if (!f.writable) continue;
    props[f.key] = field_schema(f);
    if (create && f.required) required.emplace_back(f.key);
  }
  bj::object schema{{"type", "object"}, {"properties", std::move(props)}};
  if (!required.empty()) schema["required"] = std::move(required);
  return bj::serialize(bj::object{
      {"requestBody",
       bj::object{{"required", true},
                  {"content", bj::object{{"application/json", bj::object{{"schema", std::move(schema)}}}}}}}});
}

}  // namespace

http::Response detail_response(const Spec& spec, Ctx& ctx) { return detail(spec, ctx); }

void register_spec_routes(Router& r, const Spec& spec) {
  const std::string base = "/api/v1/" + spec.name;
  const Spec* s = &spec;
  r.add(
      "GET", base, Access::authenticated, spec.name, spec.label + "列表（筛选、搜索、排序、游标分页）",
      [s](Ctx& c) { return list(*s, c); }, list_doc(spec));
  r.add("GET", base + "/{id}", Access::authenticated, spec.name, spec.label + "详情",
        [s](Ctx& c) { return detail(*s, c); });
  if (spec.creatable) {
    r.add(
        "POST", base, Access::authenticated, spec.name, "新建" + spec.label, [s](Ctx& c) { return create(*s, c); },
        body_doc(spec, true));
  }
  r.add(
      "PATCH", base + "/{id}", Access::authenticated, spec.name, "修改" + spec.label,
      [s](Ctx& c) { return edit(*s, c); }, body_doc(spec, false));
  if (spec.creatable) {
    r.add("POST", "/api/v1/import/" + spec.name, Access::authenticated, spec.name,
          "导入" + spec.label + "（CSV 或 XLSX；dry_run=1 只预检）", [s](Ctx& c) { return import(*s, c); });
  }
  r.add("GET", "/api/v1/export/" + spec.name, Access::authenticated, spec.name, "导出" + spec.label + "（csv 或 xlsx）",
        [s](Ctx& c) { return export_sheet(*s, c); });
}

}  // namespace jiceng::registry
