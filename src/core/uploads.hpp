#pragma once
// Documents a page uploads as the raw request body (minutes, an application form, a certificate)
// and the stored files served back: the checks and headers every module's file routes share. The
// module keeps which files it holds and who may read them; io's blob store keeps the bytes.
#include <cstddef>
#include <string>
#include <string_view>

#include "core/http.hpp"
#include "io/blob_store.hpp"

namespace jiceng::http {

// Under the server's body limit, with room for the request line and headers.
inline constexpr std::size_t kMaxDocumentBytes = 8 * 1024 * 1024 - 1024;

// The MIME type of an uploaded document: present, at most kMaxDocumentBytes, and a PDF, Word
// document or image by its first bytes; otherwise 400, 413 or 415, the message naming `noun`
// (附件, 材料) as the page calls it.
std::string document_upload(const Request& req, std::string_view noun);

// A stored file: private, cached for good (its name is its hash), never sniffed by the browser.
Response blob_response(io::Blob blob);

}  // namespace jiceng::http
