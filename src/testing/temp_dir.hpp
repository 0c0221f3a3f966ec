#pragma once
// A fresh folder under /tmp for one test (its database, its media), removed with all it holds
// when the test's fixture goes. Declare it before whatever keeps files open in it.
#include <string>
#include <string_view>

namespace jiceng::test {

class TempDir final {
 public:
  explicit TempDir(std::string_view prefix);  // "/tmp/<prefix>-XXXXXX"
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace jiceng::test
