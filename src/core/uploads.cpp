#include "core/uploads.hpp"

#include <filesystem>

#include "core/errors.hpp"

namespace jiceng::http {
namespace {

io::BlobStore document_store(const App& app, std::string_view folder) {
  return io::BlobStore(std::filesystem::path(app.media_dir) / folder);
}

}  // namespace

std::string document_upload(const Request& req, std::string_view noun) {
  const auto& bytes = req.body;
  if (bytes.empty()) bad_request("", "请选择文件", "required");
  if (bytes.size() > kMaxDocumentBytes) {
    throw ApiError(413, "file_too_large", std::string(noun) + "不能超过 8 MB");
  }
  auto mime = io::sniff(bytes, io::kDocumentTypes);
  if (!mime) throw ApiError(415, "unsupported_media", "只能上传 PDF、Word（.doc/.docx）或 JPEG、PNG、WebP 图片");
  return std::move(*mime);
}

std::string keep_document(App& app, std::string_view folder, const char* insert, std::string_view bytes,
                          const std::string& mime) {
  const auto hash = document_store(app, folder).write(bytes);
  app.db.write([&](store::Conn& c) {
    c.execute(insert, {hash, mime, static_cast<std::int64_t>(bytes.size()), app.now()});
  });
  return hash;
}

std::optional<io::Blob> read_document(App& app, std::string_view folder, const std::string& hash,
                                      const std::function<std::optional<std::string>(store::Conn&)>& readable_mime) {
  if (!io::is_blob_hash(hash)) return std::nullopt;
  const auto mime = app.db.read(readable_mime);
  if (!mime) return std::nullopt;
  auto bytes = document_store(app, folder).read(hash);
  if (!bytes) return std::nullopt;
  return io::Blob{*mime, std::move(*bytes)};
}

Response blob_response(io::Blob blob) {
  Response r;
  r.content_type = std::move(blob.mime);
  r.body = std::move(blob.bytes);
  r.set_header("Cache-Control", "private, max-age=31536000, immutable");
  r.set_header("X-Content-Type-Options", "nosniff");
  return r;
}

}  // namespace jiceng::http
