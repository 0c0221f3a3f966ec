// The sheet an office fills in to assess a subtree's dues from a unit's payroll: every member of the
// roll with the category and base in force, from the first month not yet settled, so that a row
// left as it is imports back unchanged and an office edits only the bases that moved.
#include <map>

#include "dues/internal.hpp"
#include "dues/queries.hpp"
#include "dues/sheet.hpp"
#include "people/service.hpp"

namespace jiceng::dues {
namespace {

constexpr std::int64_t kMaxTemplateMembers = 200000;

}  // namespace

io::Table bases_template(App& app, const core::Principal& who, std::int64_t org_id) {
  return app.db.read([&](store::Conn& c) {
    const auto org = detail::writable_org(c, who, org_id);
    const auto roll = people::roll_under(c, org.path, kMaxTemplateMembers);
    std::vector<std::int64_t> ids;
    ids.reserve(roll.size());
    for (const auto& m : roll) ids.push_back(m.id);
    std::map<std::int64_t, detail::Account> accounts;
    for (const auto& r : store::query_ids(c, std::string(sql::kAccountColumns) + sql::kAccountsIn, ids)) {
      accounts.emplace(r.integer(0), detail::account_of(r));
    }
    const auto current = detail::current_month(app);
    io::Table t;
    t.reserve(roll.size() + 1);
    // The import reads 党员编号, 姓名, 交纳类别, 计算基数(元) and 起始月份; the rest is for the reader.
    t.push_back({"党员编号", "姓名", "交纳类别", "计算基数(元)", "起始月份", "现每月应交(元)", "说明"});
    for (const auto& m : roll) {
      const auto a = accounts.find(m.id);
      if (a == accounts.end()) {
        // A category that settles the kind (rural → farmer) is filled in; others wait for the payroll.
        const auto kind = kind_for_category(m.category);
        t.push_back({std::to_string(m.id), m.name, kind ? std::string(kind_label(*kind)) : "", "", month_code(current),
                     "", "未核定：请填写交纳类别，工资类须填计算基数"});
        continue;
      }
      const auto kind = parse_kind(a->second.kind);
      t.push_back({std::to_string(m.id), m.name, kind ? std::string(kind_label(*kind)) : a->second.kind,
                   a->second.base_fen ? yuan(*a->second.base_fen) : "",
                   month_code(std::max(current, a->second.next_due)), yuan(a->second.monthly), ""});
    }
    return t;
  });
}

}  // namespace jiceng::dues
