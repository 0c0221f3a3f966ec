#pragma once
// The three lists (资源、需求、项目) as registers: list, detail, create, edit, import and export.
namespace jiceng::lists {
void add_registers();
}
