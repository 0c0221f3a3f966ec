// The Open311 key the README names, for trying existing civic-reporting clients against the demo.
#include "demo/seed.hpp"
#include "crypto/crypto.hpp"

namespace jiceng::open311 {

void seed(demo::Seed& s) {
  s.c.execute("INSERT INTO open311_key (key_hash, name, created_at) VALUES (?, ?, ?)",
              {crypto::sm3_hex("demo-open311-key"), std::string("演示客户端"), s.now});
}

}  // namespace jiceng::open311
