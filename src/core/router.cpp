#include "core/router.hpp"

#include <boost/json.hpp>
#include <chrono>

#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/log.hpp"
#include "store/db.hpp"

namespace jiceng {
namespace {

constexpr int kMaxIdDigits = 18;

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = 1;
  while (start <= path.size()) {
    const auto slash = path.find('/', start);
    const auto end = slash == std::string::npos ? path.size() : slash;
    out.push_back(path.substr(start, end - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return out;
}

bool match(const Route& r, const std::vector<std::string>& segs, std::map<std::string, std::string>& params) {
  if (r.segments.size() != segs.size()) return false;
  for (std::size_t i = 0; i < segs.size(); ++i) {
    const auto& p = r.segments[i];
    if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
      if (segs[i].empty()) return false;
      params[p.substr(1, p.size() - 2)] = segs[i];
    } else if (p != segs[i]) {
      return false;
    }
  }
  return true;
}

bool is_write(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

}  // namespace

std::int64_t Ctx::id(const std::string& name) const {
  const auto it = params.find(name);
  if (it == params.end() || it->second.empty() || it->second.size() > kMaxIdDigits) not_found();
  std::int64_t v = 0;
  for (char c : it->second) {
    if (c < '0' || c > '9') not_found();
    v = v * 10 + (c - '0');
  }
  if (v <= 0) not_found();
  return v;
}

const core::Principal& Ctx::who() const {
  if (!principal) throw ApiError(401, "unauthenticated", "请先登录");
  return *principal;
}

http::Response error_response(int status, const std::string& code, const std::string& message,
                              const std::string& field) {
  boost::json::object err{{"code", code}, {"message", message}};
  err["field"] = field.empty() ? boost::json::value(nullptr) : boost::json::value(field);
  return json::respond(boost::json::object{{"error", std::move(err)}}, status);
}

void Router::add(std::string method, std::string pattern, Access access, std::string tag, std::string summary,
                 Handler handler, std::string doc) {
  Route r{std::move(method),  std::move(pattern), access,         std::move(tag),
          std::move(summary), std::move(handler), std::move(doc), {}};
  r.segments = split_path(r.pattern);
  r.metrics = &metrics_.route(r.method, r.pattern);
  routes_.push_back(std::move(r));
}

http::Response Router::dispatch(const http::Request& req, App& app, DispatchNote* note) {
  const auto started = std::chrono::steady_clock::now();
  const log::RequestScope log_scope(req.request_id);
  const auto segs = split_path(req.path);
  const Route* found = nullptr;
  bool path_matched = false;
  Ctx ctx{req, app, {}, std::nullopt};
  for (const auto& r : routes_) {
    std::map<std::string, std::string> params;
    if (!match(r, segs, params)) continue;
    path_matched = true;
    if (r.method == req.method || (r.method == "GET" && req.method == "HEAD")) {
      found = &r;
      ctx.params = std::move(params);
      break;
    }
  }
  http::Response resp;
  const auto fail = [&](int status, const std::string& code, const std::string& message,
                        const std::string& field = {}) {
    for (const auto& [prefix, render] : error_renderers_) {
      if (req.path.rfind(prefix, 0) == 0) return render(req, status, message);
    }
    return error_response(status, code, message, field);
  };
  try {
    if (!found) {
      // Unknown API and Open311 paths are errors; any other GET is one of the pages' own routes.
      const bool api = req.path.rfind("/api/", 0) == 0 || req.path.rfind("/open311/", 0) == 0;
      if (!path_matched && (req.method == "GET" || req.method == "HEAD") && fallback_ && !api) {
        if (note) note->route = "(static)";
        return fallback_(ctx);
      }
      if (path_matched) throw ApiError(405, "method_not_allowed", "不支持此请求方法");
      throw ApiError(404, "no_route", "接口不存在");
    }
    if (found->access != Access::open) {
      ctx.principal = authenticate_ ? authenticate_(req, app) : std::nullopt;
      if (!ctx.principal) throw ApiError(401, "unauthenticated", "请先登录");
      if (!ctx.principal->password_change.empty() && found->access != Access::credentials) {
        throw ApiError(403, "password_change_required",
                       ctx.principal->password_change == "expired" ? "密码已超过有效期，请先修改密码"
                                                                   : "首次登录请先修改初始密码");
      }
      if (ctx.principal->via_cookie && is_write(req.method)) {
        const auto token = req.header("x-csrf-token");
        if (!token || *token != ctx.principal->csrf) {
          throw ApiError(403, "csrf", "请求缺少有效的 CSRF 令牌，请刷新页面后重试");
        }
      }
    }
    resp = found->handler(ctx);
  } catch (const ApiError& e) {
    resp = fail(e.status(), e.code(), e.message(), e.field());
    if (e.retry_after() > 0) resp.set_header("Retry-After", std::to_string(e.retry_after()));
  } catch (const store::DbError& e) {
    if (e.constraint) {
      resp = fail(409, "conflict", "与已有记录冲突（重复或仍被引用）");
    } else if (e.busy) {
      log::warn("store busy on " + req.method + " " + (found ? found->pattern : req.path) + ": " + e.what());
      resp = fail(503, "busy", "系统繁忙，请稍后重试");
      resp.set_header("Retry-After", "2");
    } else {
      log::error("database error on " + req.method + " " + (found ? found->pattern : req.path) + ": " + e.what());
      resp = fail(500, "internal", "服务器内部错误，请稍后重试");
    }
  } catch (const std::exception& e) {
    log::error("unhandled error on " + req.method + " " + (found ? found->pattern : req.path) + ": " + e.what());
    resp = fail(500, "internal", "服务器内部错误，请稍后重试");
  }
  if (note) {
    if (found) note->route = found->pattern;
    if (ctx.principal) note->account = ctx.principal->username;
  }
  if (found) {
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    found->metrics->observe(resp.status, secs);
  }
  return resp;
}

}  // namespace jiceng
