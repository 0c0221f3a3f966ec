#include "io/blob_store.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "crypto/crypto.hpp"

namespace jiceng::io {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kHashChars = 64;
constexpr std::size_t kFanOutChars = 2;  // one folder level, so no folder holds every file
constexpr std::size_t kTmpTokenBytes = 6;

bool starts(std::string_view b, std::string_view magic, std::size_t at = 0) {
  return b.size() >= at + magic.size() && b.compare(at, magic.size(), magic) == 0;
}

std::optional<std::string> sniff_one(std::string_view b, FileType t) {
  switch (t) {
    case FileType::jpeg:
      if (starts(b, "\xFF\xD8\xFF")) return "image/jpeg";
      break;
    case FileType::png:
      if (starts(b, std::string_view("\x89PNG\r\n\x1A\n", 8))) return "image/png";
      break;
    case FileType::webp:
      if (starts(b, "RIFF") && starts(b, "WEBP", 8)) return "image/webp";
      break;
    case FileType::pdf:
      if (starts(b, "%PDF-")) return "application/pdf";
      break;
    case FileType::docx:
      // A .docx is a zip whose entries name the Word parts (a bare zip or a workbook is not one).
      if (starts(b, std::string_view("PK\x03\x04", 4)) && b.find("word/") != std::string_view::npos)
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
      break;
    case FileType::doc:
      // An OLE compound file, the container of the old Word format.
      if (starts(b, std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))) return "application/msword";
      break;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> sniff(std::string_view bytes, std::span<const FileType> allowed) {
  for (const auto t : allowed)
    if (auto mime = sniff_one(bytes, t)) return mime;
  return std::nullopt;
}

bool is_blob_hash(std::string_view h) {
  return h.size() == kHashChars && h.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

fs::path BlobStore::path_of(std::string_view hash) const {
  return root_ / std::string(hash.substr(0, kFanOutChars)) / std::string(hash);
}

std::string BlobStore::write(std::string_view bytes) const {
  auto hash = crypto::sm3_hex(bytes);
  const auto path = path_of(hash);
  if (fs::exists(path)) return hash;
  fs::create_directories(path.parent_path());
  // Written beside, then renamed: a reader never sees half a file.
  const auto tmp = path.string() + ".tmp" + crypto::random_token(kTmpTokenBytes);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) throw std::runtime_error("cannot write file " + tmp);
  }
  fs::rename(tmp, path);
  return hash;
}

std::optional<BlobStore::Put> BlobStore::put(std::string_view bytes, std::span<const FileType> allowed) const {
  auto mime = sniff(bytes, allowed);
  if (!mime) return std::nullopt;
  return Put{write(bytes), std::move(*mime)};
}

std::optional<std::string> BlobStore::read(std::string_view hash) const {
  if (!is_blob_hash(hash)) return std::nullopt;
  std::ifstream in(path_of(hash), std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace jiceng::io
