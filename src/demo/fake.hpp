#pragma once
// Deterministic fake people and places for the demo county and the benchmark province: the same
// seed gives the same names, dates, phones and valid ID numbers, so runs can be compared.
#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <unordered_set>

namespace jiceng::demo {

inline constexpr std::array<const char*, 40> kSurnames = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
                                                          "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗",
                                                          "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧",
                                                          "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕"};
inline constexpr std::array<const char*, 48> kGiven = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "霞", "平", "刚", "桂", "英", "华", "建", "国", "文", "红", "玉", "兰", "海", "燕",
    "春", "梅", "志", "新", "荣", "德", "福", "生", "晓", "东", "金", "凤", "成", "林", "云", "泉"};
inline constexpr std::array<const char*, 24> kPlaceWords = {
    "红星", "东风", "前进", "胜利", "幸福", "和平", "团结", "光明", "新华", "永丰", "丰收", "长城",
    "五一", "建设", "先锋", "向阳", "民主", "友谊", "黎明", "朝阳", "金星", "安康", "太平", "富民"};

class Fake final {
 public:
  explicit Fake(std::uint64_t seed) : rng_(seed) {}
  int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  double unit() { return std::uniform_real_distribution<double>(0, 1)(rng_); }
  bool chance(double p) { return unit() < p; }
  template <class A>
  const char* pick(const A& a) {
    return a[static_cast<std::size_t>(between(0, static_cast<int>(a.size()) - 1))];
  }
  std::string name();
  std::string date(int y0, int y1);  // "YYYY-MM-DD"
  std::string phone();
  // A valid GB 11643 number in `region` (6 digits), unique within this generator.
  std::string id_number(std::string_view region, const std::string& birth, bool male);

 private:
  std::mt19937_64 rng_;
  std::unordered_set<std::string> used_;
};

// A closed GeoJSON rectangle.
std::string polygon(double west, double south, double east, double north);
// A unified social credit code with a correct check character (GB 32100-2015), serial `n` in `region`.
std::string credit_code(std::string_view region, int n);

}  // namespace jiceng::demo
