// Reading registers: one row, and a list page by page along an index, with its total from the
// rollups where only scope narrows it.
#include <algorithm>
#include <boost/json.hpp>
#include <unordered_map>

#include "core/errors.hpp"
#include "core/json.hpp"
#include "registry/engine.hpp"
#include "registry/values.hpp"

namespace jiceng::registry::engine {
namespace {

namespace bj = boost::json;
using core::Action;

constexpr std::int64_t kDefaultPage = 50;
constexpr std::int64_t kMaxPage = 200;

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

std::string select_sql(const Spec& s) {
  std::string sql = "SELECT t.*";
  for (const auto& [expr, alias] : s.extra) sql += ", " + expr + " AS " + alias;
  sql += " FROM " + s.table + " t " + s.joins;
  return sql;
}

// The rows with each lookup's names appended as columns named by its alias, null where the id is
// null or unknown, as a LEFT JOIN would have given them: one lookup call for all the rows.
std::vector<store::Row> with_names(const Spec& s, store::Conn& c, std::vector<store::Row> rows) {
  if (s.lookups.empty() || rows.empty()) return rows;
  auto columns = std::make_shared<std::vector<std::string>>(rows.front().columns());
  const auto width = columns->size();
  std::vector<std::size_t> at;  // each lookup's id column
  std::vector<std::unordered_map<std::int64_t, std::string>> names;
  for (const auto& l : s.lookups) {
    const auto i =
        static_cast<std::size_t>(std::find(columns->begin(), columns->begin() + width, l.column) - columns->begin());
    std::vector<std::int64_t> ids;
    for (const auto& r : rows) {
      if (i < width && !r.is_null(i)) ids.push_back(r.integer(i));
    }
    at.push_back(i);
    names.push_back(ids.empty() ? std::unordered_map<std::int64_t, std::string>{} : l.names(c, ids));
    columns->push_back(l.alias);
  }
  std::vector<store::Row> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    std::vector<store::Value> values;
    values.reserve(columns->size());
    for (std::size_t i = 0; i < width; ++i) values.push_back(r[i]);
    for (std::size_t k = 0; k < at.size(); ++k) {
      const auto it = at[k] < width && !r.is_null(at[k]) ? names[k].find(r.integer(at[k])) : names[k].end();
      values.push_back(it == names[k].end() ? store::null() : store::Value(it->second));
    }
    out.emplace_back(columns, std::move(values));
  }
  return out;
}

void render_alias(const store::Row& row, const std::string& alias, bj::object& o) {
  const auto& cols = row.columns();
  for (std::size_t i = 0; i < cols.size(); ++i) {
    if (cols[i] == alias) {
      o[alias] = row.is_null(i) ? bj::value(nullptr) : bj::value(row.text(i));
      return;
    }
  }
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
  for (const auto& e : s.extra) render_alias(row, e.second, o);
  for (const auto& l : s.lookups) render_alias(row, l.alias, o);
  if (s.decorate) s.decorate(c, row, o, detail);
  return o;
}

}  // namespace

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
  auto rs = with_names(s, c, c.query(select_sql(s) + " WHERE t.id IN (" + in + ")", ids).rows);
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
                                   std::optional<store::Row>* raw) {
  auto scope = core::scope_clause(who, s.reg, a, s.scope_for(a));
  store::Params params{id};
  params.insert(params.end(), scope.params.begin(), scope.params.end());
  auto found = c.one(select_sql(s) + " WHERE t.id = ? AND " + scope.sql, params);
  if (!found) return std::nullopt;
  const auto row = with_names(s, c, {*found}).front();
  if (raw) *raw = row;
  return render(s, c, row, true, core::staff_reader(who, s.reg));
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

}  // namespace jiceng::registry::engine
