// Health, metrics, the OpenAPI document and the console's static files (precompressed copies when
// the client takes them).
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include "core/content_coding.hpp"
#include "core/json.hpp"
#include "core/router.hpp"

namespace jiceng::core {
namespace {

namespace bj = boost::json;
namespace fs = std::filesystem;

constexpr std::uintmax_t kMaxStaticFile = 16 * 1024 * 1024;
constexpr std::string_view kBrotliSuffix = ".br";
constexpr std::string_view kGzipSuffix = ".gz";

std::string mime_for(const std::string& ext) {
  static const std::unordered_map<std::string, std::string> kTypes = {{".html", "text/html; charset=utf-8"},
                                                                      {".js", "text/javascript; charset=utf-8"},
                                                                      {".css", "text/css; charset=utf-8"},
                                                                      {".json", "application/json"},
                                                                      {".svg", "image/svg+xml"},
                                                                      {".png", "image/png"},
                                                                      {".jpg", "image/jpeg"},
                                                                      {".ico", "image/x-icon"},
                                                                      {".woff2", "font/woff2"},
                                                                      {".woff", "font/woff"},
                                                                      {".ttf", "font/ttf"},
                                                                      {".txt", "text/plain; charset=utf-8"},
                                                                      {".geojson", "application/geo+json"}};
  auto it = kTypes.find(ext);
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

// One representation of a file: as built, or its precompressed copy.
struct Encoded final {
  std::string body;
  std::string etag;
};

struct StaticFile final {
  Encoded identity;
  std::string type;
  std::optional<Encoded> br;
  std::optional<Encoded> gzip;

  bool has_variants() const { return br || gzip; }
  const Encoded& in(Coding c) const { return c == Coding::br ? *br : c == Coding::gzip ? *gzip : identity; }
};

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Each representation has an ETag of its own (RFC 9110 §8.8.3): a cache must not answer a gzip
// request with a brotli body it validated.
std::string etag_of(const std::string& body) { return "\"" + std::to_string(std::hash<std::string>{}(body)) + "\""; }

// The built console is small and never changes while the server runs: read it once, with the
// FILE.br and FILE.gz copies the build wrote beside it (web/precompress.mjs), which are not served
// under their own names.
class StaticFiles final {
 public:
  explicit StaticFiles(const std::string& root) {
    if (root.empty() || !fs::is_directory(root)) return;
    std::vector<fs::path> compressed;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
      if (!e.is_regular_file() || e.file_size() > kMaxStaticFile) continue;
      const auto ext = e.path().extension().string();
      if (ext == kBrotliSuffix || ext == kGzipSuffix) {
        compressed.push_back(e.path());
        continue;
      }
      auto body = read_file(e.path());
      auto etag = etag_of(body);
      files_.emplace(rel_of(root, e.path()),
                     StaticFile{Encoded{std::move(body), std::move(etag)}, mime_for(ext), {}, {}});
    }
    for (const auto& p : compressed) {
      auto base = p;
      base.replace_extension();
      auto it = files_.find(rel_of(root, base));
      if (it == files_.end()) continue;  // a stray archive, not a copy of a served file
      auto body = read_file(p);
      auto etag = etag_of(body);
      (p.extension() == kBrotliSuffix ? it->second.br : it->second.gzip) = Encoded{std::move(body), std::move(etag)};
    }
  }
  static std::string rel_of(const std::string& root, const fs::path& p) {
    return "/" + fs::relative(p, root).generic_string();
  }
  const StaticFile* find(const std::string& path) const {
    auto it = files_.find(path);
    return it == files_.end() ? nullptr : &it->second;
  }

 private:
  std::unordered_map<std::string, StaticFile> files_;
};

http::Response serve_static(const StaticFiles& files, Ctx& ctx) {
  const auto& path = ctx.req.path;
  const StaticFile* f = path.find("..") == std::string::npos ? files.find(path) : nullptr;
  bool immutable = f && path.rfind("/assets/", 0) == 0;
  // Unknown paths are the pages' own routes: the resident pages under /m/, the console elsewhere.
  if (!f && path.rfind("/assets/", 0) != 0)
    f = files.find(path == "/m" || path.rfind("/m/", 0) == 0 ? "/m/index.html" : "/index.html");
  http::Response r;
  if (!f) {
    r = error_response(404, "not_found", "文件不存在");
    return r;
  }
  const auto coding = f->has_variants() ? choose_coding(ctx.req.header("accept-encoding").value_or(""),
                                                        f->br.has_value(), f->gzip.has_value())
                                        : Coding::identity;
  const auto& rep = f->in(coding);
  r.content_type = f->type;
  if (ctx.req.header("if-none-match").value_or("") == rep.etag) {
    r.status = 304;
  } else {
    r.body = rep.body;
  }
  if (coding != Coding::identity) r.set_header("Content-Encoding", std::string(coding_token(coding)));
  // the answer depends on Accept-Encoding wherever there is a choice, identity included
  if (f->has_variants()) r.set_header("Vary", "Accept-Encoding");
  r.set_header("ETag", rep.etag);
  r.set_header("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
  return r;
}

bj::object openapi(const Router& router) {
  bj::object paths;
  for (const auto& r : router.routes()) {
    if (r.pattern.rfind("/api/", 0) != 0 && r.pattern != "/healthz" && r.pattern != "/metrics") continue;
    auto& item = paths[r.pattern];
    if (!item.is_object()) item = bj::object{};
    bj::object op{{"summary", r.summary}, {"tags", bj::array{bj::value(r.tag)}}};
    bj::array params;
    for (const auto& seg : r.segments) {
      if (seg.size() > 2 && seg.front() == '{') {
        params.push_back(bj::object{{"name", seg.substr(1, seg.size() - 2)},
                                    {"in", "path"},
                                    {"required", true},
                                    {"schema", bj::object{{"type", "integer"}}}});
      }
    }
    if (!r.doc.empty()) {
      boost::system::error_code ec;
      auto extra = bj::parse(r.doc, ec);
      if (!ec && extra.is_object()) {
        for (auto& [k, v] : extra.as_object()) {
          if (k == "parameters" && v.is_array()) {
            for (auto& p : v.as_array()) params.push_back(p);
          } else {
            op[k] = v;
          }
        }
      }
    }
    if (!params.empty()) op["parameters"] = std::move(params);
    bj::object responses{{"200", bj::object{{"description", "成功"}}},
                         {"400", bj::object{{"description", "输入有误，见 error.field 与 error.message"}}}};
    if (r.access != Access::open) {
      responses["401"] = bj::object{{"description", "未登录"}};
      responses["404"] = bj::object{{"description", "不存在或不在管辖范围内"}};
      op["security"] = bj::array{bj::object{{"cookie", bj::array{}}}, bj::object{{"bearer", bj::array{}}}};
    }
    op["responses"] = std::move(responses);
    std::string method = r.method;
    for (auto& ch : method) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    item.as_object()[method] = std::move(op);
  }
  return bj::object{
      {"openapi", "3.0.3"},
      {"info", bj::object{{"title", "jiceng 基层治理平台 API"}, {"version", "1"}}},
      {"paths", std::move(paths)},
      {"components",
       bj::object{{"securitySchemes",
                   bj::object{{"cookie", bj::object{{"type", "apiKey"}, {"in", "cookie"}, {"name", "jiceng_session"}}},
                              {"bearer", bj::object{{"type", "http"}, {"scheme", "bearer"}}}}}}}};
}

}  // namespace

void register_routes(Router& r, const std::string& web_root) {
  r.add("GET", "/healthz", Access::open, "ops", "健康检查", [](Ctx&) {
    return json::respond(bj::object{{"status", "ok"}});
  });
  r.add("GET", "/metrics", Access::open, "ops", "Prometheus 指标", [&r](Ctx& ctx) {
    http::Response resp;
    resp.content_type = "text/plain; version=0.0.4";
    const auto s = ctx.app.db.stats();
    const auto g = ctx.app.db.group_stats();  // writes per shared commit on a one-writer store
    resp.body =
        r.metrics().render() + "# TYPE jiceng_db_connections gauge\njiceng_db_connections " +
        std::to_string(s.connections) + "\n# TYPE jiceng_db_connections_in_use gauge\njiceng_db_connections_in_use " +
        std::to_string(s.in_use) + "\n# TYPE jiceng_db_reads_total counter\njiceng_db_reads_total " +
        std::to_string(s.reads) + "\n# TYPE jiceng_db_writes_total counter\njiceng_db_writes_total " +
        std::to_string(s.writes) + "\n# TYPE jiceng_db_group_commits_total counter\njiceng_db_group_commits_total " +
        std::to_string(g.commits) + "\n# TYPE jiceng_db_group_writes_total counter\njiceng_db_group_writes_total " +
        std::to_string(g.writes) + "\n";
    return resp;
  });
  r.add("GET", "/api/openapi.json", Access::open, "ops", "本 API 的 OpenAPI 文档",
        [&r](Ctx&) { return json::respond(openapi(r)); });
  auto files = std::make_shared<StaticFiles>(web_root);
  r.set_fallback([files](Ctx& ctx) { return serve_static(*files, ctx); });
}

}  // namespace jiceng::core
