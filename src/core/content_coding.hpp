#pragma once
// Which precompressed copy of a static file answers a request: the build writes FILE.br and
// FILE.gz beside each text file (web/precompress.mjs), and the request's Accept-Encoding
// (RFC 9110 §12.5.3) says which of them the client can read.
#include <string_view>

namespace jiceng::core {

enum class Coding { identity, gzip, br };

// The best coding both sides have: the highest q among those the header accepts (q > 0) and the
// file has, brotli before gzip on a tie. Identity counts as acceptable at the lowest weight unless
// the header names it (or `*`) with q=0; an empty or absent header means identity.
Coding choose_coding(std::string_view accept_encoding, bool have_br, bool have_gzip);

// The Content-Encoding token ("br", "gzip"); empty for identity.
std::string_view coding_token(Coding c);

}  // namespace jiceng::core
