#pragma once
// The body of an Open311 POST: form-encoded, as the specification has it, or multipart/form-data,
// which clients use to send a photo with the report (the `media` extension).
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jiceng::open311 {

struct FilePart final {
  std::string name;      // the form field, e.g. "media"
  std::string filename;  // as the client named it
  std::string bytes;
};

struct Form final {
  std::multimap<std::string, std::string> fields;
  std::vector<FilePart> files;
};

// The boundary a multipart/form-data Content-Type names; nullopt for any other type.
std::optional<std::string> multipart_boundary(std::string_view content_type);
// The parts of a multipart body: parts with a filename are files, the others text fields.
// nullopt when the body is not well-formed multipart or has more than kMaxParts parts.
std::optional<Form> parse_multipart(std::string_view body, std::string_view boundary);

constexpr std::size_t kMaxParts = 200;

}  // namespace jiceng::open311
