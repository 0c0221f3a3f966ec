#include "appeals/photos.hpp"

#include <boost/json.hpp>

#include "appeals/queries.hpp"
#include "core/errors.hpp"
#include "io/blob_store.hpp"

namespace jiceng::appeals {

std::optional<std::string> sniff_image(std::string_view b) { return io::sniff(b, io::kImageTypes); }

std::string store_photo(store::Conn& c, const std::string& dir, std::string_view bytes, const std::string& mime,
                        std::int64_t now) {
  const auto hash = io::BlobStore(dir).write(bytes);
  c.execute(sql::kInsertPhoto, {hash, mime, static_cast<std::int64_t>(bytes.size()), now});
  return hash;
}

std::optional<std::string> photo_mime(store::Conn& c, const std::string& hash) {
  if (!io::is_blob_hash(hash)) return std::nullopt;
  auto row = c.one(sql::kPhotoMime, {hash});
  if (!row) return std::nullopt;
  return row->text(0);
}

std::vector<std::string> parse_photo_list(const void* value) {
  std::vector<std::string> out;
  const auto* v = static_cast<const boost::json::value*>(value);
  if (v == nullptr || v->is_null()) return out;
  if (!v->is_array()) bad_request("photos", "photos 应为照片编号列表");
  if (v->as_array().size() > kMaxPhotosPerAppeal) bad_request("photos", "最多 9 张照片");
  for (const auto& p : v->as_array()) {
    if (!p.is_string() || !io::is_blob_hash(p.as_string())) bad_request("photos", "照片编号无效，请重新上传");
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
