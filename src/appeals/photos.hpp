#pragma once
// Photos on appeals: recognised by their bytes (JPEG, PNG, WebP), stored once per content hash in
// a folder outside the database, and served by that hash.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/db.hpp"

namespace jiceng::appeals {

constexpr std::size_t kMaxPhotoBytes = 5 * 1024 * 1024;
constexpr std::size_t kMaxPhotosPerAppeal = 9;

// "image/jpeg", "image/png" or "image/webp" from the file's first bytes; nullopt for anything else.
std::optional<std::string> sniff_image(std::string_view bytes);

// Writes the photo under `dir` (once per content) and records it; returns its hash.
std::string store_photo(store::Conn& c, const std::string& dir, std::string_view bytes, const std::string& mime,
                        std::int64_t now);
// The type of a stored photo, if the hash is known.
std::optional<std::string> photo_mime(store::Conn& c, const std::string& hash);
// Checks the hashes a form sends and attaches them to an appeal (and the event they came with).
void attach_photos(store::Conn& c, std::int64_t appeal_id, std::optional<std::int64_t> event_id,
                   const std::vector<std::string>& hashes);
std::vector<std::string> parse_photo_list(const void* json_value);  // boost::json::value*; throws ApiError

}  // namespace jiceng::appeals
