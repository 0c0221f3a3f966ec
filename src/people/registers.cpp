// Party members and other people (residents, staff, grid workers…) as registers. ID numbers and
// phones are stored SM4-encrypted with a blind index and a masked copy for display.
#include "people/registers.hpp"

#include "core/errors.hpp"
#include "orgs/lookups.hpp"
#include "people/queries.hpp"
#include "people/rules.hpp"
#include "registry/spec.hpp"

namespace jiceng::people {
namespace {

using namespace registry::fields;

std::string text_of(const store::Value& v) {
  if (auto p = std::get_if<std::string>(&v)) return *p;
  return {};
}
void put_phone(WriteCtx& wc) {
  if (!wc.has("phone")) return;
  if (!wc.given("phone")) {
    wc.columns["phone_enc"] = store::null();
    wc.columns["phone_mask"] = store::null();
    return;
  }
  const auto phone = text_of(wc.input["phone"]);
  wc.columns["phone_enc"] = wc.app.cipher.encrypt(phone);
  wc.columns["phone_mask"] = mask_phone(phone);
}

// A member's organisation and standing change only through the steps that carry their rules and
// approvals, each audited (the pipeline's admission and conversion, relations' transfer and 处置):
// an edit of the register may not set them, and a new member starts full or probationary.
void refuse_standing_edits(const WriteCtx& wc) {
  const auto given_status = wc.given("status") ? text_of(wc.input.at("status")) : "";
  if (wc.create) {
    if (!given_status.empty() && given_status != "full" && given_status != "probationary") {
      bad_request("status", "新登记的党员只能是正式党员或预备党员");
    }
    return;
  }
  if (wc.given("org_id") && wc.input.at("org_id") != wc.existing->at("org_id")) {
    bad_request("org_id",
                "党员的组织关系须通过“组织关系转接”办理，不能在名册中直接修改（《中国共产党党员教育管理工作条例》）");
  }
  if (!given_status.empty() && given_status != text_of(wc.existing->at("status"))) {
    bad_request("status", "党员状态须通过发展党员（转正、取消资格）或不合格党员处置等程序变更，不能在名册中直接修改");
  }
}

void prepare_member(WriteCtx& wc) {
  if (wc.given("id_number")) {
    const auto id = text_of(wc.input["id_number"]);
    const auto idx = wc.app.cipher.blind_index(id);
    const std::int64_t self = wc.existing ? wc.existing->integer(0) : 0;
    if (wc.conn.one(sql::kMemberWithIdNumber, {idx, self})) {
      conflict("该身份证号已登记为党员", "id_number");
    }
    wc.columns["id_number_enc"] = wc.app.cipher.encrypt(id);
    wc.columns["id_number_idx"] = idx;
    wc.columns["id_number_mask"] = mask_id_number(id);
    // Birth date and gender are what the ID number says, whatever the form claimed.
    const auto info = id_number_info(id);
    wc.columns["birth_date"] = info.birth_date;
    wc.columns["gender"] = info.gender;
  } else if (wc.create) {
    bad_request("id_number", "身份证号为必填项", "required");
  }
  put_phone(wc);
  refuse_standing_edits(wc);
  if (wc.given("org_id")) {
    const auto [org_path, area_path] = wc.org_paths("org_id", std::get<std::int64_t>(wc.input["org_id"]));
    wc.columns["org_path"] = org_path;
    wc.columns["area_path"] = area_path;
  }
  if (wc.create && !wc.given("status")) {
    wc.columns["status"] = std::string(wc.given("full_on") || !wc.given("joined_on") ? "full" : "probationary");
  }
  if (wc.create && !wc.given("category")) wc.columns["category"] = std::string("in_service");
  const auto joined = wc.given("joined_on") ? text_of(wc.input["joined_on"]) : "";
  const auto full = wc.given("full_on") ? text_of(wc.input["full_on"]) : "";
  if (!joined.empty() && !full.empty() && full < joined) bad_request("full_on", "转正日期不能早于入党日期");
  const auto birth = wc.columns.count("birth_date") ? text_of(wc.columns["birth_date"]) : "";
  if (!birth.empty() && !joined.empty() && joined < birth) bad_request("joined_on", "入党日期不能早于出生日期");
}

void prepare_person(WriteCtx& wc) {
  if (wc.has("area_id")) wc.columns["area_path"] = wc.area_path("area_id", std::get<std::int64_t>(wc.input["area_id"]));
  put_phone(wc);
  const auto kind = wc.has("kind") ? text_of(wc.input["kind"]) : wc.existing ? text_of(wc.existing->at("kind")) : "";
  if (wc.given("grid_role") && kind != "grid_staff") bad_request("grid_role", "只有网格员才有网格职务");
}

// Masked fields carry their rules into the registry, which knows none of its own.
Field id_number_field() {
  Field f{"id_number", "id_number_mask", "身份证号", Kind::id_number, false, 18};
  f.normalize = normalize_id_number;
  f.problem = id_number_problem;
  return f;
}

Field phone_field() {
  Field f{"phone", "phone_mask", "手机号", Kind::phone, false, 20};
  f.problem = phone_problem;
  return f;
}

const std::vector<registry::Choice>& genders() {
  static const std::vector<registry::Choice> k = {{"male", "男"}, {"female", "女"}};
  return k;
}

void add_members() {
  static const std::vector<registry::Choice> education = {{"postgraduate", "研究生"},
                                                          {"bachelor", "大学本科"},
                                                          {"college", "大学专科"},
                                                          {"secondary", "中专/高中"},
                                                          {"primary", "初中及以下"}};
  static const std::vector<registry::Choice> categories = [] {
    std::vector<registry::Choice> out;
    for (const auto& c : kCategories) out.push_back({c.code, c.label});
    return out;
  }();
  // "cancelled": a probation cancelled through the member pipeline (取消预备党员资格), kept on record.
  // The others come from relations' steps (停止党籍, 除名, 劝退, 关系转出) and are kept on record.
  static const std::vector<registry::Choice> statuses = {
      {"full", "正式党员"},    {"probationary", "预备党员"}, {"cancelled", "已取消预备党员资格"},
      {"stopped", "停止党籍"}, {"removed", "除名"},          {"left", "退党"},
      {"deceased", "去世"},    {"transferred_out", "已转出"}};

  auto s = registry::spec_of(core::Register::members, "members", "党员", "member");
  s.names = {{"org_id", "org_name", orgs::org_names}};
  s.fields = {
      sorted(text_field("name", "姓名", 30, true)),
      Field{"gender", "gender", "性别", Kind::choice, false, 10, genders(), true},
      text_field("ethnicity", "民族", 20),
      Field{"birth_date", "birth_date", "出生日期", Kind::date, false, 10, {}, false, true},
      id_number_field(),
      phone_field(),
      choice_field("education", "学历", education, false, true),
      Field{"joined_on", "joined_on", "入党日期", Kind::date, false, 10, {}, false, true},
      value_field("full_on", "转正日期", Kind::date),
      value_field("org_id", "所在党组织", Kind::ref_org, true),
      choice_field("category", "人员类别", categories, false, true),
      choice_field("status", "党员状态", statuses, false, true),
  };
  // Gender and birth date come from the ID number; a form may show them but not set them.
  s.fields[1].writable = false;
  s.fields[3].writable = false;
  registry::place_by_area(s);
  s.scope.org_path = "t.org_path";
  s.scope.member_id = "t.id";
  s.tally_column = "members";
  s.org_tally = true;
  s.subtree_org_column = "org_path";
  s.fts_member_name = true;
  s.prepare = prepare_member;
  registry::add_spec(std::move(s));
}

void add_people() {
  static const std::vector<registry::Choice> kinds = {{"resident", "居民"},
                                                      {"cadre", "干部"},
                                                      {"grid_staff", "网格员"},
                                                      {"community_worker", "社区工作者"},
                                                      {"reserve_secretary", "后备村书记"},
                                                      {"volunteer", "志愿者"}};
  static const std::vector<registry::Choice> grid_roles = {
      {"chief", "网格长"}, {"full_time", "专职网格员"}, {"assistant", "网格协管员"}, {"other", "其他力量"}};
  auto s = registry::spec_of(core::Register::people, "people", "人员", "person");
  s.names = {orgs::area_name_lookup(), {"unit_id", "unit_name", orgs::unit_names}};
  s.fields = {
      sorted(text_field("name", "姓名", 30, true)),
      choice_field("kind", "人员类型", kinds, true, true),
      Field{"gender", "gender", "性别", Kind::choice, false, 10, genders(), true},
      phone_field(),
      area_ref_field("所在区域"),
      choice_field("grid_role", "网格职务", grid_roles, false, true),
      value_field("unit_id", "所在单位", Kind::ref_unit),
      text_field("title", "职务", 40),
  };
  registry::place_by_area(s);
  s.tally_column = "people";
  s.prepare = prepare_person;
  registry::add_spec(std::move(s));
}

}  // namespace

void add_registers() {
  add_members();
  add_people();
}

}  // namespace jiceng::people
