// The county's [local] rules as dated numbers (core/dated_settings.hpp, the pattern organisation
// life began): 公示 working days, how long a political review holds, whether candidates go through
// the county's joint review, and how far ahead deadlines are warned about.
#include <array>
#include <boost/json.hpp>

#include "core/dated_settings.hpp"
#include "core/dates.hpp"
#include "core/errors.hpp"
#include "pipeline/internal.hpp"
#include "pipeline/service.hpp"

namespace jiceng::pipeline {
namespace {

namespace bj = boost::json;

struct Key final {
  std::string_view key, label;
  std::int64_t min, max;
};
// data table
constexpr std::array<Key, 5> kKeys = {{
    {"publicity_working_days", "发展对象公示工作日数", 0, 30},
    {"political_review_valid_months", "政审结论有效期（月）", 1, 36},
    {"joint_review_required", "发展对象须经县级联审（1是，0否）", 0, 1},
    {"warn_first_days", "提前提醒天数（第一次）", 1, 90},
    {"warn_second_days", "提前提醒天数（第二次）", 1, 30},
}};

const Key* key_of(std::string_view key) {
  for (const auto& k : kKeys) {
    if (k.key == key) return &k;
  }
  return nullptr;
}

}  // namespace

bj::object settings(App& app) {
  return app.db.read([&](store::Conn& c) {
    bj::array items;
    for (const auto& s : core::dated::all(c, detail::kSettingsTable)) {
      const auto* k = key_of(s.key);
      auto item = core::dated::json_of(s);
      item["label"] = k ? k->label : s.key;
      items.push_back(std::move(item));
    }
    return bj::object{{"items", std::move(items)}};
  });
}

bj::object change_setting(App& app, const Actor& by, const std::string& key, std::int64_t value,
                          const std::string& source, const std::string& effective_from) {
  const auto* k = key_of(key);
  if (!k) {
    std::string keys;
    for (const auto& x : kKeys) keys += (keys.empty() ? "" : "、") + std::string(x.key);
    bad_request("key", "可设置的项目：" + keys);
  }
  if (value < k->min || value > k->max) {
    bad_request("value",
                std::string(k->label) + "应在 " + std::to_string(k->min) + " 到 " + std::to_string(k->max) + " 之间");
  }
  app.db.write([&](store::Conn& c) {
    detail::county_only(c, by.who);
    core::dated::change(c, detail::kSettingsTable, key, value, source, effective_from, core::local_day(app.now()),
                        by.name(), app.now());
    cogov::audit(c, app, by, "setting", "pipeline_setting", 0,
                 key + "=" + std::to_string(value) + " from " + effective_from);
  });
  return settings(app);
}

}  // namespace jiceng::pipeline
