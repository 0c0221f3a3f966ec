// Documents on a person's file (the application letter, the political review's conclusion, the
// vote's minutes…): their bytes in the shared blob store under this module's folder, once per SM3
// hash and typed from their first bytes; which file holds which document stays in our tables.
#include <boost/json.hpp>

#include "core/errors.hpp"
#include "core/uploads.hpp"
#include "io/blob_store.hpp"
#include "pipeline/internal.hpp"
#include "pipeline/queries.hpp"
#include "pipeline/service.hpp"

namespace jiceng::pipeline {
namespace {

constexpr char kFilesFolder[] = "pipeline";

}  // namespace

std::string save_file(App& app, std::string_view bytes, const std::string& mime) {
  return http::keep_document(app, kFilesFolder, sql::kInsertUpload, bytes, mime);
}

std::optional<io::Blob> file_for(App& app, const core::Principal& who, const std::string& hash) {
  return http::read_document(app, kFilesFolder, hash, [&](store::Conn& c) -> std::optional<std::string> {
    const auto known = c.one(sql::kUploadMime, {hash});
    if (!known) return std::nullopt;
    const auto holders = c.query(sql::kDocumentPerson, {hash});
    if (holders.empty()) {
      // Uploaded but not yet on a file: only someone who may put it on one.
      if (!who.can(core::Register::pipeline, core::Action::write)) return std::nullopt;
      return known->text(0);
    }
    // On a file the caller sees (the same document may sit on several).
    for (const auto& h : holders) {
      try {
        detail::visible(c, who, h.integer(0));
        return known->text(0);
      } catch (const ApiError&) {
        continue;
      }
    }
    return std::nullopt;
  });
}

}  // namespace jiceng::pipeline
