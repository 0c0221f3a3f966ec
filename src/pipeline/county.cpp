// The county's side of development (seed 002: 指标单列、动态调剂、县级联审、提级抽查复核): yearly quotas per
// organisation and the moves between them, the joint review of a batch of candidates, and re-checks
// of a sample of the year's admissions drawn with a recorded seed.
#include <algorithm>
#include <boost/json.hpp>
#include <random>
#include <set>

#include "core/dates.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "orgs/lookups.hpp"
#include "orgs/service.hpp"
#include "pipeline/internal.hpp"
#include "pipeline/queries.hpp"
#include "pipeline/service.hpp"

namespace jiceng::pipeline {
namespace {

namespace bj = boost::json;

constexpr std::int64_t kMaxQuota = 100000;
constexpr std::size_t kMaxBatch = 200;
constexpr std::int64_t kMaxSample = 100;
constexpr std::int64_t kListedReviews = 50;

std::pair<std::string, std::string> year_range(int year) {
  return {std::to_string(year) + "-01-01", std::to_string(year + 1) + "-01-01"};
}

std::int64_t used(store::Conn& c, int year, const std::string& org_path) {
  const auto [from, to] = year_range(year);
  return c.scalar(sql::kAdmittedUnder, {from, to, org_path, core::path_end(org_path)});
}

// A file the county reviews: any in the installation.
detail::Record any_file(store::Conn& c, std::int64_t id, const char* field) {
  const auto r = detail::load(c, id);
  if (!r) bad_request(field, "发展党员档案不存在：" + std::to_string(id));
  return *r;
}

bj::object person_line(const detail::Record& r, const std::map<std::int64_t, std::string>& orgs) {
  const auto it = orgs.find(r.org_id);
  return bj::object{{"person_id", r.id},
                    {"name", r.name},
                    {"org_id", r.org_id},
                    {"org_name", it == orgs.end() ? "" : it->second},
                    {"stage", stage_name(r.file.stage)},
                    {"stage_label", stage_label(r.file.stage)}};
}

// The people of a review or re-check, with their organisations' names in one lookup.
std::vector<detail::Record> records(store::Conn& c, const store::ResultSet& rows,
                                    std::map<std::int64_t, std::string>& org_names) {
  std::vector<detail::Record> out;
  std::vector<std::int64_t> org_ids;
  for (const auto& row : rows) {
    if (auto r = detail::load(c, row.integer(0))) {
      org_ids.push_back(r->org_id);
      out.push_back(std::move(*r));
    }
  }
  org_names = orgs::org_names(c, org_ids);
  return out;
}

}  // namespace

// ---- 指标单列 and 动态调剂 ----

bj::object quotas(App& app, const core::Principal& who, int year) {
  return app.db.read([&](store::Conn& c) {
    if (!detail::supervisor(c, who)) forbidden("发展党员指标由县委组织部和街道（乡镇）查看");
    bj::array items;
    std::vector<std::int64_t> ids;
    const auto rows = c.query(sql::kQuotasUnder, {std::int64_t{year}, std::string("/"), core::path_end("/")});
    for (const auto& r : rows) ids.push_back(r.integer(0));
    const auto names = orgs::org_names(c, ids);
    std::set<std::int64_t> shown;
    for (const auto& r : rows) {
      const auto path = r.text(1);
      // A street sees the quotas of the organisations in its subtree.
      if (!detail::writes_over(who, path, r.text(5))) continue;
      shown.insert(r.integer(0));
      const auto n = used(c, year, path);
      const auto it = names.find(r.integer(0));
      items.push_back(bj::object{{"org_id", r.integer(0)},
                                 {"org_name", it == names.end() ? "" : it->second},
                                 {"quota", r.integer(2)},
                                 {"used", n},
                                 {"left", r.integer(2) - n},
                                 {"updated_by", r.text(3)},
                                 {"updated_at", r.integer(4)}});
    }
    bj::array moves;
    for (const auto& r : c.query(sql::kMoves, {std::int64_t{year}})) {
      // A move shows where one of its two sides is shown (both sides hold a quota row).
      if (!shown.contains(r.integer(1)) && !shown.contains(r.integer(2))) continue;
      moves.push_back(json::row_object(r, {"id", "from_org_id", "to_org_id", "amount", "reason", "moved_by", "at"}));
    }
    return bj::object{{"year", year}, {"items", std::move(items)}, {"moves", std::move(moves)}};
  });
}

bj::object set_quota(App& app, const Actor& by, int year, std::int64_t org_id, std::int64_t quota) {
  if (quota < 0 || quota > kMaxQuota) bad_request("quota", "指标数应在 0 到 100000 之间");
  app.db.write([&](store::Conn& c) {
    detail::county_only(c, by.who);
    const auto org = orgs::org_info(c, org_id);
    if (!org) bad_request("org_id", "党组织不存在");
    c.execute(sql::kUpsertQuota, {std::int64_t{year}, org_id, org->path, org->area_path, quota, by.name(), app.now()});
    cogov::audit(c, app, by, "quota", "party_org", org_id, std::to_string(year) + " quota=" + std::to_string(quota));
  });
  return quotas(app, by.who, year);
}

bj::object move_quota(App& app, const Actor& by, int year, std::int64_t from_org, std::int64_t to_org,
                      std::int64_t amount, const std::string& reason) {
  if (from_org == to_org) bad_request("to_org_id", "调入和调出的党组织不能相同");
  if (amount < 1 || amount > kMaxQuota) bad_request("amount", "调剂数量应为正整数");
  app.db.write([&](store::Conn& c) {
    detail::county_only(c, by.who);
    const auto from = orgs::org_info(c, from_org);
    const auto to = orgs::org_info(c, to_org);
    if (!from) bad_request("from_org_id", "党组织不存在");
    if (!to) bad_request("to_org_id", "党组织不存在");
    const auto have = c.one(sql::kQuota, {std::int64_t{year}, from_org});
    if (!have) conflict("调出的党组织没有本年度指标", "from_org_id");
    const auto left = have->integer(0) - used(c, year, from->path);
    if (left < amount) conflict("调出的党组织剩余指标" + std::to_string(left) + "个，不足调剂", "amount");
    if (!c.one(sql::kQuota, {std::int64_t{year}, to_org})) {
      c.execute(sql::kUpsertQuota,
                {std::int64_t{year}, to_org, to->path, to->area_path, std::int64_t{0}, by.name(), app.now()});
    }
    c.execute(sql::kAddQuota, {-amount, by.name(), app.now(), std::int64_t{year}, from_org});
    c.execute(sql::kAddQuota, {amount, by.name(), app.now(), std::int64_t{year}, to_org});
    c.execute(sql::kInsertMove, {std::int64_t{year}, from_org, to_org, amount, reason, by.name(), app.now()});
    cogov::audit(c, app, by, "quota_move", "party_org", from_org,
                 std::to_string(year) + " " + std::to_string(amount) + " → " + std::to_string(to_org) + " " + reason);
  });
  return quotas(app, by.who, year);
}

// ---- 县级联审 ----

bj::object open_review(App& app, const Actor& by, const std::string& title, const std::vector<std::int64_t>& ids) {
  if (ids.empty()) bad_request("person_ids", "请选择发展对象", "required");
  if (ids.size() > kMaxBatch) bad_request("person_ids", "每批最多 200 人");
  if (std::set<std::int64_t>(ids.begin(), ids.end()).size() != ids.size()) bad_request("person_ids", "人员重复");
  const auto id = app.db.write([&](store::Conn& c) {
    detail::county_only(c, by.who);
    for (const auto pid : ids) {
      const auto r = any_file(c, pid, "person_ids");
      if (r.file.stage != Stage::candidate || r.file.voted_on) {
        conflict(r.name + "不是待表决的发展对象，不能提交联审", "person_ids");
      }
      if (r.file.joint_review_passed) conflict(r.name + "已通过县级联审", "person_ids");
      if (c.one(sql::kPendingReviewOf, {pid})) conflict(r.name + "已在待审批次中", "person_ids");
    }
    const auto rid = c.one(sql::kInsertReview, {title, by.name(), app.now()})->integer(0);
    for (const auto pid : ids) c.execute(sql::kInsertReviewItem, {rid, pid});
    cogov::audit(c, app, by, "joint_review", "pipeline_review", rid, std::to_string(ids.size()) + " " + title);
    return rid;
  });
  return review(app, by.who, id);
}

bj::object decide_review(App& app, const Actor& by, std::int64_t id, const std::vector<Decision>& decisions) {
  if (decisions.empty()) bad_request("decisions", "请填写审查意见", "required");
  if (decisions.size() > kMaxBatch) bad_request("decisions", "条目过多");
  app.db.write([&](store::Conn& c) {
    detail::county_only(c, by.who);
    const auto rv = c.one(sql::kReview, {id});
    if (!rv) not_found("联审批次不存在");
    if (rv->text(2) != "open") conflict("联审批次已结束");
    for (const auto& d : decisions) {
      const auto item = c.one(sql::kReviewItem, {id, d.person_id});
      if (!item) bad_request("decisions", "该人员不在本批次中：" + std::to_string(d.person_id));
      if (!d.approved && d.note.empty()) bad_request("decisions", "退回须写明意见");
      c.execute(sql::kDecide,
                {std::string(d.approved ? "approved" : "returned"), d.note, by.name(), app.now(), id, d.person_id});
      c.execute(sql::kJointReviewPassed, {std::int64_t{d.approved ? 1 : 0}, app.now(), d.person_id});
      cogov::audit(c, app, by, d.approved ? "joint_review_approve" : "joint_review_return", "pipeline_person",
                   d.person_id, "review " + std::to_string(id) + " " + d.note);
    }
    if (c.scalar(sql::kUndecided, {id}) == 0) c.execute(sql::kCloseReview, {app.now(), id});
  });
  return review(app, by.who, id);
}

bj::object review(App& app, const core::Principal& who, std::int64_t id) {
  return app.db.read([&](store::Conn& c) {
    if (!detail::supervisor(c, who)) forbidden("县级联审由县委组织部和街道（乡镇）查看");
    const auto rv = c.one(sql::kReview, {id});
    if (!rv) not_found("联审批次不存在");
    const auto rows = c.query(sql::kReviewItems, {id});
    std::map<std::int64_t, std::string> names;
    const auto files = records(c, rows, names);
    bj::array items;
    for (std::size_t i = 0; i < files.size(); ++i) {
      // A street sees the people of its own subtree.
      if (!detail::writes_over(who, files[i].org_path, files[i].area_path)) continue;
      auto line = person_line(files[i], names);
      const auto& row = rows[i];
      line["decision"] = json::opt_text(row, 1);
      line["note"] = json::opt_text(row, 2);
      line["decided_by"] = json::opt_text(row, 3);
      line["decided_at"] = json::opt_int(row, 4);
      items.push_back(std::move(line));
    }
    return bj::object{{"id", rv->integer(0)},      {"title", rv->text(1)},         {"status", rv->text(2)},
                      {"created_by", rv->text(3)}, {"created_at", rv->integer(4)}, {"closed_at", json::opt_int(*rv, 5)},
                      {"items", std::move(items)}};
  });
}

bj::object reviews(App& app, const core::Principal& who) {
  return app.db.read([&](store::Conn& c) {
    if (!detail::supervisor(c, who)) forbidden("县级联审由县委组织部和街道（乡镇）查看");
    // Each batch's people the caller may see, and how many of them are decided: a street lists only
    // the batches with its people in them, and their titles say nothing of other streets'.
    std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> seen;
    for (const auto& r : c.query(sql::kReviewPeople, {kListedReviews})) {
      if (!detail::writes_over(who, r.text(1), r.text(2))) continue;
      auto& [people, decided] = seen[r.integer(0)];
      ++people;
      if (!r.is_null(3)) ++decided;
    }
    bj::array items;
    for (const auto& r : c.query(sql::kReviews, {kListedReviews})) {
      const auto it = seen.find(r.integer(0));
      if (it == seen.end()) continue;
      auto line = json::row_object(r, {"id", "title", "status", "created_by", "created_at", "closed_at"});
      line["people"] = it->second.first;
      line["decided"] = it->second.second;
      items.push_back(std::move(line));
    }
    return bj::object{{"items", std::move(items)}};
  });
}

// ---- 提级抽查复核 ----

std::vector<std::int64_t> draw_sample(std::vector<std::int64_t> population, std::size_t size, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  // Fisher–Yates from the end, by the generator's raw output (its sequence is fixed by the standard;
  // a distribution's is not), so the sample can be drawn again from the seed anywhere.
  for (std::size_t i = population.size(); i > 1; --i) {
    const auto j = static_cast<std::size_t>(rng() % i);
    std::swap(population[i - 1], population[j]);
  }
  population.resize(std::min(size, population.size()));
  std::sort(population.begin(), population.end());
  return population;
}

bj::object draw_recheck(App& app, const Actor& by, int year, std::int64_t size, std::optional<std::uint64_t> seed) {
  if (size < 1 || size > kMaxSample) bad_request("size", "抽查人数应在 1 到 100 之间");
  const auto used_seed = seed.value_or(std::random_device{}() * 0x1'0000'0000ULL + std::random_device{}());
  const auto id = app.db.write([&](store::Conn& c) {
    detail::county_only(c, by.who);
    const auto [from, to] = year_range(year);
    std::vector<std::int64_t> population;
    for (const auto& r : c.query(sql::kAdmittedInYear, {from, to, std::string("/"), core::path_end("/")})) {
      population.push_back(r.integer(0));
    }
    if (population.empty()) conflict("该年度没有已接收的预备党员可供抽查", "year");
    const auto sample = draw_sample(population, static_cast<std::size_t>(size), used_seed);
    const auto rid = c.one(sql::kInsertRecheck,
                           {std::int64_t{year}, std::to_string(used_seed), static_cast<std::int64_t>(population.size()),
                            static_cast<std::int64_t>(sample.size()), by.name(), app.now()})
                         ->integer(0);
    for (const auto pid : sample) c.execute(sql::kInsertRecheckItem, {rid, pid});
    cogov::audit(c, app, by, "recheck_draw", "pipeline_recheck", rid,
                 std::to_string(year) + " seed=" + std::to_string(used_seed) + " " + std::to_string(sample.size()) +
                     "/" + std::to_string(population.size()));
    return rid;
  });
  return recheck(app, by.who, id);
}

bj::object recheck(App& app, const core::Principal& who, std::int64_t id) {
  return app.db.read([&](store::Conn& c) {
    detail::county_only(c, who);
    const auto rc = c.one(sql::kRecheck, {id});
    if (!rc) not_found("抽查批次不存在");
    const auto rows = c.query(sql::kRecheckItems, {id});
    std::map<std::int64_t, std::string> names;
    const auto files = records(c, rows, names);
    bj::array items;
    for (std::size_t i = 0; i < files.size(); ++i) {
      auto line = person_line(files[i], names);
      line["result"] = json::opt_text(rows[i], 1);
      line["note"] = json::opt_text(rows[i], 2);
      line["checked_by"] = json::opt_text(rows[i], 3);
      line["checked_at"] = json::opt_int(rows[i], 4);
      items.push_back(std::move(line));
    }
    return bj::object{{"id", rc->integer(0)},         {"year", rc->integer(1)},   {"seed", rc->text(2)},
                      {"population", rc->integer(3)}, {"size", rc->integer(4)},   {"created_by", rc->text(5)},
                      {"created_at", rc->integer(6)}, {"items", std::move(items)}};
  });
}

bj::object rechecks(App& app, const core::Principal& who, int year) {
  return app.db.read([&](store::Conn& c) {
    detail::county_only(c, who);
    bj::array items;
    for (const auto& r : c.query(sql::kRechecks, {std::int64_t{year}})) {
      items.push_back(bj::object{{"id", r.integer(0)},
                                 {"year", r.integer(1)},
                                 {"seed", r.text(2)},
                                 {"population", r.integer(3)},
                                 {"size", r.integer(4)},
                                 {"created_by", r.text(5)},
                                 {"created_at", r.integer(6)},
                                 {"checked", r.integer(7)},
                                 {"problems", r.is_null(8) ? 0 : r.integer(8)}});
    }
    return bj::object{{"year", year}, {"items", std::move(items)}};
  });
}

bj::object record_recheck(App& app, const Actor& by, std::int64_t id, std::int64_t person_id, const std::string& result,
                          const std::string& note) {
  if (result != "ok" && result != "problem") bad_request("result", "复核结论应为 ok（无问题）或 problem（有问题）");
  if (result == "problem" && note.empty()) bad_request("note", "有问题的须写明情况", "required");
  app.db.write([&](store::Conn& c) {
    detail::county_only(c, by.who);
    if (!c.one(sql::kRecheck, {id})) not_found("抽查批次不存在");
    if (!c.one(sql::kRecheckItem, {id, person_id})) not_found("该人员不在本次抽查中");
    c.execute(sql::kRecordRecheck, {result, note, by.name(), app.now(), id, person_id});
    cogov::audit(c, app, by, "recheck", "pipeline_person", person_id, result + " " + note);
  });
  return recheck(app, by.who, id);
}

}  // namespace jiceng::pipeline
