#include "appeals/figures.hpp"

#include <boost/json.hpp>
#include <map>
#include <mutex>
#include <tuple>

#include "appeals/calendar.hpp"
#include "appeals/queries.hpp"
#include "appeals/rules.hpp"
#include "orgs/service.hpp"
#include "store/bulk.hpp"

namespace jiceng::appeals {
namespace {

namespace bj = boost::json;

constexpr std::array<const char*, kFigureColumns> kColumns = {
    "received",  "responded",        "resolved",         "first_line",     "rated",
    "satisfied", "handling_seconds", "overdue_resolved", "first_line_grid"};
enum Col {
  kReceived,
  kResponded,
  kResolved,
  kFirstLine,
  kRated,
  kSatisfied,
  kHandling,
  kOverdueResolved,
  kFirstLineGrid
};

std::int64_t col_int(const store::Row& r, const char* name) {
  const auto& v = r.at(name);
  if (auto p = std::get_if<std::int64_t>(&v)) return *p;
  return 0;
}
bool has(const store::Row& r, const char* name) { return !std::holds_alternative<std::monostate>(r.at(name)); }
std::string col_text(const store::Row& r, const char* name) {
  const auto& v = r.at(name);
  if (auto p = std::get_if<std::string>(&v)) return *p;
  return {};
}

double rate(std::int64_t part, std::int64_t whole) {
  return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

}  // namespace

bj::object summarise(const Counts& t) {
  return bj::object{
      {"received", t[kReceived]},
      {"responded", t[kResponded]},
      {"resolved", t[kResolved]},
      {"first_line", t[kFirstLine]},
      {"rated", t[kRated]},
      {"satisfied", t[kSatisfied]},
      {"response_rate", rate(t[kResponded], t[kReceived])},
      {"resolution_rate", rate(t[kResolved], t[kReceived])},
      {"satisfaction_rate", rate(t[kSatisfied], t[kRated])},
      // Of every appeal and dispute received, not only the resolved ones (seed 002's 95%).
      {"first_line_rate", rate(t[kFirstLine], t[kReceived])},
      {"first_line_grid", t[kFirstLineGrid]},
      {"first_line_community", t[kFirstLine] - t[kFirstLineGrid]},
      {"first_line_grid_rate", rate(t[kFirstLineGrid], t[kReceived])},
      {"first_line_community_rate", rate(t[kFirstLine] - t[kFirstLineGrid], t[kReceived])},
      {"first_line_target", kFirstLineTarget},
      {"avg_handling_hours",
       t[kResolved] ? static_cast<double>(t[kHandling]) / 3600.0 / static_cast<double>(t[kResolved]) : 0.0},
      {"overdue_resolved", t[kOverdueResolved]}};
}

bj::array ranked(std::vector<std::pair<bj::object, Counts>> children) {
  std::vector<bj::object> list;
  for (auto& [obj, acc] : children) {
    auto s = summarise(acc);
    for (auto& [k, v] : obj) s[k] = v;
    list.push_back(std::move(s));
  }
  // The monthly ranking: resolution first, then satisfaction, then volume.
  std::stable_sort(list.begin(), list.end(), [](const bj::object& a, const bj::object& b) {
    const auto ra = a.at("resolution_rate").as_double(), rb = b.at("resolution_rate").as_double();
    if (ra != rb) return ra > rb;
    const auto sa = a.at("satisfaction_rate").as_double(), sb = b.at("satisfaction_rate").as_double();
    if (sa != sb) return sa > sb;
    return a.at("received").as_int64() > b.at("received").as_int64();
  });
  bj::array out;
  std::int64_t rank = 0;
  for (auto& o : list) {
    o["rank"] = ++rank;
    out.push_back(std::move(o));
  }
  return out;
}

namespace {

constexpr std::int64_t kLiveTtl = 10;
constexpr std::size_t kLiveCacheLimit = 10000;

// What is open right now under a node: open, overdue, due soon, as of `now`.
std::array<std::int64_t, 4> count_live(store::Conn& c, const std::string& path, std::int64_t now) {
  auto live = c.one(std::string(sql::kLiveCounts) + open_statuses_sql() + sql::kLiveCountsUnder,
                    {now, now, now, path, core::path_end(path)});
  return {live->integer(0), live->integer(1), live->integer(2), now};
}

// Adds the live counts and the ranked children to the summed figures.
bj::object finish(store::Conn& c, const FigureQuery& q, std::int64_t now, const Counts& total, bool by_child,
                  std::vector<std::pair<bj::object, Counts>> children, LiveCounts* cache) {
  bj::object out = summarise(total);
  const auto live = cache ? cache->get(c, q.path, now) : count_live(c, q.path, now);
  out["open"] = live[0];
  out["overdue_open"] = live[1];
  out["due_soon_open"] = live[2];
  out["live_as_of"] = live[3];
  out["from"] = q.from_day;
  out["to"] = q.to_day;
  if (by_child) out["children"] = ranked(std::move(children));
  return out;
}

// One statement for the whole path: on PostgreSQL each statement is a round trip in the writer.
void add_node_days(store::Conn& c, const std::string& area_path, const std::string& day, const Counts& counts,
                   int sign) {
  std::string cols = "node_path, parent_path, day";
  std::string marks = "(?, ?, ?";
  std::string sets;
  for (const auto* col : kColumns) {
    cols += std::string(", ") + col;
    marks += ", ?";
    sets += std::string(sets.empty() ? "" : ", ") + col + " = appeal_node_day." + col + " + excluded." + col;
  }
  marks += ")";
  std::string values;
  store::Params params;
  std::string parent;
  for (const auto& node : core::path_and_ancestors(area_path)) {
    values += values.empty() ? marks : ", " + marks;
    params.insert(params.end(), {node, parent, day});
    for (auto n : counts) params.emplace_back(sign * n);
    parent = node;
  }
  if (values.empty()) return;
  c.execute("INSERT INTO appeal_node_day (" + cols + ") VALUES " + values +
                " ON CONFLICT (node_path, day) DO UPDATE SET " + sets,
            params);
}

}  // namespace

Contribution contribution_of(const store::Row& a) {
  Contribution out;
  out.area_path = col_text(a, "area_path");
  out.day = core::format_day(core::local_day(col_int(a, "created_at")));
  out.category_id = col_int(a, "category_id");
  const auto status = col_text(a, "status");
  const bool resolved = has(a, "resolved_at");
  out.counts[kReceived] = status == "merged" ? 0 : 1;  // a merged duplicate is counted in its survivor
  out.counts[kResponded] = (has(a, "accepted_at") || status == "rejected") && status != "merged" ? 1 : 0;
  out.counts[kResolved] = resolved ? 1 : 0;
  // First-line: resolved and never held above the community, even if sent back down later.
  out.counts[kFirstLine] = resolved && status != "merged" && col_int(a, "max_level") <= kCommunityLevel ? 1 : 0;
  out.counts[kFirstLineGrid] = resolved && status != "merged" && col_int(a, "max_level") <= kGridLevel ? 1 : 0;
  const auto sat = col_text(a, "satisfaction");
  out.counts[kRated] = sat.empty() ? 0 : 1;
  out.counts[kSatisfied] = sat == "satisfied" || sat == "basic" ? 1 : 0;
  out.counts[kHandling] = resolved ? col_int(a, "resolved_at") - col_int(a, "created_at") : 0;
  out.counts[kOverdueResolved] = resolved && col_int(a, "resolved_at") > col_int(a, "deadline_at") ? 1 : 0;
  return out;
}

void retally(store::Conn& c, const Contribution& before, const Contribution& after) {
  auto apply = [&](const Contribution& k, int sign) {
    if (k.empty()) return;
    add_node_days(c, k.area_path, k.day, k.counts, sign);
    std::string cols = "area_path, day, category_id";
    std::string marks = "?, ?, ?";
    std::string sets;
    store::Params params{k.area_path, k.day, k.category_id};
    for (std::size_t i = 0; i < kColumns.size(); ++i) {
      cols += std::string(", ") + kColumns[i];
      marks += ", ?";
      params.emplace_back(sign * k.counts[i]);
      sets += std::string(sets.empty() ? "" : ", ") + kColumns[i] + " = appeal_day." + kColumns[i] + " + excluded." +
              kColumns[i];
    }
    c.execute("INSERT INTO appeal_day (" + cols + ") VALUES (" + marks +
                  ") ON CONFLICT (area_path, day, category_id) DO UPDATE SET " + sets,
              params);
  };
  const bool same_key =
      before.area_path == after.area_path && before.day == after.day && before.category_id == after.category_id;
  if (same_key && !before.empty()) {
    Contribution delta = after;
    bool any = false;
    for (std::size_t i = 0; i < delta.counts.size(); ++i) {
      delta.counts[i] -= before.counts[i];
      any = any || delta.counts[i] != 0;
    }
    if (any) apply(delta, 1);
    return;
  }
  apply(before, -1);
  apply(after, 1);
}

bool rebuild_rollups_if_due(store::Database& db) {
  // Every start asks; a read answers it, and only a due rebuild takes the writer.
  const auto due = [](store::Conn& c) { return c.one(sql::kRebuildIsDue).has_value(); };
  if (!db.read(due)) return false;
  return db.write([&](store::Conn& c) {
    if (!due(c)) return false;  // another process rebuilt them meanwhile
    rebuild_rollups(c);
    return true;
  });
}

std::int64_t rebuild_rollups(store::Conn& c) {
  constexpr std::int64_t kBatch = 20000;
  c.execute(sql::kRebuildDone);
  c.execute(sql::kClearDays);
  c.execute(sql::kClearNodeDays);
  std::map<std::tuple<std::string, std::string, std::int64_t>, Counts> by_key;
  std::map<std::pair<std::string, std::string>, std::pair<std::string, Counts>> by_node;
  std::int64_t counted = 0;
  for (std::int64_t after = 0;;) {
    auto rs = c.query(sql::kAppealsAfter, {after, kBatch});
    if (rs.empty()) break;
    for (const auto& r : rs) {
      after = r.integer(0);
      const auto k = contribution_of(r);
      auto& acc = by_key[{k.area_path, k.day, k.category_id}];
      for (std::size_t i = 0; i < acc.size(); ++i) acc[i] += k.counts[i];
      std::string parent;
      for (const auto& node : core::path_and_ancestors(k.area_path)) {
        auto& n = by_node[{node, k.day}];
        n.first = parent;
        for (std::size_t i = 0; i < n.second.size(); ++i) n.second[i] += k.counts[i];
        parent = node;
      }
      ++counted;
    }
  }
  std::string cols;
  for (const auto* col : kColumns) cols += std::string(", ") + col;
  store::BulkInsert days(c, "INSERT INTO appeal_day (area_path, day, category_id" + cols + ")", 3 + kColumns.size());
  for (const auto& [key, counts] : by_key) {
    store::Params p{std::get<0>(key), std::get<1>(key), std::get<2>(key)};
    for (auto n : counts) p.emplace_back(n);
    days.add(std::move(p));
  }
  days.flush();
  store::BulkInsert nodes(c, "INSERT INTO appeal_node_day (node_path, parent_path, day" + cols + ")",
                          3 + kColumns.size());
  for (const auto& [key, v] : by_node) {
    store::Params p{key.first, v.first, key.second};
    for (auto n : v.second) p.emplace_back(n);
    nodes.add(std::move(p));
  }
  nodes.flush();
  return counted;
}

// Until the next write (and for at most kLiveTtl seconds, as deadlines pass) one count serves
// every caller. When the count is out of date, the first caller recounts; callers arriving while it
// does get the previous count instead of recounting too (over a province that count takes about a
// second, and a crowd of them was the figures page's long tail).
std::array<std::int64_t, 4> LiveCounts::get(store::Conn& c, const std::string& path, std::int64_t now) {
  const auto generation = c.owner ? static_cast<std::int64_t>(c.owner->generation()) : -1;
  {
    std::lock_guard lock(mu_);
    auto it = cache_.find(path);
    if (it != cache_.end()) {
      const auto& e = it->second;
      const bool fresh =
          generation >= 0 && e.generation == generation && now >= e.counts[3] && now - e.counts[3] < kLiveTtl;
      const bool counted_before = e.counts[3] > 0;
      if (fresh || (e.recounting && counted_before)) return e.counts;
      it->second.recounting = true;
    } else {
      // Nothing to hand out yet: everyone counts until the first count is in.
      if (cache_.size() > kLiveCacheLimit) cache_.clear();
      cache_[path].recounting = true;
    }
  }
  std::array<std::int64_t, 4> out{};
  try {
    out = count_live(c, path, now);
  } catch (...) {
    std::lock_guard lock(mu_);
    if (auto it = cache_.find(path); it != cache_.end()) it->second.recounting = false;
    throw;
  }
  std::lock_guard lock(mu_);
  cache_[path] = Entry{out, generation, false};
  return out;
}

bj::object figures(store::Conn& c, const FigureQuery& q, std::int64_t now, bool by_child, LiveCounts* live) {
  std::string sums;
  for (const auto* col : kColumns) sums += std::string(", COALESCE(SUM(") + col + "), 0)";
  // Without a category the per-node rollup answers: the node's own rows and its children's.
  if (!q.category_id) {
    Counts total{};
    auto own = c.one("SELECT COUNT(*)" + sums + " FROM appeal_node_day WHERE node_path = ? AND day >= ? AND day <= ?",
                     {q.path, q.from_day, q.to_day});
    for (std::size_t i = 0; i < kColumns.size(); ++i) total[i] = own->integer(i + 1);
    std::vector<std::pair<bj::object, Counts>> children;
    if (by_child) {
      // One primary-key range per child: a node has tens of children at most.
      const std::string child_sql =
          "SELECT COUNT(*)" + sums + " FROM appeal_node_day WHERE node_path = ? AND day >= ? AND day <= ?";
      for (const auto& a : orgs::children_of(c, q.path)) {
        auto row = c.one(child_sql, {a.path, q.from_day, q.to_day});
        Counts acc{};
        for (std::size_t i = 0; i < kColumns.size(); ++i) acc[i] = row->integer(i + 1);
        children.push_back({bj::object{{"area_id", a.id}, {"name", a.name}}, acc});
      }
    }
    return finish(c, q, now, total, by_child, std::move(children), live);
  }
  std::string where = "area_path >= ? AND area_path < ? AND day >= ? AND day <= ?";
  store::Params params{q.path, core::path_end(q.path), q.from_day, q.to_day};
  if (q.category_id) {
    where += sql::kDayCategorySubtree;
    params.insert(params.end(), {*q.category_id, *q.category_id, *q.category_id});
  }
  auto rows = c.query("SELECT area_path" + sums + " FROM appeal_day WHERE " + where + " GROUP BY area_path", params);
  Counts total{};
  // Children of the node: each rollup row belongs to the child whose path prefixes it.
  std::map<std::string, std::pair<bj::object, Counts>> children;
  std::vector<std::pair<std::string, std::string>> child_paths;  // path, name
  if (by_child) {
    for (const auto& a : orgs::children_of(c, q.path)) {
      child_paths.emplace_back(a.path, a.name);
      children[a.path] = {bj::object{{"area_id", a.id}, {"name", a.name}}, {}};
    }
  }
  for (const auto& r : rows) {
    const auto path = r.text(0);
    for (std::size_t i = 0; i < kColumns.size(); ++i) total[i] += r.integer(i + 1);
    for (const auto& [cp, name] : child_paths) {
      if (path.compare(0, cp.size(), cp) == 0) {
        auto& acc = children[cp].second;
        for (std::size_t i = 0; i < kColumns.size(); ++i) acc[i] += r.integer(i + 1);
        break;
      }
    }
  }
  std::vector<std::pair<bj::object, Counts>> list;
  for (const auto& [cp, name] : child_paths) list.push_back(std::move(children[cp]));
  return finish(c, q, now, total, by_child, std::move(list), live);
}

}  // namespace jiceng::appeals
