// The county's appeal settings: the category tree, the holiday calendar and the limits. An edit
// of the calendar or the limits is read at the next deadline computed.
#include <boost/json.hpp>

#include "appeals/queries.hpp"
#include "appeals/service.hpp"
#include "appeals/service_internal.hpp"
#include "core/errors.hpp"

namespace jiceng::appeals {
namespace {

namespace bj = boost::json;

constexpr int kMaxCategoryLevel = 3;
constexpr char kCountySetting[] = "县级设置（组织部修改）";

void record(App& app, store::Conn& c, const core::Principal& who, const std::string& ip, const std::string& action,
            const std::string& type, const std::string& id, const std::string& after) {
  audit::record(c, {app.now(), who.username, who.account_id, ip, action, type, id, "", after});
}

// Appends "column = ?" for a field given.
template <class T>
void set_if(std::string& sets, store::Params& params, const char* column, const std::optional<T>& v) {
  if (!v) return;
  sets += std::string(sets.empty() ? "" : ", ") + column + " = ?";
  params.emplace_back(*v);
}

}  // namespace

std::int64_t create_category(App& app, const core::Principal& who, const std::string& ip, const NewCategory& in) {
  return app.db.write([&](store::Conn& c) {
    std::int64_t level = 1;
    if (in.parent) {
      auto p = c.one(sql::kCategoryLevel, {*in.parent});
      if (!p) bad_request("parent_id", "上级分类不存在");
      level = p->integer(0) + 1;
      if (level > kMaxCategoryLevel) bad_request("parent_id", "分类最多三级");
      // A category already holding appeals stays a leaf, so no appeal ends up on an inner node.
      if (c.one(sql::kCategoryInUse, {*in.parent})) bad_request("parent_id", "该分类下已有诉求，不能再增加下级分类");
    }
    if (c.one(sql::kSiblingNamed, {in.name, store::opt(in.parent)})) conflict("同一级下已有同名分类", "name");
    const auto id = c.one(sql::kInsertCategory, {store::opt(in.parent), in.name, level, in.urgency, in.department,
                                                 static_cast<std::int64_t>(in.dispute ? 1 : 0)})
                        ->integer(0);
    record(app, c, who, ip, "create", "appeal_category", std::to_string(id), in.name);
    return id;
  });
}

void edit_category(App& app, const core::Principal& who, const std::string& ip, std::int64_t id, const CategoryEdit& e,
                   const std::string& body) {
  std::string sets;
  store::Params params;
  set_if(sets, params, "name", e.name);
  set_if(sets, params, "urgency", e.urgency);
  set_if(sets, params, "department", e.department);
  set_if(sets, params, "is_dispute",
         e.dispute ? std::optional<std::int64_t>(*e.dispute ? 1 : 0) : std::optional<std::int64_t>());
  params.emplace_back(id);
  app.db.write([&](store::Conn& c) {
    if (c.execute(sql::kUpdateCategory + sets + sql::kWhereId, params) == 0) not_found("分类不存在");
    record(app, c, who, ip, "update", "appeal_category", std::to_string(id), body);
  });
}

bj::array holidays(App& app, const std::string& year) {
  auto rs = app.db.read([&](store::Conn& c) {
    return year.empty() ? c.query(sql::kHolidayList) : c.query(sql::kHolidayYear, {year + "-01-01", year + "-12-31"});
  });
  bj::array items;
  for (const auto& r : rs) items.push_back(bj::object{{"day", r.text(0)}, {"kind", r.text(1)}});
  return items;
}

void set_holiday(App& app, const core::Principal& who, const std::string& ip, const std::string& day,
                 const std::string& kind) {
  app.db.write([&](store::Conn& c) {
    c.execute(sql::kDeleteHoliday, {day});
    if (kind != "normal") c.execute(sql::kInsertHoliday, {day, kind});
    record(app, c, who, ip, "update", "holiday", day, kind);
  });
  state_of(app).policy.invalidate();
}

bj::array limits(App& app) {
  auto rs = app.db.read([](store::Conn& c) { return c.query(sql::kLimitList); });
  bj::array items;
  for (const auto& r : rs) {
    // Which rule it is and where it comes from: the seeds' method, or the county's own setting.
    items.push_back(bj::object{{"urgency", r.text(0)},
                               {"unit", r.text(1)},
                               {"total", r.integer(2)},
                               {"slices", bj::array{r.integer(3), r.integer(4), r.integer(5), r.integer(6)}},
                               {"source", r.is_null(7) ? "" : r.text(7)},
                               {"changed_on", r.is_null(8) ? bj::value(nullptr) : bj::value(r.text(8))}});
  }
  return items;
}

void set_limit(App& app, const core::Principal& who, const std::string& ip, const LimitRule& rule,
               const std::string& body) {
  app.db.write([&](store::Conn& c) {
    // Changed by the county: the rule is now its own setting, dated.
    c.execute(sql::kUpdateLimit,
              {std::string(limit_unit_name(rule.unit)), static_cast<std::int64_t>(rule.unit == LimitUnit::working_days),
               static_cast<std::int64_t>(rule.total), static_cast<std::int64_t>(rule.slices[0]),
               static_cast<std::int64_t>(rule.slices[1]), static_cast<std::int64_t>(rule.slices[2]),
               static_cast<std::int64_t>(rule.slices[3]), std::string(kCountySetting),
               core::format_day(core::local_day(app.now())), std::string(urgency_name(rule.urgency))});
    record(app, c, who, ip, "update", "appeal_limit", std::string(urgency_name(rule.urgency)), body);
  });
  state_of(app).policy.invalidate();
}

}  // namespace jiceng::appeals
