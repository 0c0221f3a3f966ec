// One member's record, the way offices know it from the national member system: the register's
// row with its data-quality findings, then what each module above keeps about the member (the
// development timeline, transfers and flows, organisation life, evaluations, dues), each read under
// that module's own scope through Module::member_record.
#include <boost/json.hpp>
#include <tuple>

#include "core/dates.hpp"
#include "core/errors.hpp"
#include "core/module.hpp"
#include "orgs/service.hpp"
#include "people/queries.hpp"
#include "people/record_rules.hpp"
#include "people/service.hpp"

namespace jiceng::people {
namespace {

namespace bj = boost::json;

bj::value text_or_null(const store::Row& r, std::size_t i) {
  if (r.is_null(i) || r.text(i).empty()) return nullptr;
  return bj::value(r.text(i));
}

std::optional<std::string> opt(const store::Row& r, std::size_t i) {
  if (r.is_null(i)) return std::nullopt;
  return r.text(i);
}

bj::array problems_json(const std::vector<RecordProblem>& all) {
  bj::array out;
  for (const auto& p : all) out.push_back(bj::object{{"field", p.field}, {"code", p.code}, {"message", p.message}});
  return out;
}

std::vector<RecordProblem> problems_of(const store::Row& r, const crypto::FieldCipher& cipher, std::int64_t today) {
  MemberFacts f;
  f.name = r.text(1);
  f.gender = r.is_null(2) ? "" : r.text(2);
  f.ethnicity = r.is_null(3) ? "" : r.text(3);
  f.birth_date = r.is_null(4) ? "" : r.text(4);
  f.id_number = r.is_null(5) ? "" : cipher.decrypt(r.text(5));
  f.education = r.is_null(8) ? "" : r.text(8);
  f.joined_on = opt(r, 9);
  f.full_on = opt(r, 10);
  f.category = r.is_null(12) ? "" : r.text(12);
  f.status = r.text(13);
  return record_problems(f, today);
}

}  // namespace

std::int64_t check_records(App& app) {
  constexpr std::int64_t kBatch = 2000;
  const auto today = core::local_day(app.now());
  std::int64_t after = 0, found = 0;
  for (;;) {
    const auto [last, n, with] = app.db.write([&](store::Conn& c) {
      const auto rows = c.query(sql::kCheckBatch, {after, kBatch});
      if (rows.empty()) return std::tuple<std::int64_t, std::size_t, std::int64_t>{after, 0, 0};
      const std::int64_t upto = rows[rows.size() - 1].integer(0);
      c.execute(sql::kClearProblems, {after, upto});
      std::int64_t with_findings = 0;
      for (const auto& r : rows) {
        const auto all = problems_of(r, app.cipher, today);
        if (all.empty()) continue;
        ++with_findings;
        std::string codes = " ";
        for (const auto& p : all) codes += p.field + ":" + p.code + " ";
        c.execute(sql::kInsertProblem,
                  {r.integer(0), r.text(1), r.integer(11), r.text(14), r.text(15), codes,
                   bj::serialize(problems_json(all)), static_cast<std::int64_t>(all.size()), app.now()});
      }
      return std::tuple<std::int64_t, std::size_t, std::int64_t>{upto, rows.size(), with_findings};
    });
    found += with;
    after = last;
    if (n < static_cast<std::size_t>(kBatch)) break;
  }
  return found;
}

bj::object member_record_page(App& app, const core::Principal& who, std::int64_t id) {
  core::ScopeColumns cols;
  cols.area_path = "area_path";
  cols.org_path = "org_path";
  cols.member_id = "id";  // a member reads their own record
  const auto scope = core::scope_clause(who, core::Register::members, core::Action::read, cols);
  auto page = app.db.read([&](store::Conn& c) {
    store::Params params{id};
    params.insert(params.end(), scope.params.begin(), scope.params.end());
    const auto r = c.one(std::string(sql::kRecordMember) + " AND " + scope.sql, params);
    if (!r) not_found("党员不存在或不在您的管辖范围内");
    const auto org = orgs::org_info(c, r->integer(11));
    bj::object member{{"id", r->integer(0)},
                      {"name", r->text(1)},
                      {"gender", text_or_null(*r, 2)},
                      {"ethnicity", text_or_null(*r, 3)},
                      {"birth_date", text_or_null(*r, 4)},
                      {"id_number", r->text(6)},
                      {"phone", text_or_null(*r, 7)},
                      {"education", text_or_null(*r, 8)},
                      {"joined_on", text_or_null(*r, 9)},
                      {"full_on", text_or_null(*r, 10)},
                      {"org_id", r->integer(11)},
                      {"org_name", org ? org->name : ""},
                      {"category", text_or_null(*r, 12)},
                      {"status", r->text(13)}};
    return bj::object{{"member", std::move(member)},
                      {"problems", problems_json(problems_of(*r, app.cipher, core::local_day(app.now())))}};
  });
  bj::object sections;
  for (const auto* m : installed_modules()) {
    if (!m->member_record) continue;
    try {
      auto part = m->member_record(app, who, id);
      if (!part.is_null()) sections[m->name] = std::move(part);
    } catch (const ApiError& e) {
      // What the caller may not read of that module is left out, not refused as a whole.
      if (e.status() != 403 && e.status() != 404) throw;
    }
  }
  page["sections"] = std::move(sections);
  return page;
}

}  // namespace jiceng::people
