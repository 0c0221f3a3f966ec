// Every register's routes (list, detail, create, edit, import and export), written once over
// its Spec; the pieces live beside this file (listing, filters, writes, sheets, openapi).
#include <deque>
#include <stdexcept>

#include "core/router.hpp"
#include "registry/engine.hpp"
#include "registry/spec.hpp"

namespace jiceng::registry {
namespace {

std::deque<Spec>& specs() {
  static std::deque<Spec> s;
  return s;
}

RefLookups& installed_refs() {
  static RefLookups l;
  return l;
}

}  // namespace

void set_ref_lookups(const RefLookups& lookups) { installed_refs() = lookups; }

namespace engine {

const RefLookups& refs() {
  const auto& l = installed_refs();
  if (!l.area_path_in_scope || !l.org_paths_in_scope || !l.area_path || !l.org_path || !l.named) {
    throw std::logic_error("registry: no module has installed the reference lookups (set_ref_lookups)");
  }
  return l;
}

}  // namespace engine

const Field* Spec::field(const std::string& key) const {
  for (const auto& f : fields) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

void add_spec(Spec spec) {
  for (const auto& f : spec.fields) {
    // The registry knows no ID number or phone rules of its own: the module brings them.
    if ((f.kind == Kind::id_number || f.kind == Kind::phone) && !f.problem) {
      throw std::logic_error("register " + spec.name + ": field " + f.key + " has no rule for its values");
    }
  }
  for (const auto& n : spec.names) {
    if (!n.names) throw std::logic_error("register " + spec.name + ": " + n.alias + " has no lookup");
  }
  specs().push_back(std::move(spec));
}

const Spec* find_spec(const std::string& name) {
  for (const auto& s : specs()) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

http::Response detail_response(const Spec& spec, Ctx& ctx) { return engine::detail(spec, ctx); }

void register_spec_routes(Router& r, std::initializer_list<const char*> names) {
  for (const char* name : names) register_spec_routes(r, *find_spec(name));
}

void register_spec_routes(Router& r, const Spec& spec) {
  const std::string base = "/api/v1/" + spec.name;
  const Spec* s = &spec;
  r.add(
      "GET", base, Access::authenticated, spec.name, spec.label + "列表（筛选、搜索、排序、游标分页）",
      [s](Ctx& c) { return engine::list(*s, c); }, engine::list_doc(spec));
  r.add("GET", base + "/{id}", Access::authenticated, spec.name, spec.label + "详情",
        [s](Ctx& c) { return engine::detail(*s, c); });
  if (spec.creatable) {
    r.add(
        "POST", base, Access::authenticated, spec.name, "新建" + spec.label,
        [s](Ctx& c) { return engine::create(*s, c); }, engine::body_doc(spec, true));
  }
  r.add(
      "PATCH", base + "/{id}", Access::authenticated, spec.name, "修改" + spec.label,
      [s](Ctx& c) { return engine::edit(*s, c); }, engine::body_doc(spec, false));
  if (spec.creatable) {
    r.add("POST", "/api/v1/import/" + spec.name, Access::authenticated, spec.name,
          "导入" + spec.label + "（CSV 或 XLSX；dry_run=1 只预检）", [s](Ctx& c) { return engine::import(*s, c); });
  }
  r.add("GET", "/api/v1/export/" + spec.name, Access::authenticated, spec.name, "导出" + spec.label + "（csv 或 xlsx）",
        [s](Ctx& c) { return engine::export_sheet(*s, c); });
}

}  // namespace jiceng::registry
