// Sheets into the ledger: a unit's payroll (bases) and the filled-in collection sheet (payments).
// An office expects all or nothing: every row is checked inside one transaction, and unless every
// row is good (or on a dry run) the transaction is rolled back and the errors name row and column.
#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "core/dates.hpp"
#include "core/errors.hpp"
#include "dues/internal.hpp"
#include "dues/queries.hpp"
#include "people/service.hpp"

namespace jiceng::dues {
namespace {

namespace bj = boost::json;

constexpr std::size_t kMaxErrors = 200;
constexpr std::size_t kMaxNote = 100, kMaxName = 30;

struct Abort final {};

bool has_control(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x20; });
}

// Which column holds each field, by the headings offices use (first match wins).
struct Columns final {
  std::map<std::string, std::size_t> at;
  std::map<std::string, std::string> heading;
  std::optional<std::string> cell(const std::vector<std::string>& row, const std::string& field) const {
    const auto it = at.find(field);
    if (it == at.end() || it->second >= row.size() || row[it->second].empty()) return std::nullopt;
    return row[it->second];
  }
};

Columns columns_of(const std::vector<std::string>& head,
                   const std::vector<std::pair<std::string, std::vector<std::string>>>& fields) {
  Columns cols;
  for (std::size_t i = 0; i < head.size(); ++i) {
    std::string h = head[i];
    while (!h.empty() && h.back() == ' ') h.pop_back();
    for (const auto& [field, names] : fields) {
      if (cols.at.count(field) || std::find(names.begin(), names.end(), h) == names.end()) continue;
      cols.at[field] = i;
      cols.heading[field] = h;
    }
  }
  for (const auto& [field, names] : fields) {
    if (!cols.heading.count(field)) cols.heading[field] = names.front();
  }
  return cols;
}

struct Outcome final {
  bj::array errors;
  std::int64_t done = 0, skipped = 0;
};

// Runs `row` over each data row in one transaction; an ApiError becomes the row's error, naming
// the column of the field it names.
template <class RowFn>
Outcome run_sheet(App& app, const io::Table& sheet, const Columns& cols, bool dry_run, const std::string& what,
                  const Actor& by, RowFn row) {
  Outcome out;
  try {
    app.db.write([&](store::Conn& c) {
      for (std::size_t r = 1; r < sheet.size(); ++r) {
        const auto& cells = sheet[r];
        if (std::all_of(cells.begin(), cells.end(), [](const std::string& s) { return s.empty(); })) continue;
        if (!cells.empty() && cells[0] == "合计") continue;  // the exported sheet's totals line
        try {
          if (row(c, cells)) {
            ++out.done;
          } else {
            ++out.skipped;
          }
        } catch (const ApiError& e) {
          const auto it = cols.heading.find(e.field());
          if (out.errors.size() < kMaxErrors) {
            out.errors.push_back(bj::object{{"row", static_cast<std::int64_t>(r + 1)},
                                            {"column", it == cols.heading.end() ? e.field() : it->second},
                                            {"reason", e.message()}});
          }
        }
      }
      if (!out.errors.empty() || dry_run) throw Abort{};
      detail::audit(c, app, by, "import", what, 0, std::to_string(out.done) + " rows");
    });
  } catch (const Abort&) {
  }
  return out;
}

bj::object result(const io::Table& sheet, Outcome&& o, bool dry_run) {
  const auto rows = static_cast<std::int64_t>(sheet.empty() ? 0 : sheet.size() - 1);
  if (!o.errors.empty()) {
    const auto first = o.errors.front().as_object().at("row").as_int64();
    const auto message = "表格有" + std::to_string(o.errors.size()) + "行有误（第" + std::to_string(first) +
                         "行起），全部未导入，请改正后重新导入";
    // The API answers 422 with the error and every row's reason beside it.
    return bj::object{{"ok", false},
                      {"rows", rows},
                      {"imported", 0},
                      {"errors", std::move(o.errors)},
                      {"error", bj::object{{"code", "bad_rows"}, {"message", message}, {"field", "file"}}}};
  }
  return bj::object{{"ok", true},      {"rows", rows},         {"imported", dry_run ? 0 : o.done},
                    {"valid", o.done}, {"skipped", o.skipped}, {"dry_run", dry_run}};
}

std::int64_t member_of_row(store::Conn& c, const App& app, const Columns& cols, const std::vector<std::string>& row) {
  std::optional<std::int64_t> id;
  if (const auto v = cols.cell(row, "member_id")) {
    const bool digits =
        v->size() <= 15 && std::all_of(v->begin(), v->end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    if (!digits) bad_request("member_id", "党员编号应为数字");
    id = std::stoll(*v);
  } else if (const auto idn = cols.cell(row, "id_number")) {
    id = people::member_by_id_number(c, app.cipher, *idn);
    if (!id) bad_request("id_number", "没有身份证号为该号码的党员");
  } else {
    bad_request("member_id", "请填写党员编号或身份证号", "required");
  }
  const auto m = people::roll_member(c, *id);
  if (!m) bad_request("member_id", "党员编号" + std::to_string(*id) + "不存在");
  if (const auto name = cols.cell(row, "name"); name && *name != m->name) {
    bad_request("name", "姓名与党员编号不符（编号" + std::to_string(*id) + "为" + m->name + "）");
  }
  return *id;
}

// Throws the message as a row error for `field` (the service's own errors name their fields).
std::optional<Fen> money_cell(const Columns& cols, const std::vector<std::string>& row, const char* field) {
  const auto v = cols.cell(row, field);
  if (!v) return std::nullopt;
  const auto f = parse_yuan(*v);
  if (!f) bad_request(field, "金额应为数字（元），如 12.50");
  return f;
}

}  // namespace

bj::object import_bases(App& app, const Actor& by, const io::Table& sheet, bool dry_run) {
  if (sheet.empty()) throw ApiError(400, "bad_file", "文件为空，第一行应为表头");
  const auto cols =
      columns_of(sheet[0], {{"member_id", {"党员编号"}},
                            {"id_number", {"身份证号", "公民身份号码"}},
                            {"name", {"姓名"}},
                            {"kind", {"交纳类别", "类别"}},
                            {"base_fen", {"计算基数(元)", "计算基数", "税后月工资(元)", "税后工资", "基数"}},
                            {"from_month", {"起始月份", "月份"}}});
  if (!cols.at.count("member_id") && !cols.at.count("id_number")) {
    throw ApiError(422, "missing_column", "缺少“党员编号”或“身份证号”列", "党员编号");
  }
  auto o = run_sheet(app, sheet, cols, dry_run, "dues_base", by, [&](store::Conn& c, const auto& row) {
    BaseChange b;
    b.member_id = member_of_row(c, app, cols, row);
    b.kind = cols.cell(row, "kind").value_or("wage");
    b.base_fen = money_cell(cols, row, "base_fen");
    b.from_month = cols.cell(row, "from_month");
    detail::assess_member(c, app, by, b, "import");
    return true;
  });
  return result(sheet, std::move(o), dry_run);
}

bj::object import_payments(App& app, const Actor& by, const io::Table& sheet, bool dry_run) {
  if (sheet.empty()) throw ApiError(400, "bad_file", "文件为空，第一行应为表头");
  const auto cols = columns_of(sheet[0], {{"member_id", {"党员编号"}},
                                          {"id_number", {"身份证号"}},
                                          {"name", {"姓名"}},
                                          {"month", {"月份"}},
                                          {"months", {"交纳月数"}},
                                          {"amount_fen", {"实交金额(元)", "实交金额", "金额(元)"}},
                                          {"paid_on", {"交纳日期"}},
                                          {"method", {"交纳方式"}},
                                          {"proxy_name", {"代交人"}},
                                          {"note", {"备注"}}});
  if (!cols.at.count("amount_fen")) throw ApiError(422, "missing_column", "缺少“实交金额(元)”列", "实交金额(元)");
  if (!cols.at.count("member_id") && !cols.at.count("id_number")) {
    throw ApiError(422, "missing_column", "缺少“党员编号”或“身份证号”列", "党员编号");
  }
  const auto today = core::format_day(detail::today(app));
  auto o = run_sheet(app, sheet, cols, dry_run, "dues_payment", by, [&](store::Conn& c, const auto& row) {
    const auto amount = money_cell(cols, row, "amount_fen");
    if (!amount) return false;  // a member who has not paid: nothing to record
    Payment p;
    p.member_id = member_of_row(c, app, cols, row);
    const auto a = detail::writable_account(c, by.who, p.member_id);
    // A row of an exported sheet for a month already settled is what was recorded before.
    if (const auto m = cols.cell(row, "month")) {
      if (detail::month_field(*m, "month") < a.next_due) return false;
    }
    if (const auto n = cols.cell(row, "months")) {
      if (n->size() > 2 || !std::all_of(n->begin(), n->end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
        bad_request("months", "交纳月数应为 1 到 12 的整数");
      }
      p.months = std::stoi(*n);
    }
    p.amount_fen = amount;
    p.paid_on = cols.cell(row, "paid_on").value_or(today);
    const auto method = parse_method(cols.cell(row, "method").value_or("现金"));
    if (!method) bad_request("method", "交纳方式应为 现金、银行转账、微信、支付宝、工资代扣 或 其他");
    p.method = *method;
    p.proxy_name = cols.cell(row, "proxy_name");
    if (p.proxy_name && p.proxy_name->size() > kMaxName * 3) bad_request("proxy_name", "代交人姓名过长");
    if (p.proxy_name && has_control(*p.proxy_name)) bad_request("proxy_name", "代交人姓名含有非法字符");
    p.note = cols.cell(row, "note").value_or("");
    if (p.note.size() > kMaxNote * 3 || has_control(p.note)) bad_request("note", "备注过长或含有非法字符");
    detail::check_payment(app, p);
    detail::settle(c, app, by, a, p);
    return true;
  });
  return result(sheet, std::move(o), dry_run);
}

}  // namespace jiceng::dues
