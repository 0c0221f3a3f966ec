// The demo county's member pipeline: the demo branch has someone at every stage before admission
// (applicants with the talk due and missed, activists short of a year, past it and due a review,
// candidates before the joint review and one awaiting the higher committee), a second branch of the
// demo community has probationary and full members made by the pipeline, and a few other branches
// have files of their own; the county has a quota for the year. Dates are counted back from today,
// so deadlines are near or missed whenever the demo is built.
#include <boost/json.hpp>
#include <vector>

#include "core/dates.hpp"
#include "demo/seed.hpp"
#include "orgs/service.hpp"
#include "people/rules.hpp"
#include "people/service.hpp"
#include "pipeline/internal.hpp"
#include "pipeline/queries.hpp"
#include "pipeline/rules.hpp"

namespace jiceng::pipeline {
namespace {

namespace bj = boost::json;

constexpr std::uint64_t kStream = 0x0216'D3E1ULL;  // this module's own random stream
constexpr std::int64_t kMaxOrgs = 100000;
constexpr std::size_t kOtherBranches = 12;

struct Kit final {
  demo::Seed& s;
  demo::Fake g;
  std::int64_t today;
  Local local;
};

// What happened, how many days ago.
struct Event final {
  Step step;
  std::int64_t ago;
};

std::vector<people::MemberBrief> full_members(store::Conn& c, std::int64_t org_id) {
  std::vector<people::MemberBrief> out;
  for (auto& m : people::members_of_org(c, org_id)) {
    if (m.full) out.push_back(std::move(m));
  }
  return out;
}

bj::array names_of(const std::vector<people::MemberBrief>& ms) {
  bj::array out;
  for (std::size_t i = 0; i < ms.size() && i < 2; ++i) {
    out.push_back(bj::object{{"member_id", ms[i].id}, {"name", ms[i].name}, {"full_member", true}});
  }
  return out;
}

std::string decided_by(Step s) {
  switch (s) {
    case Step::activist:
    case Step::candidate: return "支委会";
    case Step::vote: return "支部党员大会";
    case Step::approval: return "街道党工委";
    case Step::filing: return "报街道党工委备案";
    default: return "党支部";
  }
}

void insert_step(Kit& k, std::int64_t id, const Proposal& p, const bj::object& details) {
  std::string codes, words;
  for (const auto code : rules_for(p.step)) {
    const auto& r = rule(code);
    codes += (codes.empty() ? "" : ",") + std::string(code);
    words += (words.empty() ? "" : "\n") + std::string(r.text) + "（依据：" + std::string(r.source) + "）";
  }
  k.s.c.execute(sql::kInsertStep,
                {id, std::string(step_name(p.step)), core::format_day(p.on), decided_by(p.step), codes, words,
                 bj::serialize(details), store::null(), store::null(), std::string("演示数据"), k.s.now});
}

// One person's file, applied `events` (the first is the application), into `org`.
void file(Kit& k, const orgs::OrgInfo& org, const std::vector<Event>& events, bool joint_review = false) {
  auto& c = k.s.c;
  const auto members = full_members(c, org.id);
  if (members.size() < 2) return;
  const bool male = k.g.chance(0.55);
  const auto birth = k.g.date(1990, 2004);
  auto idn = k.g.id_number(demo::kRegionCode, birth, male);
  if (people::member_with_id_index(c, k.s.cipher.blind_index(idn))) return;  // another generator's member
  detail::Record r;
  r.org_id = org.id;
  r.org_path = org.path;
  r.area_path = org.area_path;
  r.name = k.g.name();
  r.birth_date = birth;
  r.gender = male ? "male" : "female";
  r.id_number_enc = k.s.cipher.encrypt(idn);
  r.id_number_idx = k.s.cipher.blind_index(idn);
  r.id_number_mask = people::mask_id_number(idn);
  r.file.birth_day = core::parse_day(birth);
  r.file.applied_on = k.today - events.front().ago;
  r.id = k.s.c
             .one(sql::kInsertPerson,
                  {org.id, org.path, org.area_path, r.name, r.gender, birth, r.id_number_enc, r.id_number_idx,
                   r.id_number_mask, store::null(), core::format_day(r.file.applied_on), store::null(),
                   std::string("演示数据"), k.s.now, k.s.now})
             ->integer(0);
  for (const auto& e : events) {
    Proposal p;
    p.step = e.step;
    p.on = k.today - e.ago;
    p.contacts = p.full_contacts = p.introducers = p.full_introducers = 2;
    p.training_days = 3;
    p.publicity_to = p.on + 8;
    p.months = 6;
    bj::object d;
    if (e.step == Step::activist) d["contacts"] = names_of(members);
    if (e.step == Step::introducers) d["introducers"] = names_of(members);
    if (e.step == Step::training) d["days"] = 3;
    if (e.step == Step::publicity) d["to"] = core::format_day(p.publicity_to);
    if (e.step == Step::vote) {
      r.vote_due = static_cast<std::int64_t>(members.size());
      r.vote_ayes = *r.vote_due;
      d["due"] = *r.vote_due;
      d["ayes"] = *r.vote_ayes;
    }
    r.file = apply_step(r.file, p);
    if (e.step == Step::approval) {
      people::Admission a{r.name,
                          r.gender,
                          r.birth_date,
                          r.id_number_enc,
                          r.id_number_idx,
                          r.id_number_mask,
                          core::format_day(*r.file.voted_on),
                          org.id,
                          org.path,
                          org.area_path};
      r.member_id = people::admit_probationary(c, a, k.s.now);
    }
    if (e.step == Step::full && r.member_id) {
      people::confirm_full(c, *r.member_id, core::format_day(p.on), k.s.now);
      r.closed_on = core::format_day(p.on);
    }
    insert_step(k, r.id, p, d);
  }
  r.file.joint_review_passed = joint_review;
  detail::save(c, r, k.local, k.s.now);
  if (joint_review) c.execute(sql::kJointReviewPassed, {std::int64_t{1}, k.s.now, r.id});
}

// From application to the day a candidate has everything but the county's joint review and the vote.
std::vector<Event> candidate_ready(std::int64_t activist_ago, std::int64_t candidate_ago) {
  return {{Step::apply, activist_ago + 60},
          {Step::talk, activist_ago + 45},
          {Step::activist, activist_ago},
          {Step::review, activist_ago - 170},
          {Step::candidate, candidate_ago},
          {Step::filing, candidate_ago - 5},
          {Step::political_review, candidate_ago - 10},
          {Step::training, candidate_ago - 30},
          {Step::introducers, candidate_ago - 40},
          {Step::publicity, candidate_ago - 50}};
}

std::vector<Event> admitted(std::int64_t voted_ago, std::int64_t approved_ago) {
  auto e = candidate_ready(voted_ago + 500, voted_ago + 80);
  e.push_back({Step::vote, voted_ago});
  e.push_back({Step::approval, approved_ago});
  return e;
}

void demo_branch(Kit& k, const orgs::OrgInfo& org) {
  file(k, org, {{Step::apply, 22}});                    // the talk due in about a week
  file(k, org, {{Step::apply, 40}});                    // the talk missed
  file(k, org, {{Step::apply, 60}, {Step::talk, 50}});  // talked to, not yet chosen
  file(k, org, {{Step::apply, 400}, {Step::talk, 390}, {Step::activist, 340}, {Step::review, 160}});  // 11 months
  file(k, org, {{Step::apply, 520}, {Step::talk, 500}, {Step::activist, 420}, {Step::review, 200}});  // review missed
  file(k, org, {{Step::apply, 240}, {Step::talk, 230}, {Step::activist, 178}});  // first review within a week
  file(k, org, candidate_ready(520, 90));                                        // waits for the joint review
  auto voted = candidate_ready(600, 150);
  voted.push_back({Step::vote, 75});
  file(k, org, voted, true);  // the higher committee's approval due in about two weeks
}

}  // namespace

void seed(demo::Seed& s) {
  Kit k{s, demo::Fake(s.seed ^ kStream), core::local_day(s.now), {}};
  k.local = detail::local_on(s.c, core::format_day(k.today));
  const auto community = s.places.front().path;
  const auto demo = orgs::org_info(s.c, s.demo_branch);
  if (!demo) return;
  demo_branch(k, *demo);
  std::size_t others = 0;
  bool second = false;
  for (const auto& org : orgs::orgs_under(s.c, "", orgs::area_by_id(s.c, s.county)->path, kMaxOrgs)) {
    if (org.id == s.demo_branch || org.level != "branch") continue;
    if (!second && core::path_within(org.area_path, community)) {
      // The demo community's second branch: members the pipeline made.
      file(k, org, admitted(350, 320));  // probation ends in about two weeks
      file(k, org, admitted(100, 70));
      auto full = admitted(500, 470);
      full.push_back({Step::full, 135});
      file(k, org, full);
      second = true;
      continue;
    }
    if (others >= kOtherBranches) continue;
    ++others;
    file(k, org, {{Step::apply, k.g.between(5, 45)}});
    file(k, org, {{Step::apply, 300}, {Step::talk, 290}, {Step::activist, k.g.between(120, 280)}});
    if (k.g.chance(0.5)) file(k, org, candidate_ready(k.g.between(420, 600), k.g.between(60, 100)));
  }
  // The county's quota for the year, held by the county committee.
  const auto year = static_cast<std::int64_t>(std::stoll(core::format_day(k.today).substr(0, 4)));
  if (const auto county = orgs::org_info(s.c, s.county_org)) {
    s.c.execute(sql::kUpsertQuota,
                {year, county->id, county->path, county->area_path, std::int64_t{60}, std::string("演示数据"), s.now});
  }
}

}  // namespace jiceng::pipeline
