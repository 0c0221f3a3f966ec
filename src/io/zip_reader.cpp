// The zip half of reading .xlsx files: entries inflated from the uploaded bytes in memory, with
// the size of each capped so a zip bomb is refused before it fills the server's memory.
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include <minizip/unzip.h>

#include "io/ooxml.hpp"
#include "io/table.hpp"

namespace jiceng::io::detail {
namespace {

// A real sheet of 100 000 rows is far below this; a zip bomb is far above it.
constexpr std::uint64_t kMaxEntryBytes = std::uint64_t{50} << 20;
constexpr std::size_t kReadChunk = std::size_t{64} << 10;
constexpr int kCaseInsensitive = 2;  // minizip's flag for unzLocateFile

using MemoryFile = ZipReader::MemoryFile;

[[noreturn]] void too_big() {
  throw TableError("表格文件过大（解压后超过 " + std::to_string(kMaxEntryBytes >> 20) + " MB），请拆分后分批导入");
}

voidpf ZCALLBACK mem_open(voidpf opaque, const void* /*filename*/, int mode) {
  if ((mode & ZLIB_FILEFUNC_MODE_WRITE) != 0) return nullptr;
  static_cast<MemoryFile*>(opaque)->pos = 0;
  return opaque;
}

uLong ZCALLBACK mem_read(voidpf /*opaque*/, voidpf stream, void* buf, uLong size) {
  auto* f = static_cast<MemoryFile*>(stream);
  const std::uint64_t avail = f->pos < f->data.size() ? f->data.size() - f->pos : 0;
  const auto n = static_cast<uLong>(std::min<std::uint64_t>(avail, size));
  if (n > 0) std::memcpy(buf, f->data.data() + f->pos, n);
  f->pos += n;
  return n;
}

uLong ZCALLBACK mem_write(voidpf /*opaque*/, voidpf /*stream*/, const void* /*buf*/, uLong /*size*/) { return 0; }

ZPOS64_T ZCALLBACK mem_tell(voidpf /*opaque*/, voidpf stream) { return static_cast<MemoryFile*>(stream)->pos; }

long ZCALLBACK mem_seek(voidpf /*opaque*/, voidpf stream, ZPOS64_T offset, int origin) {
  auto* f = static_cast<MemoryFile*>(stream);
  std::uint64_t base = 0;
  switch (origin) {
    case ZLIB_FILEFUNC_SEEK_SET: base = 0; break;
    case ZLIB_FILEFUNC_SEEK_CUR: base = f->pos; break;
    case ZLIB_FILEFUNC_SEEK_END: base = f->data.size(); break;
    default: return -1;
  }
  if (offset > f->data.size() || base + offset > f->data.size()) return -1;
  f->pos = base + offset;
  return 0;
}

int ZCALLBACK mem_close(voidpf /*opaque*/, voidpf /*stream*/) { return 0; }
int ZCALLBACK mem_error(voidpf /*opaque*/, voidpf /*stream*/) { return 0; }

}  // namespace

ZipReader::ZipReader(std::string_view bytes) : file_{bytes} {
  zlib_filefunc64_def io{};
  io.zopen64_file = mem_open;
  io.zread_file = mem_read;
  io.zwrite_file = mem_write;
  io.ztell64_file = mem_tell;
  io.zseek64_file = mem_seek;
  io.zclose_file = mem_close;
  io.zerror_file = mem_error;
  io.opaque = &file_;
  zip_.reset(unzOpen2_64("upload.xlsx", &io));
  if (!zip_) fail_not_xlsx();
}

std::optional<std::string> ZipReader::read(std::string_view name) {
  const std::string path(name);
  if (unzLocateFile(zip_.get(), path.c_str(), kCaseInsensitive) != UNZ_OK) return std::nullopt;
  unz_file_info64 info{};
  if (unzGetCurrentFileInfo64(zip_.get(), &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK) fail_not_xlsx();
  if (info.uncompressed_size > kMaxEntryBytes) too_big();
  if (unzOpenCurrentFile(zip_.get()) != UNZ_OK) fail_not_xlsx();
  std::string out;
  out.reserve(static_cast<std::size_t>(info.uncompressed_size));
  std::vector<char> chunk(kReadChunk);
  for (;;) {
    const int n = unzReadCurrentFile(zip_.get(), chunk.data(), static_cast<unsigned>(chunk.size()));
    if (n < 0) fail_not_xlsx();
    if (n == 0) break;
    out.append(chunk.data(), static_cast<std::size_t>(n));
    // The declared size is only a claim; the inflated bytes are what count.
    if (out.size() > kMaxEntryBytes) too_big();
  }
  if (unzCloseCurrentFile(zip_.get()) != UNZ_OK) fail_not_xlsx();  // CRC mismatch lands here
  return out;
}

void ZipReader::Closer::operator()(void* zip) const { unzClose(zip); }

}  // namespace jiceng::io::detail
