#pragma once
// Uploaded files kept once per content: named by their SM3 hash under a folder outside the
// database (`root/ab/abcdef…`), typed from their first bytes rather than from what the client
// claims, and served back by that hash. Which files a module holds stays in the module's own
// table; this only owns the bytes on disk.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace jiceng::io {

enum class FileType : std::uint8_t { jpeg, png, webp, pdf, docx, doc };

inline constexpr FileType kImageTypes[] = {FileType::jpeg, FileType::png, FileType::webp};
// What a member's record may carry: minutes, forms and certificates as PDF, Word or a photo of the page.
inline constexpr FileType kDocumentTypes[] = {FileType::pdf,  FileType::jpeg, FileType::png,
                                              FileType::webp, FileType::docx, FileType::doc};

// The MIME type of `bytes` if it is one of `allowed`; nullopt for anything else.
std::optional<std::string> sniff(std::string_view bytes, std::span<const FileType> allowed);

// 64 lowercase hex digits: the only names a store hands out, so the only ones it opens.
bool is_blob_hash(std::string_view hash);

// A stored file as served: its type (from the owner's table) and its bytes.
struct Blob final {
  std::string mime;
  std::string bytes;
};

class BlobStore final {
 public:
  explicit BlobStore(std::filesystem::path root) : root_(std::move(root)) {}

  struct Put final {
    std::string hash;
    std::string mime;
  };
  // Sniffs `bytes` against `allowed` and, if it fits, writes it (once per content); nullopt when
  // the type is not allowed (nothing is written then).
  std::optional<Put> put(std::string_view bytes, std::span<const FileType> allowed) const;
  // Writes bytes already known to be of an allowed type; returns their hash.
  std::string write(std::string_view bytes) const;
  // Where a hash's file lives; the hash must satisfy is_blob_hash.
  std::filesystem::path path_of(std::string_view hash) const;
  // The stored bytes; nullopt for a malformed hash or a missing file.
  std::optional<std::string> read(std::string_view hash) const;

 private:
  std::filesystem::path root_;
};

}  // namespace jiceng::io
