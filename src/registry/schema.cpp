// The description of a register the pages build their lists, filters and forms from.
#include "registry/schema.hpp"

#include <boost/json.hpp>

#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/router.hpp"
#include "registry/spec.hpp"

namespace jiceng::registry {
namespace {

namespace bj = boost::json;

// Labels of the subtree filters a register offers without a field of that key (members are
// filtered by the area their organisation lies in, though they carry no area_id field).
constexpr char kAreaFilterLabel[] = "所在区域";
constexpr char kOrgFilterLabel[] = "所在党组织";

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::text: return "text";
    case Kind::integer: return "integer";
    case Kind::number: return "number";
    case Kind::date: return "date";
    case Kind::choice: return "choice";
    case Kind::boolean: return "boolean";
    case Kind::ref_area: return "area";
    case Kind::ref_org: return "org";
    case Kind::ref_unit: return "unit";
    case Kind::list: return "list";
    case Kind::id_number: return "id_number";
    case Kind::phone: return "phone";
  }
  return "text";
}

bj::array choices_json(const std::vector<Choice>& choices) {
  bj::array out;
  for (const auto& c : choices) out.push_back(bj::object{{"value", c.value}, {"label", c.label}});
  return out;
}

// The member a reference's name is rendered under ("org_id" -> "org_name"), as the engine does.
std::string name_key(const Field& f) {
  if (f.key.size() > 3 && f.key.compare(f.key.size() - 3, 3, "_id") == 0)
    return f.key.substr(0, f.key.size() - 3) + "_name";
  return f.key + "_name";
}

bool is_ref(Kind k) { return k == Kind::ref_area || k == Kind::ref_org || k == Kind::ref_unit; }

bj::object field_json(const Field& f) {
  bj::object o{{"key", f.key}, {"label", f.heading}, {"kind", kind_name(f.kind)}};
  o["required"] = f.required;
  o["writable"] = f.writable;
  o["filter"] = f.filter;
  o["sort"] = f.sort;
  o["max_length"] = f.max_len;
  // A masked value (ID number, phone) is read back as a mask and revealed on request only.
  o["masked"] = f.kind == Kind::id_number || f.kind == Kind::phone;
  o["staff_only"] = f.staff_only;
  if (is_ref(f.kind)) o["name_key"] = name_key(f);
  if (!f.choices.empty()) o["choices"] = choices_json(f.choices);
  return o;
}

// What `?key=` a list takes beyond `q`, `sort`, `order`, `limit` and `after`.
bj::array filters_json(const Spec& s) {
  bj::array out;
  for (const auto& f : s.fields) {
    if (!f.filter) continue;
    bj::object o{{"key", f.key}, {"label", f.heading}, {"kind", kind_name(f.kind)}};
    if (!f.choices.empty()) o["choices"] = choices_json(f.choices);
    out.push_back(std::move(o));
  }
  auto subtree = [&](const std::string& column, const char* key, const char* kind, const char* fallback) {
    if (column.empty()) return;
    const Field* f = s.field(key);
    out.push_back(
        bj::object{{"key", key}, {"label", f ? f->heading.c_str() : fallback}, {"kind", kind}, {"subtree", true}});
  };
  subtree(s.subtree_area_column, "area_id", "area", kAreaFilterLabel);
  subtree(s.subtree_org_column, "org_id", "org", kOrgFilterLabel);
  return out;
}

http::Response schema(Ctx& ctx) {
  const Spec* s = find_spec(ctx.params.at("name"));
  if (!s) not_found("没有这个名册");
  // Like the register's own list: a role that may not read it learns nothing of its fields.
  if (!ctx.who().can(s->reg, core::Action::read)) forbidden();
  bj::array fields;
  for (const auto& f : s->fields) fields.push_back(field_json(f));
  bj::object out{{"name", s->name}, {"label", s->label}};
  out["creatable"] = s->creatable;
  out["tree"] = s->tree;
  out["search"] = s->search_column.empty() ? bj::value(nullptr) : bj::value(s->search_column);
  out["fields"] = std::move(fields);
  out["filters"] = filters_json(*s);
  return json::respond(out);
}

}  // namespace

void register_schema_route(Router& r) {
  r.add("GET", "/api/v1/registers/{name}/schema", Access::authenticated, "registers",
        "名册的字段、类型、筛选和选项（中文标签）", schema);
}

}  // namespace jiceng::registry
