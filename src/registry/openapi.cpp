// The OpenAPI description of every register's routes, from the same Spec that serves them.
#include <boost/json.hpp>

#include "registry/engine.hpp"

namespace jiceng::registry::engine {
namespace {

namespace bj = boost::json;

bj::object field_schema(const Field& f) {
  bj::object o{{"description", f.heading.empty() ? f.key : f.heading}};
  switch (f.kind) {
    case Kind::integer:
    case Kind::ref_area:
    case Kind::ref_org:
    case Kind::ref_unit: o["type"] = "integer"; break;
    case Kind::boolean: o["type"] = "boolean"; break;
    case Kind::number: o["type"] = "number"; break;
    case Kind::list:
      o["type"] = "array";
      o["items"] = bj::object{{"type", "string"}, {"maxLength", f.max_len}};
      break;
    case Kind::date:
      o["type"] = "string";
      o["format"] = "date";
      break;
    default: o["type"] = "string"; o["maxLength"] = f.max_len;
  }
  if (!f.choices.empty()) {
    bj::array values;
    for (const auto& c : f.choices) values.emplace_back(c.value);
    o["enum"] = std::move(values);
  }
  return o;
}

}  // namespace

std::string list_doc(const Spec& s) {
  auto q = [](const char* name, const char* type, const char* what) {
    return bj::object{{"name", name}, {"in", "query"}, {"schema", bj::object{{"type", type}}}, {"description", what}};
  };
  bj::array params{q("q", "string", "按名称搜索（中文三字以上走全文索引）"),
                   q("limit", "integer", "每页条数，1–200，默认 50"), q("after", "string", "上一页返回的 next_cursor"),
                   q("sort", "string", "排序字段"), q("order", "string", "asc 或 desc")};
  for (const auto& f : s.fields) {
    if (f.filter) params.push_back(bj::object{{"name", f.key}, {"in", "query"}, {"schema", field_schema(f)}});
  }
  if (!s.subtree_area_column.empty()) params.push_back(q("area_id", "integer", "只看此区域的整棵子树"));
  if (!s.subtree_org_column.empty()) params.push_back(q("org_id", "integer", "只看此党组织的整棵子树"));
  if (s.tree) params.push_back(q("parent_id", "integer", "直接下级；0 表示调用者的顶层节点"));
  return bj::serialize(bj::object{{"parameters", std::move(params)}});
}

std::string body_doc(const Spec& s, bool create) {
  bj::object props;
  bj::array required;
  for (const auto& f : s.fields) {
    if (!f.writable) continue;
    props[f.key] = field_schema(f);
    if (create && f.required) required.emplace_back(f.key);
  }
  bj::object schema{{"type", "object"}, {"properties", std::move(props)}};
  if (!required.empty()) schema["required"] = std::move(required);
  return bj::serialize(bj::object{
      {"requestBody",
       bj::object{{"required", true},
                  {"content", bj::object{{"application/json", bj::object{{"schema", std::move(schema)}}}}}}}});
}

}  // namespace jiceng::registry::engine
