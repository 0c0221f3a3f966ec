// What open311 and lists read of appeals, through appeals' own SQL.
#include "appeals/exports.hpp"

#include "appeals/exports_queries.hpp"
#include "appeals/rules.hpp"
#include "appeals/service.hpp"

namespace jiceng::appeals {
namespace {

// A list may name many tracking codes; they are read this many to a statement.
constexpr std::size_t kCodesPerStatement = 100;

std::optional<double> opt_real(const store::Row& r, std::size_t i) {
  return r.is_null(i) ? std::nullopt : std::optional(r.real(i));
}

PublicCategory category_of(const store::Row& r) {
  return PublicCategory{r.integer(0), r.text(1), r.text(2), r.text(5), r.opt_text(3), r.opt_text(4)};
}

PublishedAppeal published_of(const store::Row& r) {
  PublishedAppeal a;
  a.id = r.integer(0);
  a.code = r.text(1);
  a.status = r.text(2);
  a.category_name = r.text(3);
  a.category_id = r.integer(4);
  a.description = r.text(5);
  a.department = r.text(6);
  a.created_at = r.integer(7);
  a.updated_at = r.integer(8);
  a.deadline_at = r.integer(9);
  a.address = r.opt_text(10);
  a.lat = opt_real(r, 11);
  a.lon = opt_real(r, 12);
  a.status_note = r.opt_text(13);
  a.first_photo = r.opt_text(14);
  return a;
}

}  // namespace

std::vector<PublicCategory> public_categories(store::Conn& c) {
  std::vector<PublicCategory> out;
  for (const auto& r : c.query(std::string(sql::kPublicCategories) + "ORDER BY c.id")) out.push_back(category_of(r));
  return out;
}

std::optional<PublicCategory> public_category(store::Conn& c, std::int64_t id) {
  auto r = c.one(std::string(sql::kPublicCategories) + "AND c.id = ?", {id});
  if (!r) return std::nullopt;
  return category_of(*r);
}

std::vector<PublishedAppeal> published_appeals(store::Conn& c, const PublishedFilter& f) {
  std::string where = std::string("WHERE 1=1") + sql::kPublishable + " AND t.created_at >= ? AND t.created_at <= ?";
  store::Params params{f.created_from, f.created_to};
  if (!f.category_ids.empty()) {
    where += " AND t.category_id IN (" + store::placeholders(f.category_ids.size()) + ")";
    for (const auto id : f.category_ids) params.emplace_back(id);
  }
  if (f.open) where += std::string(*f.open ? " AND t.status IN " : " AND t.status NOT IN ") + open_statuses_sql();
  params.emplace_back(f.limit);
  std::vector<PublishedAppeal> out;
  for (const auto& r :
       c.query(std::string(sql::kPublishedAppeal) + where + " ORDER BY t.created_at DESC LIMIT ?", params)) {
    out.push_back(published_of(r));
  }
  return out;
}

std::vector<PublishedAppeal> published_by_codes(store::Conn& c, std::span<const std::string> codes) {
  std::vector<PublishedAppeal> out;
  for (std::size_t from = 0; from < codes.size(); from += kCodesPerStatement) {
    store::Params params;
    for (std::size_t i = from; i < codes.size() && i < from + kCodesPerStatement; ++i) params.emplace_back(codes[i]);
    for (const auto& r : c.query(std::string(sql::kPublishedAppeal) + "WHERE t.code IN (" +
                                     store::placeholders(params.size()) + ")" + sql::kPublishable,
                                 params)) {
      out.push_back(published_of(r));
    }
  }
  return out;
}

std::optional<PublishedState> published_state(store::Conn& c, const std::string& code) {
  auto r = c.one(std::string(sql::kPublishedState) + sql::kPublishable, {code});
  if (!r) return std::nullopt;
  return PublishedState{r->integer(0), r->text(1)};
}

std::vector<PublishedUpdate> published_updates(store::Conn& c, std::int64_t from, std::int64_t to, std::int64_t limit) {
  std::vector<PublishedUpdate> out;
  for (const auto& r : c.query(sql::kPublishedUpdates, {from, to, limit})) {
    out.push_back(PublishedUpdate{r.integer(0), r.integer(1), r.text(2), r.text(3), r.integer(4), r.text(5),
                                  r.opt_text(6), r.opt_text(7)});
  }
  return out;
}

std::optional<AppealForNeed> appeal_for_need(store::Conn& c, const core::Principal& who, std::int64_t id) {
  auto scope = core::scope_clause(who, core::Register::appeals, core::Action::write, scope_columns());
  store::Params params{id};
  params.insert(params.end(), scope.params.begin(), scope.params.end());
  auto r = c.one(std::string(sql::kAppealForNeed) + " AND " + scope.sql, params);
  if (!r) return std::nullopt;
  return AppealForNeed{r->text(0),      r->text(1),     r->integer(2), opt_real(*r, 3),
                       opt_real(*r, 4), r->opt_text(5), r->text(6)};
}

}  // namespace jiceng::appeals
