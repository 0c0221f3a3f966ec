#include "core/dated_settings.hpp"

#include <boost/json.hpp>

#include "core/dates.hpp"
#include "core/errors.hpp"

namespace jiceng::core::dated {
namespace {

constexpr char kColumns[] = "SELECT id, setting_key, value, source, effective_from, effective_to, created_by FROM ";

Setting setting_of(const store::Row& r) {
  Setting s{r.integer(0), r.text(1), r.integer(2), r.text(3), r.text(4), std::nullopt, r.text(6)};
  if (!r.is_null(5)) s.effective_to = r.text(5);
  return s;
}

}  // namespace

std::optional<Setting> in_force(store::Conn& c, std::string_view table, std::string_view key, const std::string& day) {
  const auto r =
      c.one(std::string(kColumns) + std::string(table) +
                " WHERE setting_key = ? AND effective_from <= ? AND (effective_to IS NULL OR effective_to > ?) "
                "ORDER BY effective_from DESC LIMIT 1",
            {std::string(key), day, day});
  if (!r) return std::nullopt;
  return setting_of(*r);
}

std::vector<Setting> all(store::Conn& c, std::string_view table) {
  std::vector<Setting> out;
  for (const auto& r : c.query(std::string(kColumns) + std::string(table) + " ORDER BY id"))
    out.push_back(setting_of(r));
  return out;
}

boost::json::object json_of(const Setting& s) {
  namespace bj = boost::json;
  return bj::object{{"id", s.id},
                    {"key", s.key},
                    {"value", s.value},
                    {"source", s.source},
                    {"effective_from", s.effective_from},
                    {"effective_to", s.effective_to ? bj::value(*s.effective_to) : bj::value(nullptr)},
                    {"created_by", s.created_by}};
}

boost::json::object listing(store::Conn& c, std::string_view table) {
  boost::json::array items;
  for (const auto& s : all(c, table)) items.push_back(json_of(s));
  return boost::json::object{{"items", std::move(items)}};
}

void change(store::Conn& c, std::string_view table, const std::string& key, std::int64_t value,
            const std::string& source, const std::string& effective_from, std::int64_t today, const std::string& by,
            std::int64_t now) {
  const auto from = parse_day(effective_from);
  if (from == kBadDay || !is_valid_date(effective_from)) bad_request("effective_from", "生效日期无效");
  // Whatever already happened keeps the setting of its day.
  if (from < today) bad_request("effective_from", "生效日期不能早于今天，已发生的事项沿用原设置");
  const std::string t(table);
  if (auto current =
          c.one("SELECT id, effective_from FROM " + t + " WHERE setting_key = ? AND effective_to IS NULL", {key})) {
    if (parse_day(current->text(1)) >= from) conflict("生效日期应晚于现行设置的生效日期", "effective_from");
    c.execute("UPDATE " + t + " SET effective_to = ? WHERE id = ?", {effective_from, current->integer(0)});
  }
  c.execute("INSERT INTO " + t +
                " (setting_key, value, source, effective_from, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            {key, value, source, effective_from, by, now});
}

}  // namespace jiceng::core::dated
