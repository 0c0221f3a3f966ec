// A person's file: the application that opens it and each step after, checked against the rules
// (rules.hpp). A central rule refuses the step; a county rule refuses it unless the branch gives a
// reason, which is recorded on the step and audited. Approval makes the person a probationary
// member through people's service; full membership and cancellation go through it too.
#include <algorithm>
#include <boost/json.hpp>

#include "core/dates.hpp"
#include "core/errors.hpp"
#include "orgs/service.hpp"
#include "people/lookups.hpp"
#include "people/rules.hpp"
#include "people/service.hpp"
#include "pipeline/internal.hpp"
#include "pipeline/queries.hpp"
#include "pipeline/service.hpp"

namespace jiceng::pipeline {
namespace {

namespace bj = boost::json;
using detail::Record;

constexpr char kYearStart[] = "-01-01";

std::string join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

// Each document must have been uploaded first.
void check_documents(store::Conn& c, const std::vector<Document>& docs) {
  if (docs.size() > kMaxDocuments) bad_request("documents", "每一步最多 10 个材料");
  for (const auto& d : docs) {
    if (!io::is_blob_hash(d.hash)) bad_request("documents", "材料编号无效，请重新上传");
    if (!c.one(sql::kUploadMime, {d.hash})) bad_request("documents", "材料不存在，请重新上传");
  }
}

struct Refused final {
  std::vector<std::string> central, local;
};

// 422 for a central rule; for a county rule without an override reason, 422 naming override_reason.
Refused judge(const std::vector<Breach>& breaches, const std::string& override_reason) {
  Refused r;
  std::vector<std::string> central_words, local_words;
  for (const auto& b : breaches) {
    (b.central ? r.central : r.local).push_back(b.code);
    (b.central ? central_words : local_words).push_back(b.message);
  }
  if (!central_words.empty()) throw ApiError(422, "rule_refused", join(central_words, "\n"));
  if (!local_words.empty() && override_reason.empty()) {
    throw ApiError(
        422, "local_rule",
        join(local_words, "\n") + "\n（以上为县级规定，确有特殊情况的，可填写理由后继续办理，理由将留痕备查）",
        "override_reason");
  }
  return r;
}

// The step's record: what it satisfied, its particulars, its documents.
std::int64_t insert_step(store::Conn& c, App& app, const Actor& by, std::int64_t person_id, Step step, std::int64_t on,
                         const std::string& decided_by, const bj::object& details, const Refused& overridden,
                         const std::string& override_reason, const std::vector<Document>& docs) {
  std::vector<std::string> codes, words;
  for (const auto code : rules_for(step)) {
    const auto& r = rule(code);
    codes.emplace_back(code);
    words.push_back(std::string(r.text) + "（依据：" + std::string(r.source) + "）");
  }
  const bool over = !overridden.local.empty();
  const auto id =
      c.one(sql::kInsertStep, {person_id, std::string(step_name(step)), core::format_day(on),
                               decided_by.empty() ? by.name() : decided_by, join(codes, ","), join(words, "\n"),
                               bj::serialize(details), over ? store::Value(join(overridden.local, ",")) : store::null(),
                               over ? store::Value(override_reason) : store::null(), by.name(), app.now()})
          ->integer(0);
  for (const auto& d : docs) c.execute(sql::kInsertDocument, {id, person_id, d.hash, d.name, by.name(), app.now()});
  cogov::audit(c, app, by, "pipeline_" + std::string(step_name(step)), "pipeline_person", person_id,
               core::format_day(on) + " " + bj::serialize(details));
  if (over) {
    cogov::audit(c, app, by, "pipeline_override", "pipeline_person", person_id,
                 std::string(step_name(step)) + " " + join(overridden.local, ",") + " 理由：" + override_reason);
  }
  return id;
}

// Members of the branch, as people keeps them, for contacts and introducers.
bj::array branch_members(store::Conn& c, const Record& r, const std::vector<std::int64_t>& ids, const char* field,
                         std::int64_t& full) {
  bj::array out;
  full = 0;
  for (const auto id : ids) {
    if (std::count(ids.begin(), ids.end(), id) > 1) bad_request(field, "同一名党员不能重复");
    const auto m = people::member_brief(c, id);
    if (!m || m->org_id != r.org_id) bad_request(field, "应为本支部的党员：" + std::to_string(id));
    if (m->full) ++full;
    out.push_back(bj::object{{"member_id", m->id}, {"name", m->name}, {"full_member", m->full}});
  }
  return out;
}

// The county's quota for the year is used up in the branch or an organisation above it.
bool over_quota(store::Conn& c, const Record& r, std::int64_t on) {
  const auto year = core::format_day(on).substr(0, 4);
  const auto from = year + kYearStart, to = std::to_string(std::stoi(year) + 1) + kYearStart;
  const auto paths = core::path_and_ancestors(r.org_path);
  store::Params params{static_cast<std::int64_t>(std::stoll(year))};
  std::string in;
  for (const auto& p : paths) {
    in += in.empty() ? "?" : ", ?";
    params.emplace_back(p);
  }
  for (const auto& q : c.query(std::string(sql::kQuotasOnPaths) + in + ")", params)) {
    const auto path = q.text(0);
    if (c.scalar(sql::kAdmittedUnder, {from, to, path, core::path_end(path)}) >= q.integer(1)) return true;
  }
  return false;
}

// Dates that cannot be: in the future, before the application, or before the step they follow.
void check_dates(const Record& r, Step step, std::int64_t on, std::int64_t today) {
  if (on > today) bad_request("on", "日期不能晚于今天");
  const auto& f = r.file;
  if (on < f.applied_on) bad_request("on", "日期不能早于递交入党申请书的日期");
  const auto after = [&](const std::optional<std::int64_t>& d, const char* what) {
    if (d && on < *d) bad_request("on", std::string("日期不能早于") + what + "（" + core::format_day(*d) + "）");
  };
  switch (step) {
    case Step::review:
    case Step::candidate: after(f.activist_on, "确定为入党积极分子的日期"); break;
    case Step::vote: after(f.candidate_on, "确定为发展对象的日期"); break;
    case Step::approval:
    case Step::full:
    case Step::extend:
    case Step::cancel: after(f.voted_on, "支部大会表决的日期"); break;
    default: break;
  }
}

// What the step is about to do that its stage or earlier steps do not allow: 409.
void check_state(const Record& r, Step step) {
  if (auto why = step_refusal(r.file, step)) conflict(*why, "step");
}

}  // namespace

bj::object apply(App& app, const Actor& by, const Application& a) {
  const auto id_number = people::normalize_id_number(a.id_number);
  if (auto problem = people::id_number_problem(id_number)) bad_request("id_number", *problem);
  const auto applied = detail::parse_date(a.applied_on, "applied_on");
  const auto today = core::local_day(app.now());
  if (applied > today) bad_request("applied_on", "申请日期不能晚于今天");
  const auto info = people::id_number_info(id_number);
  const auto idx = app.cipher.blind_index(id_number);
  return app.db.write([&](store::Conn& c) {
    const auto org = orgs::org_info(c, a.org_id);
    if (!org || !detail::writes_over(by.who, org->path, org->area_path)) not_found("党组织不存在或不在您的管辖范围内");
    if (org->level != "branch" && org->level != "general_branch") bad_request("org_id", "入党申请应向党支部提出");
    if (a.person_id && people::person_names(c, std::vector<std::int64_t>{*a.person_id}).empty()) {
      bad_request("person_id", "人员不存在");
    }
    check_documents(c, a.documents);
    File f;
    f.birth_day = core::parse_day(info.birth_date);
    f.applied_on = applied;
    Proposal p;
    p.step = Step::apply;
    p.on = applied;
    const auto local = detail::local_on(c, a.applied_on);
    judge(check(f, p, local, today), "");
    if (people::member_with_id_index(c, idx)) conflict("该身份证号已登记为党员", "id_number");
    if (c.one(sql::kOpenWithIdNumber, {idx})) conflict("该身份证号已有正在办理的入党档案", "id_number");
    const auto due = deadlines(f, local);
    const auto id =
        c.one(sql::kInsertPerson,
              {a.org_id, org->path, org->area_path, a.name, info.gender, info.birth_date, app.cipher.encrypt(id_number),
               idx, people::mask_id_number(id_number), store::opt(a.person_id), a.applied_on,
               due.empty() ? store::null() : store::Value(core::format_day(due.front().due_on)), by.name(), app.now(),
               app.now()})
            ->integer(0);
    insert_step(c, app, by, id, Step::apply, applied, by.name(), bj::object{{"org_name", org->name}}, {}, "",
                a.documents);
    return detail::render(c, by.who, *detail::load(c, id), today);
  });
}

namespace {

// The particulars of a step, and what the rules need to know of it.
bj::object particulars(store::Conn& c, Record& r, Step step, const StepInput& s, Proposal& p) {
  bj::object d;
  if (!s.note.empty()) d["note"] = s.note;
  switch (step) {
    case Step::activist:
      d["contacts"] = branch_members(c, r, s.contacts, "contacts", p.full_contacts);
      p.contacts = static_cast<std::int64_t>(s.contacts.size());
      break;
    case Step::introducers:
      d["introducers"] = branch_members(c, r, s.introducers, "introducers", p.full_introducers);
      p.introducers = static_cast<std::int64_t>(s.introducers.size());
      break;
    case Step::training:
      p.training_days = s.training_days;
      p.training_hours = s.training_hours;
      d["days"] = s.training_days;
      d["hours"] = s.training_hours;
      break;
    case Step::publicity:
      p.publicity_to = detail::parse_date(s.publicity_to, "publicity_to");
      if (p.publicity_to < p.on) bad_request("publicity_to", "公示结束日期不能早于开始日期");
      d["from"] = core::format_day(p.on);
      d["to"] = s.publicity_to;
      break;
    case Step::vote: {
      // The roll: the branch's full members as people keeps them today are those due to vote.
      for (const auto& m : people::members_of_org(c, r.org_id)) p.due += m.full ? 1 : 0;
      if (!s.ayes) bad_request("ayes", "请填写赞成票数", "required");
      p.ayes = *s.ayes;
      const auto counted = p.ayes + s.noes.value_or(0) + s.abstentions.value_or(0);
      if (counted > p.due) {
        bad_request("ayes", "票数合计" + std::to_string(counted) + "，超过应到会有表决权的正式党员" +
                                std::to_string(p.due) + "名");
      }
      p.over_quota = over_quota(c, r, p.on);
      d["due"] = p.due;
      d["ayes"] = p.ayes;
      d["noes"] = s.noes.value_or(0);
      d["abstentions"] = s.abstentions.value_or(0);
      r.vote_due = p.due;
      r.vote_ayes = p.ayes;
      break;
    }
    case Step::approval:
      p.special = !s.special_reason.empty();
      if (p.special) d["special_reason"] = s.special_reason;
      // The talk is the committee's own record, dated: after the branch's vote, not after the approval.
      if (!s.talked_on.empty()) {
        const auto talked = detail::parse_date(s.talked_on, "talked_on");
        if (talked > p.on) bad_request("talked_on", "谈话日期不能晚于审批日期");
        if (r.file.voted_on && talked < *r.file.voted_on) bad_request("talked_on", "谈话日期不能早于支部大会表决");
        d["talked_on"] = s.talked_on;
      }
      if (!s.talked_by.empty()) d["talked_by"] = s.talked_by;
      break;
    case Step::extend:
      p.months = s.months;
      d["months"] = s.months;
      break;
    default: break;
  }
  return d;
}

// What people's register learns of the step: the member row made, made full, or cancelled.
void follow_in_people(store::Conn& c, Record& r, Step step, std::int64_t on, std::int64_t now) {
  if (step == Step::approval) {
    people::Admission a;
    a.name = r.name;
    a.gender = r.gender;
    a.birth_date = r.birth_date;
    a.id_number_enc = r.id_number_enc;
    a.id_number_idx = r.id_number_idx;
    a.id_number_mask = r.id_number_mask;
    a.joined_on = core::format_day(*r.file.voted_on);  // membership counts from the branch meeting
    a.org_id = r.org_id;
    a.org_path = r.org_path;
    a.area_path = r.area_path;
    r.member_id = people::admit_probationary(c, a, now);
  } else if (step == Step::full && r.member_id) {
    people::confirm_full(c, *r.member_id, core::format_day(on), now);
    r.closed_on = core::format_day(on);
  } else if (step == Step::cancel && r.member_id) {
    people::cancel_probation(c, *r.member_id, now);
    r.closed_on = core::format_day(on);
  }
}

}  // namespace

bj::object record_step(App& app, const Actor& by, std::int64_t person_id, const StepInput& s) {
  const auto step = parse_step(s.step);
  if (!step || *step == Step::apply) bad_request("step", "步骤无效");
  const auto on = detail::parse_date(s.on, "on");
  const auto today = core::local_day(app.now());
  if ((*step == Step::activist || *step == Step::candidate) && s.decided_by.empty()) {
    bad_request("decided_by", "请填写研究确定的会议（如：支委会）", "required");
  }
  if ((*step == Step::extend || *step == Step::cancel) && s.note.empty()) {
    bad_request("note", "请填写延长预备期或取消预备党员资格的原因", "required");
  }
  return app.db.write([&](store::Conn& c) {
    auto r = detail::visible(c, by.who, person_id);
    if (!detail::writes_over(by.who, r.org_path, r.area_path)) forbidden("只有本支部书记或上级党组织可以办理");
    if (*step == Step::approval && !detail::approves_over(by.who, r.org_path, r.area_path)) {
      forbidden("接收预备党员由上级党委（街道、乡镇党（工）委或县委组织部）审批");
    }
    check_state(r, *step);
    check_dates(r, *step, on, today);
    check_documents(c, s.documents);
    Proposal p;
    p.step = *step;
    p.on = on;
    auto details = particulars(c, r, *step, s, p);
    const auto local = detail::local_on(c, core::format_day(on));
    const auto refused = judge(check(r.file, p, local, today), s.override_reason);
    r.file = apply_step(r.file, p);
    follow_in_people(c, r, *step, on, app.now());
    detail::save(c, r, local, app.now());
    insert_step(c, app, by, r.id, *step, on, s.decided_by, details, refused, s.override_reason, s.documents);
    return detail::render(c, by.who, *detail::load(c, r.id), today);
  });
}

}  // namespace jiceng::pipeline
