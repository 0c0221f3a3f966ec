#include "core/uploads.hpp"

#include "core/errors.hpp"

namespace jiceng::http {

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

Response blob_response(io::Blob blob) {
  Response r;
  r.content_type = std::move(blob.mime);
  r.body = std::move(blob.bytes);
  r.set_header("Cache-Control", "private, max-age=31536000, immutable");
  r.set_header("X-Content-Type-Options", "nosniff");
  return r;
}

}  // namespace jiceng::http
