#include "io/table.hpp"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <minizip/zip.h>

namespace jiceng::io {
namespace {

// The message of the TableError that f throws, or "" when it throws none.
template <typename F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const TableError& e) {
    return e.what();
  }
  return "";
}

// Builds a zip in memory-equivalent form (through a temp file, as minizip writes files).
std::string make_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string path = (std::filesystem::temp_directory_path() / "jiceng-test-zip-XXXXXX").string();
  const int fd = ::mkstemp(path.data());
  EXPECT_GE(fd, 0);
  ::close(fd);
  zipFile zf = zipOpen64(path.c_str(), APPEND_STATUS_CREATE);
  EXPECT_NE(zf, nullptr);
  for (const auto& [name, body] : entries) {
    EXPECT_EQ(zipOpenNewFileInZip64(zf, name.c_str(), nullptr, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED,
                                    Z_DEFAULT_COMPRESSION, 0),
              ZIP_OK);
    EXPECT_EQ(zipWriteInFileInZip(zf, body.data(), static_cast<unsigned>(body.size())), ZIP_OK);
    EXPECT_EQ(zipCloseFileInZip(zf), ZIP_OK);
  }
  EXPECT_EQ(zipClose(zf, nullptr), ZIP_OK);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  ::unlink(path.c_str());
  return std::move(buf).str();
}

const std::string kContentTypes = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
                                  R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)";

// A workbook whose only sheet is named by its relationship, not by the default sheet1.xml path.
std::string make_xlsx(const std::string& sheet_data, const std::string& shared_strings) {
  const std::string workbook = R"(<?xml version="1.0" encoding="UTF-8"?>)"
                               R"(<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
                               R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
                               R"(<x:sheets><x:sheet name="名单" sheetId="7" r:id="rId3"/></x:sheets></x:workbook>)";
  const std::string rels =
      R"(<?xml version="1.0" encoding="UTF-8"?>)"
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="/xl/strings.xml"/>)"
      R"(<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/people.xml"/>)"
      R"(</Relationships>)";
  const std::string sheet =
      R"(<?xml version="1.0" encoding="UTF-8"?>)"
      R"(<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>)" +
      sheet_data + R"(</x:sheetData></x:worksheet>)";
  const std::string sst =
      R"(<?xml version="1.0" encoding="UTF-8"?><x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)" +
      shared_strings + "</x:sst>";
  return make_zip({{"[Content_Types].xml", kContentTypes},
                   {"xl/workbook.xml", workbook},
                   {"xl/_rels/workbook.xml.rels", rels},
                   {"xl/worksheets/people.xml", sheet},
                   {"xl/strings.xml", sst}});
}

// ------------------------------------------------------------------------------------------
// CSV

TEST(Csv, RoundTripsChineseCommasQuotesAndNewlines) {
  const Table t = {
      {"姓名", "身份证号", "地址", "备注"},
      {"张三", "11010519491231002X", "北京市海淀区，中关村大街1号", "他说\"你好\""},
      {"李四", "370102199003071234", "a,b", "第一行\n第二行"},
      {"", "007", "", ""},
  };
  const auto csv = write_csv(t);
  EXPECT_TRUE(csv.starts_with("\xEF\xBB\xBF"));
  EXPECT_NE(csv.find("\"他说\"\"你好\"\"\""), std::string::npos);
  EXPECT_NE(csv.find("\r\n"), std::string::npos);
  EXPECT_EQ(parse_csv(csv), t);
}

TEST(Csv, StripsTheByteOrderMark) {
  const Table expected = {{"姓名", "年龄"}, {"王五", "30"}};
  EXPECT_EQ(parse_csv("\xEF\xBB\xBF姓名,年龄\n王五,30\n"), expected);
  EXPECT_EQ(parse_csv("姓名,年龄\n王五,30"), expected);
}

TEST(Csv, AcceptsCrlfLfAndOldMacLineEnds) {
  const Table expected = {{"a", "b"}, {"c", "d"}, {"e", "f"}};
  EXPECT_EQ(parse_csv("a,b\r\nc,d\r\ne,f\r\n"), expected);
  EXPECT_EQ(parse_csv("a,b\nc,d\ne,f"), expected);
  EXPECT_EQ(parse_csv("a,b\rc,d\re,f\r"), expected);
  // A CRLF inside quotes is one newline in the cell, and the row count is unaffected.
  EXPECT_EQ(parse_csv("\"x\r\ny\",z\r\n1,2\r\n"), (Table{{"x\ny", "z"}, {"1", "2"}}));
}

TEST(Csv, KeepsEmptyCellsAndMiddleBlankRowsButDropsTrailingBlankRows) {
  const Table expected = {{"a", "", "c"}, {}, {"", "x", ""}};
  EXPECT_EQ(parse_csv("a,,c\n,,\n,x,\n,,\n\n\r\n"), expected);
  EXPECT_TRUE(parse_csv("").empty());
  EXPECT_TRUE(parse_csv("\xEF\xBB\xBF\r\n,,\r\n").empty());
}

TEST(Csv, ReportsTheRowOfAnUnclosedQuote) {
  EXPECT_EQ(error_of([] { parse_csv("姓名,备注\n张三,ok\n李四,\"没有结束\n王五,x\n"); }), "第 3 行引号未闭合");
}

TEST(Csv, CountsRowsAsExcelDoesWhenCellsSpanLines) {
  // Row 2 holds a two-line cell, so the bad quote is on Excel's row 3 though text line 4.
  EXPECT_EQ(error_of([] { parse_csv("h\n\"a\nb\"\n\"open\n"); }), "第 3 行引号未闭合");
}

TEST(Csv, RejectsTextThatIsNotUtf8) {
  const std::string gbk = "\xD0\xD5\xC3\xFB,\xC4\xEA\xC1\xE4\r\n\xD5\xC5\xC8\xFD,30\r\n";  // 姓名,年龄 / 张三,30
  EXPECT_EQ(error_of([&] { parse_csv(gbk); }), "文件不是 UTF-8 编码，请在 Excel 中另存为“CSV UTF-8”");
  EXPECT_NE(error_of([] { parse_csv("a\xC0\xAF"); }), "");      // overlong '/'
  EXPECT_NE(error_of([] { parse_csv("a\xED\xA0\x80"); }), "");  // UTF-16 surrogate
  EXPECT_NE(error_of([] { parse_csv("\xE4\xB8"); }), "");       // truncated 中
  EXPECT_EQ(parse_csv("中,😀"), (Table{{"中", "😀"}}));
}

TEST(Csv, NeutralisesFormulaInjection) {
  const Table t = {{"=HYPERLINK(\"http://x\",\"y\")", "+cmd", "-2+3", "@SUM(A1)", "\tx", "-3", "-0.5", "12", "a=b"}};
  EXPECT_EQ(write_csv(t),
            "\xEF\xBB\xBF\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'+cmd,'-2+3,'@SUM(A1),'\tx,-3,-0.5,12,a=b\r\n");
  // The guard is visible text, not lost: a re-import shows exactly what Excel would show.
  EXPECT_EQ(parse_csv(write_csv({{"=1+1"}}))[0][0], "'=1+1");
}

TEST(Csv, RejectsMoreThanTheRowLimit) {
  std::string at_limit = "姓名\n";
  for (std::size_t i = 0; i < kMaxImportRows; ++i) at_limit += "x\n";
  EXPECT_EQ(parse_csv(at_limit).size(), kMaxImportRows + 1);
  // Trailing blank lines past the limit are not data.
  EXPECT_EQ(parse_csv(at_limit + "\n,\n\n").size(), kMaxImportRows + 1);

  const auto err = error_of([&] { parse_csv(at_limit + "y\n"); });
  EXPECT_NE(err.find("100000"), std::string::npos) << err;
}

TEST(Csv, RejectsAnOverlongCellNamingRowAndColumn) {
  const std::string ok(kMaxCellBytes, 'a');
  EXPECT_EQ(parse_csv("h1,h2\nx," + ok + "\n")[1][1].size(), kMaxCellBytes);
  const auto err = error_of([&] { parse_csv("h1,h2\nx," + ok + "b\n"); });
  EXPECT_NE(err.find("第 2 行 B 列"), std::string::npos) << err;
}

// ------------------------------------------------------------------------------------------
// XLSX

TEST(Xlsx, RoundTripKeepsChineseIdNumbersAndGaps) {
  const Table t = {
      {"姓名", "身份证号", "电话", "备注"},
      {"张三", "110105194912310021", "", "住址：北京 & 上海 <测试>"},
      {"李四", "", "007", "两行\n文字"},
      {},
      {"王五", "37010219900307123X", "13800138000", ""},
  };
  const auto bytes = write_xlsx(t, "人员名单");
  ASSERT_TRUE(bytes.starts_with("PK"));
  const Table back = parse_xlsx(bytes);
  // Trailing empty cells are not stored in an xlsx, so those rows come back shorter.
  const Table expected = {
      {"姓名", "身份证号", "电话", "备注"},
      {"张三", "110105194912310021", "", "住址：北京 & 上海 <测试>"},
      {"李四", "", "007", "两行\n文字"},
      {},
      {"王五", "37010219900307123X", "13800138000"},
  };
  EXPECT_EQ(back, expected);
}

TEST(Xlsx, WritesAWorkbookEvenForAwkwardSheetNamesAndEmptyTables) {
  EXPECT_EQ(parse_xlsx(write_xlsx({{"a"}}, "a/b:c?*[x]'这是一个非常非常非常非常非常非常非常非常长的工作表名称")),
            (Table{{"a"}}));
  EXPECT_TRUE(parse_xlsx(write_xlsx({}, "")).empty());
}

TEST(Xlsx, RoundTripKeepsControlCharactersAndTextThatLooksLikeExcelEscapes) {
  const Table t = {{"a_x0041_b", "_x005F_", "tab\there", "bell\x07"}};
  EXPECT_EQ(parse_xlsx(write_xlsx(t, "S")), t);
}

TEST(Xlsx, ReadsSharedAndInlineStringsEntitiesAndSparseCells) {
  const std::string strings =
      R"(<x:si><x:t>姓名</x:t></x:si>)"
      R"(<x:si><x:r><x:rPr><x:b/></x:rPr><x:t>身份</x:t></x:r><x:r><x:t xml:space="preserve">证号 </x:t></x:r>)"
      R"(<x:rPh sb="0" eb="1"><x:t>シメイ</x:t></x:rPh></x:si>)"
      R"(<x:si><x:t>A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos; &#20013;&#x6587;</x:t></x:si>)"
      R"(<x:si><x:t>line_x000D_end</x:t></x:si>)";
  const std::string sheet =
      R"(<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="s"><x:v>1</x:v></x:c></x:row>)"
      R"(<x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:t>行内&amp;文字</x:t></x:is></x:c>)"
      R"(<x:c r="D2" s="3"><x:v>1.5</x:v></x:c><x:c r="E2" t="b"><x:v>1</x:v></x:c></x:row>)"
      R"(<x:row r="4"><x:c r="A4" t="s"><x:v>2</x:v></x:c><x:c r="B4" t="str"><x:f>A4</x:f><x:v>=</x:v></x:c>)"
      R"(<x:c r="C4" t="s"><x:v>3</x:v></x:c><x:c r="D4"/></x:row>)"
      R"(<x:row r="6" spans="1:3"/><x:row r="9"><x:c r="A9"><x:v></x:v></x:c></x:row>)";
  const Table expected = {
      {"姓名", "", "身份证号 "},
      {"", "行内&文字", "", "1.5", "TRUE"},
      {},
      {"A & B <c> \"d\" 'e' 中文", "=", "line\rend"},
  };
  EXPECT_EQ(parse_xlsx(make_xlsx(sheet, strings)), expected);
}

TEST(Xlsx, RejectsGarbageBytes) {
  EXPECT_EQ(error_of([] { parse_xlsx("this is not a spreadsheet at all, just some text"); }),
            "文件不是有效的 XLSX 表格");
  EXPECT_EQ(error_of([] { parse_xlsx(""); }), "文件不是有效的 XLSX 表格");
  // A valid xlsx cut in half loses its central directory.
  const auto bytes = write_xlsx({{"a", "b"}}, "S");
  EXPECT_EQ(error_of([&] { parse_xlsx(std::string_view(bytes).substr(0, bytes.size() / 2)); }),
            "文件不是有效的 XLSX 表格");
}

TEST(Xlsx, RejectsAZipThatIsNotAWorkbook) {
  const auto zip = make_zip({{"readme.txt", "hello"}, {"photo.jpg", std::string(100, '\xFF')}});
  ASSERT_TRUE(zip.starts_with("PK"));
  EXPECT_EQ(error_of([&] { parse_xlsx(zip); }), "文件不是有效的 XLSX 表格");
  // A workbook with no sheet part behind it is not usable either.
  const auto hollow = make_zip({{"xl/workbook.xml", "<workbook><sheets><sheet r:id=\"rId1\"/></sheets></workbook>"}});
  EXPECT_EQ(error_of([&] { parse_xlsx(hollow); }), "文件不是有效的 XLSX 表格");
}

TEST(Xlsx, RejectsMalformedSheetXml) {
  EXPECT_EQ(error_of([] { parse_xlsx(make_xlsx(R"(<x:row r="1"><x:c r="A1" t="s"><x:v>5</x:v></x:c></x:row>)", "")); }),
            "文件不是有效的 XLSX 表格");  // shared string index out of range
  EXPECT_EQ(error_of([] { parse_xlsx(make_xlsx(R"(<x:row r="1"><x:c r="A1"><x:v>&bogus;</x:v></x:c></x:row>)", "")); }),
            "文件不是有效的 XLSX 表格");
}

TEST(Xlsx, RefusesAnEntryThatInflatesPastTheLimit) {
  // 60 MiB of zeros deflates to well under 100 KiB: the shape of a zip bomb.
  const std::string huge(std::size_t{60} << 20, '0');
  const auto bomb = make_zip({{"xl/workbook.xml", "<workbook/>"}, {"xl/worksheets/sheet1.xml", huge}});
  ASSERT_LT(bomb.size(), std::size_t{1} << 20);
  const auto err = error_of([&] { parse_xlsx(bomb); });
  EXPECT_NE(err.find("过大"), std::string::npos) << err;
}

TEST(Xlsx, ExplainsOldXlsFiles) {
  const std::string ole = std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(512, '\0');
  EXPECT_NE(error_of([&] { parse_xlsx(ole); }).find(".xls"), std::string::npos);
}

TEST(Xlsx, RejectsAnOverlongCellNamingRowAndColumn) {
  const std::string sheet = R"(<x:row r="3"><x:c r="C3" t="inlineStr"><x:is><x:t>)" +
                            std::string(kMaxCellBytes + 1, 'z') + R"(</x:t></x:is></x:c></x:row>)";
  const auto err = error_of([&] { parse_xlsx(make_xlsx(sheet, "")); });
  EXPECT_NE(err.find("第 3 行 C 列"), std::string::npos) << err;
}

}  // namespace
}  // namespace jiceng::io
