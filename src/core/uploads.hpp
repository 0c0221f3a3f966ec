#pragma once
// Documents a page uploads as the raw request body (minutes, an application form, a certificate)
// and the stored files served back: the checks and headers every module's file routes share. The
// module keeps which files it holds and who may read them; io's blob store keeps the bytes.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/app.hpp"
#include "core/http.hpp"
#include "io/blob_store.hpp"

namespace jiceng::http {

// Under the server's body limit, with room for the request line and headers.
inline constexpr std::size_t kMaxDocumentBytes = 8 * 1024 * 1024 - 1024;

// The MIME type of an uploaded document: present, at most kMaxDocumentBytes, and a PDF, Word
// document or image by its first bytes; otherwise 400, 413 or 415, the message naming `noun`
// (附件, 材料) as the page calls it.
std::string document_upload(const Request& req, std::string_view noun);

// A module's documents keep their bytes in its own folder of the media directory, once per hash.
// Keeps an upload's bytes there and records it with `insert` (hash, mime, bytes, at) in the module's
// own table; returns its hash.
std::string keep_document(App& app, std::string_view folder, const char* insert, std::string_view bytes,
                          const std::string& mime);

// A module's stored document, when `readable_mime` (run inside a read) gives its type for the
// caller, that is when the caller may read it; nullopt for a malformed hash, a refusal or no file.
std::optional<io::Blob> read_document(App& app, std::string_view folder, const std::string& hash,
                                      const std::function<std::optional<std::string>(store::Conn&)>& readable_mime);

// A stored file: private, cached for good (its name is its hash), never sniffed by the browser.
Response blob_response(io::Blob blob);

}  // namespace jiceng::http
