#include "testing/temp_dir.hpp"

#include <unistd.h>

#include <filesystem>
#include <stdexcept>
#include <system_error>
#include <vector>

namespace jiceng::test {

TempDir::TempDir(std::string_view prefix) {
  const std::string pattern = "/tmp/" + std::string(prefix) + "-XXXXXX";
  std::vector<char> tmpl(pattern.begin(), pattern.end());
  tmpl.push_back('\0');
  if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("cannot make a folder like " + pattern);
  path_ = tmpl.data();
}

TempDir::~TempDir() {
  std::error_code ec;  // a test's leftovers never fail the test
  std::filesystem::remove_all(path_, ec);
}

}  // namespace jiceng::test
