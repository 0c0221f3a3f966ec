// The filters and the order of a list or an export, from the query string.
#include <algorithm>
#include <boost/json.hpp>

#include "core/errors.hpp"
#include "core/json.hpp"
#include "registry/engine.hpp"
#include "registry/values.hpp"

namespace jiceng::registry::engine {
namespace {

using core::Action;

constexpr std::size_t kMaxQuery = 50;
constexpr std::size_t kMinTrigramChars = 3;
// U+10FFFF in UTF-8: appended to a prefix, it bounds every string that starts with that prefix.
constexpr char kAfterEveryCharacter[] = "\xF4\x8F\xBF\xBF";

// member_name_scope then delivers the order and the scope together, where the caller's area order
// read and sorted every match (1,000 rows for 王建 over two million members) for each page.
bool name_prefix_sort(const Spec& s, const http::Request& req, store::Dialect d) {
  if (!s.fts_member_name || d != store::Dialect::sqlite) return false;
  const auto text = req.param("q");
  return text && json::utf8_length(*text) == 2;
}

}  // namespace

// The filters every list and export share: scope first, then what the caller asked for.
Query build_filters(const Spec& s, store::Conn& c, Ctx& ctx) {
  Query q;
  auto scope = scope_of(s, c, ctx.who(), Action::read);
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
    const auto found = area ? refs().area_path(c, id) : refs().org_path(c, id);
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

}  // namespace jiceng::registry::engine
