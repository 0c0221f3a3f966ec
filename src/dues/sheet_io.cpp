// The collection sheet (党费收缴登记表) as the office files it: an XLSX sheet whose columns the
// payments import reads back, and a printable page.
#include "core/http.hpp"
#include "dues/rules.hpp"
#include "dues/sheet.hpp"

namespace jiceng::dues {
namespace {

std::string money(const std::optional<Fen>& f) { return f ? yuan(*f) : ""; }
std::string count(std::int64_t n) { return std::to_string(n); }

std::string escape(const std::string& s) { return http::escape_html(s); }

std::vector<std::string> cells(std::size_t no, const SheetRow& r, const std::string& month) {
  const auto* p = r.payment ? &*r.payment : nullptr;
  return {count(static_cast<std::int64_t>(no)),
          count(r.member_id),
          r.name,
          r.org_name,
          r.category,
          r.kind_label,
          money(r.base_fen),
          r.rate.value_or(""),
          money(r.due_fen),
          month,
          p ? count(p->months) : "",
          p ? yuan(p->paid) : "",
          p ? p->paid_on : "",
          p ? p->method_label : "",
          p ? p->proxy.value_or("") : "",
          r.assessed ? count(r.owed_months) : "",
          r.note};
}

}  // namespace

io::Table sheet_table(const CollectionSheet& s) {
  io::Table t;
  t.reserve(s.rows.size() + 2);
  t.push_back({"序号", "党员编号", "姓名", "所在党组织", "人员类别", "交纳类别", "计算基数(元)", "交纳比例",
               "月应交(元)", "月份", "交纳月数", "实交金额(元)", "交纳日期", "交纳方式", "代交人", "欠交月数", "备注"});
  for (std::size_t i = 0; i < s.rows.size(); ++i) t.push_back(cells(i + 1, s.rows[i], s.month));
  t.push_back({"合计", "", count(static_cast<std::int64_t>(s.rows.size())) + "人", "", "", "", "", "", yuan(s.due),
               s.month, "", yuan(s.paid), "", "", "", count(s.owing_members) + "人欠交", ""});
  return t;
}

std::string sheet_html(const CollectionSheet& s) {
  std::string h =
      "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>党费收缴登记表</title><style>"
      "body{font-family:'Noto Sans CJK SC',sans-serif;margin:24px}h1{text-align:center;font-size:20px}"
      "table{border-collapse:collapse;width:100%;font-size:12px}th,td{border:1px solid #333;padding:3px 5px}"
      "td.n{text-align:right}.meta{display:flex;justify-content:space-between;margin:8px 0}"
      ".sign{margin-top:24px;display:flex;justify-content:space-around}"
      "@media print{body{margin:0}button{display:none}@page{size:A4 landscape;margin:12mm}}</style></head><body>"
      "<button onclick=\"window.print()\">打印</button><h1>党费收缴登记表</h1><div class=\"meta\"><span>党组织：" +
      escape(s.org_name) + "</span><span>月份：" + escape(s.month) +
      "</span><span>单位：元</span></div>"
      "<table><thead><tr><th>序号</th><th>姓名</th><th>所在党组织</th><th>交纳类别</th><th>计算基数</th><th>比例</th>"
      "<th>月应交</th><th>实交</th><th>交纳日期</th><th>方式</th><th>代交人</th><th>欠交月数</th><th>备注</th></tr>"
      "</thead><tbody>";
  h.reserve(h.size() + s.rows.size() * 400);
  for (std::size_t i = 0; i < s.rows.size(); ++i) {
    const auto& r = s.rows[i];
    const auto* p = r.payment ? &*r.payment : nullptr;
    h += "<tr><td>" + count(static_cast<std::int64_t>(i + 1)) + "</td><td>" + escape(r.name) + "</td><td>" +
         escape(r.org_name) + "</td><td>" + escape(r.kind_label) + "</td><td class=\"n\">" + money(r.base_fen) +
         "</td><td>" + r.rate.value_or("") + "</td><td class=\"n\">" + money(r.due_fen) + "</td><td class=\"n\">" +
         (p ? yuan(p->paid) : "") + "</td><td>" + (p ? p->paid_on : "") + "</td><td>" +
         escape(p ? p->method_label : "") + "</td><td>" + escape(p ? p->proxy.value_or("") : "") +
         "</td><td class=\"n\">" + (r.assessed ? count(r.owed_months) : "") + "</td><td>" + escape(r.note) +
         "</td></tr>";
  }
  h += "<tr><th colspan=\"6\">合计（" + count(static_cast<std::int64_t>(s.rows.size())) + "人，已交" +
       count(s.paid_members) + "人）</th><th class=\"n\">" + yuan(s.due) + "</th><th class=\"n\">" + yuan(s.paid) +
       "</th><th colspan=\"5\">本月收缴合计 " + yuan(s.collected) + " 元（含自愿多交 " + yuan(s.voluntary_fen) +
       " 元）</th></tr></tbody></table>"
       "<div class=\"sign\"><span>经办人：</span><span>党支部书记：</span><span>填表日期：</span></div></body></html>";
  return h;
}

}  // namespace jiceng::dues
