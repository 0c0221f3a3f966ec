// The collection sheet (党费收缴登记表) as the office files it: an XLSX sheet whose columns the
// payments import reads back, and a printable page.
#include <boost/json.hpp>

#include "core/http.hpp"
#include "dues/rules.hpp"
#include "dues/service.hpp"

namespace jiceng::dues {
namespace {

namespace bj = boost::json;

std::string text(const bj::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return "";
  if (v->is_string()) return std::string(v->as_string());
  if (v->is_int64()) return std::to_string(v->as_int64());
  return "";
}

std::string money(const bj::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_int64() ? yuan(v->as_int64()) : "";
}

std::string escape(const std::string& s) { return http::escape_html(s); }

std::vector<std::string> cells(const bj::object& r, const std::string& month) {
  return {
      text(r, "no"),          text(r, "member_id"), text(r, "name"),    text(r, "org_name"),     text(r, "category"),
      text(r, "kind_label"),  money(r, "base_fen"), text(r, "rate"),    money(r, "due_fen"),     month,
      text(r, "months_paid"), money(r, "paid_fen"), text(r, "paid_on"), text(r, "method_label"), text(r, "proxy_name"),
      text(r, "owed_months"), text(r, "note")};
}

}  // namespace

// The headings the payments import reads back (imports.cpp) are among these.
io::Table sheet_table(const bj::object& s) {
  io::Table t;
  t.push_back({"序号", "党员编号", "姓名", "所在党组织", "人员类别", "交纳类别", "计算基数(元)", "交纳比例",
               "月应交(元)", "月份", "交纳月数", "实交金额(元)", "交纳日期", "交纳方式", "代交人", "欠交月数", "备注"});
  const auto month = text(s, "month");
  for (const auto& r : s.at("rows").as_array()) t.push_back(cells(r.as_object(), month));
  const auto& tot = s.at("totals").as_object();
  t.push_back({"合计", "", std::to_string(tot.at("members").as_int64()) + "人", "", "", "", "", "",
               money(tot, "due_fen"), month, "", money(tot, "paid_fen"), "", "", "",
               std::to_string(tot.at("owing_members").as_int64()) + "人欠交", ""});
  return t;
}

std::string sheet_html(const bj::object& s) {
  const auto& tot = s.at("totals").as_object();
  std::string h =
      "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>党费收缴登记表</title><style>"
      "body{font-family:'Noto Sans CJK SC',sans-serif;margin:24px}h1{text-align:center;font-size:20px}"
      "table{border-collapse:collapse;width:100%;font-size:12px}th,td{border:1px solid #333;padding:3px 5px}"
      "td.n{text-align:right}.meta{display:flex;justify-content:space-between;margin:8px 0}"
      ".sign{margin-top:24px;display:flex;justify-content:space-around}"
      "@media print{body{margin:0}button{display:none}@page{size:A4 landscape;margin:12mm}}</style></head><body>"
      "<button onclick=\"window.print()\">打印</button><h1>党费收缴登记表</h1><div class=\"meta\"><span>党组织：" +
      escape(text(s, "org_name")) + "</span><span>月份：" + escape(text(s, "month")) +
      "</span><span>单位：元</span></div>"
      "<table><thead><tr><th>序号</th><th>姓名</th><th>所在党组织</th><th>交纳类别</th><th>计算基数</th><th>比例</th>"
      "<th>月应交</th><th>实交</th><th>交纳日期</th><th>方式</th><th>代交人</th><th>欠交月数</th><th>备注</th></tr>"
      "</thead><tbody>";
  for (const auto& v : s.at("rows").as_array()) {
    const auto& r = v.as_object();
    h += "<tr><td>" + text(r, "no") + "</td><td>" + escape(text(r, "name")) + "</td><td>" +
         escape(text(r, "org_name")) + "</td><td>" + escape(text(r, "kind_label")) + "</td><td class=\"n\">" +
         money(r, "base_fen") + "</td><td>" + text(r, "rate") + "</td><td class=\"n\">" + money(r, "due_fen") +
         "</td><td class=\"n\">" + money(r, "paid_fen") + "</td><td>" + text(r, "paid_on") + "</td><td>" +
         escape(text(r, "method_label")) + "</td><td>" + escape(text(r, "proxy_name")) + "</td><td class=\"n\">" +
         text(r, "owed_months") + "</td><td>" + escape(text(r, "note")) + "</td></tr>";
  }
  h += "<tr><th colspan=\"6\">合计（" + text(tot, "members") + "人，已交" + text(tot, "paid_members") +
       "人）</th><th class=\"n\">" + money(tot, "due_fen") + "</th><th class=\"n\">" + money(tot, "paid_fen") +
       "</th><th colspan=\"5\">本月收缴合计 " + money(tot, "collected_fen") + " 元（含自愿多交 " +
       money(tot, "voluntary_fen") +
       " 元）</th></tr></tbody></table>"
       "<div class=\"sign\"><span>经办人：</span><span>党支部书记：</span><span>填表日期：</span></div></body></html>";
  return h;
}

}  // namespace jiceng::dues
