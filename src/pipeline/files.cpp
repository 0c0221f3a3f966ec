// Documents on a person's file (the application letter, the political review's conclusion, the
// vote's minutes…): their bytes in the shared blob store under this module's folder, once per SM3
// hash and typed from their first bytes; which file holds which document stays in our tables.
#include <boost/json.hpp>
#include <filesystem>

#include "core/errors.hpp"
#include "io/blob_store.hpp"
#include "pipeline/internal.hpp"
#include "pipeline/queries.hpp"
#include "pipeline/service.hpp"

namespace jiceng::pipeline {
namespace {

namespace fs = std::filesystem;

constexpr char kFilesFolder[] = "pipeline";

io::BlobStore files_of(const App& app) { return io::BlobStore(fs::path(app.media_dir) / kFilesFolder); }

}  // namespace

std::string save_file(App& app, std::string_view bytes, const std::string& mime) {
  const auto hash = files_of(app).write(bytes);
  app.db.write([&](store::Conn& c) {
    c.execute(sql::kInsertUpload, {hash, mime, static_cast<std::int64_t>(bytes.size()), app.now()});
  });
  return hash;
}

std::optional<io::Blob> file_for(App& app, const core::Principal& who, const std::string& hash) {
  if (!io::is_blob_hash(hash)) return std::nullopt;
  const auto mime = app.db.read([&](store::Conn& c) -> std::optional<std::string> {
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
  if (!mime) return std::nullopt;
  auto bytes = files_of(app).read(hash);
  if (!bytes) return std::nullopt;
  return io::Blob{*mime, std::move(*bytes)};
}

}  // namespace jiceng::pipeline
