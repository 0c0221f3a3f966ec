// The introduction letter (组织关系介绍信) of an outward transfer, numbered, as an A4 page the office
// prints from the browser: the letter itself and, below the cut line, the receipt (回执) the
// receiving organisation fills in and sends back.
#include <boost/json.hpp>

#include "core/dates.hpp"
#include "core/errors.hpp"
#include "core/http.hpp"
#include "relations/service.hpp"

namespace jiceng::relations {
namespace {

namespace bj = boost::json;

std::string text(const bj::object& o, const char* key) {
  const auto& v = o.at(key);
  if (v.is_string()) return http::escape_html(v.as_string());
  if (v.is_int64()) return std::to_string(v.as_int64());
  return "";
}

constexpr char kStyle[] =
    "<style>@page{size:A4;margin:20mm}body{font-family:'Noto Serif CJK SC','SimSun',serif;font-size:16px;"
    "line-height:2;max-width:170mm;margin:0 auto}h1{text-align:center;letter-spacing:.5em;font-size:26px}"
    ".no{text-align:right}.sign{text-align:right;margin-top:2em}.cut{border-top:1px dashed #000;margin:3em 0 1em;"
    "text-align:center;font-size:12px}u{padding:0 1em}@media print{.noprint{display:none}}</style>";

}  // namespace

std::string letter_html(App& app, const core::Principal& who, std::int64_t id) {
  const auto t = transfer(app, who, id);
  if (t.at("kind").as_string() != "out") conflict("只有转出本县的转接开具介绍信", "id");
  const auto started = core::day_of(t.at("started_at").as_int64());
  const auto no = text(t, "letter_no");
  std::string h =
      "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>中国共产党党员组织关系介绍信 " + no +
      "</title>" + kStyle + "</head><body>";
  h += "<p class=\"noprint\"><button onclick=\"window.print()\">打印</button></p>";
  h += "<h1>中国共产党党员组织关系介绍信</h1><p class=\"no\">" + no + "</p>";
  h += "<p><u>" + text(t, "to_name") + "</u>：</p>";
  h += "<p>　　兹介绍<u>" + text(t, "member_name") + "</u>同志的党员组织关系由<u>" + text(t, "from_name") +
       "</u>转到你处，请接洽。转接原因：" + text(t, "reason") + "。</p>";
  h += "<p>　　该同志党费已交到____年____月。（有效期<u>" + text(t, "valid_days") + "</u>天）</p>";
  h += "<p class=\"sign\">" + text(t, "from_name") + "（盖章）<br>" + started.substr(0, 4) + "年" +
       started.substr(5, 2) + "月" + started.substr(8, 2) + "日</p>";
  h += "<div class=\"cut\">（此处裁开，回执请寄回开具介绍信的党组织）</div>";
  h += "<h1>回　执</h1><p class=\"no\">" + no + "</p>";
  h += "<p><u>" + text(t, "from_name") + "</u>：</p>";
  h += "<p>　　<u>" + text(t, "member_name") + "</u>同志的党员组织关系已转达我处，特此回复。</p>";
  h += "<p class=\"sign\">（接收党组织盖章）<br>____年____月____日</p>";
  h += "</body></html>";
  return h;
}

}  // namespace jiceng::relations
