#include "appeals/photos.hpp"

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>

#include "appeals/queries.hpp"
#include "core/errors.hpp"
#include "crypto/crypto.hpp"

namespace jiceng::appeals {
namespace {

namespace fs = std::filesystem;
constexpr std::size_t kHashChars = 64;

bool is_hash(std::string_view h) {
  return h.size() == kHashChars && h.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

fs::path path_of(const std::string& dir, const std::string& hash) { return fs::path(dir) / hash.substr(0, 2) / hash; }

}  // namespace

std::optional<std::string> sniff_image(std::string_view b) {
  auto starts = [&](std::string_view magic, std::size_t at = 0) {
    return b.size() >= at + magic.size() && b.compare(at, magic.size(), magic) == 0;
  };
  if (starts("\xFF\xD8\xFF")) return "image/jpeg";
  if (starts(std::string_view("\x89PNG\r\n\x1A\n", 8))) return "image/png";
  if (starts("RIFF") && starts("WEBP", 8)) return "image/webp";
  return std::nullopt;
}

std::string store_photo(store::Conn& c, const std::string& dir, std::string_view bytes, const std::string& mime,
                        std::int64_t now) {
  const auto hash = crypto::sm3_hex(bytes);
  const auto path = path_of(dir, hash);
  if (!fs::exists(path)) {
    fs::create_directories(path.parent_path());
    // Write beside, then rename: a reader never sees half a photo.
    const auto tmp = path.string() + ".tmp" + crypto::random_token(6);
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      out.flush();
      if (!out) throw std::runtime_error("cannot write photo " + tmp);
    }
    fs::rename(tmp, path);
  }
  c.execute(sql::kInsertPhoto, {hash, mime, static_cast<std::int64_t>(bytes.size()), now});
  return hash;
}

std::optional<std::pair<std::string, std::string>> photo_file(store::Conn& c, const std::string& dir,
                                                              const std::string& hash) {
  if (!is_hash(hash)) return std::nullopt;
  auto row = c.one(sql::kPhotoMime, {hash});
  if (!row) return std::nullopt;
  return std::make_pair(path_of(dir, hash).string(), row->text(0));
}

std::vector<std::string> parse_photo_list(const void* value) {
  std::vector<std::string> out;
  const auto* v = static_cast<const boost::json::value*>(value);
  if (v == nullptr || v->is_null()) return out;
  if (!v->is_array()) bad_request("photos", "photos 应为照片编号列表");
  if (v->as_array().size() > kMaxPhotosPerAppeal) bad_request("photos", "最多 9 张照片");
  for (const auto& p : v->as_array()) {
    if (!p.is_string() || !is_hash(std::string(p.as_string()))) bad_request("photos", "照片编号无效，请重新上传");
    out.emplace_back(p.as_string());
  }
  return out;
}

void attach_photos(store::Conn& c, std::int64_t appeal_id, std::optional<std::int64_t> event_id,
                   const std::vector<std::string>& hashes) {
  for (const auto& h : hashes) {
    if (!c.one(sql::kPhotoKnown, {h})) bad_request("photos", "照片不存在，请重新上传");
    c.execute(sql::kAttachPhoto, {appeal_id, store::opt(event_id), h});
  }
}

}  // namespace jiceng::appeals
