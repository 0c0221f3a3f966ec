#include "keys/keys.hpp"

#include <array>
#include <optional>

#include "audit/audit.hpp"

namespace jiceng::keys {
namespace {

constexpr std::int64_t kBatch = 2000;

struct Column final {
  const char* table;
  const char* column;
  const char* index_column;  // the blind index of the same value, or nullptr
};
// Every column that holds a value encrypted with the field keys.
constexpr std::array<Column, 8> kEncrypted = {{
    {"member", "id_number_enc", "id_number_idx"},
    {"member", "phone_enc", nullptr},
    {"person", "phone_enc", nullptr},
    {"appeal", "phone_enc", nullptr},
    {"account", "totp_secret_enc", nullptr},
    {"open311_request", "email_enc", nullptr},
    {"open311_update", "email_enc", nullptr},
    {"open311_update", "phone_enc", nullptr},
}};

std::optional<std::string> recorded(store::Conn& c) {
  auto row = c.one("SELECT id FROM field_key ORDER BY activated_at DESC LIMIT 1");
  if (!row) return std::nullopt;
  return row->text(0);
}

}  // namespace

crypto::FieldCipher open(store::Database& db, const std::string& key_file) {
  const auto active = db.read([](store::Conn& c) { return recorded(c); });
  auto cipher = crypto::FieldCipher::from_key_file(key_file, active.value_or(""));
  if (!active) {
    const auto id = cipher.active().id();
    db.write([&](store::Conn& c) {
      if (!recorded(c)) c.execute("INSERT INTO field_key (id, activated_at) VALUES (?, 0)", {id});
    });
  }
  return cipher;
}

// The order of steps is what makes a crash harmless:
// 1. the key file gains the new set, while the database still records the old one as active;
// 2. one transaction re-encrypts everything and records the new set;
// 3. the key file loses the old set.
// Stopped after 1, the server keeps using the old set; after 2, it finds the new one in the file.
Rotation rotate(store::Database& db, const std::string& key_file, std::int64_t now) {
  const auto old_cipher = open(db, key_file);
  auto sets = crypto::FieldCipher::read_key_file(key_file);
  const auto fresh = crypto::FieldCipher::generate();
  sets.push_back(fresh);
  crypto::FieldCipher::write_key_file(key_file, sets);
  const crypto::FieldCipher both(sets, sets.size() - 1);

  Rotation r{old_cipher.active().id(), fresh.id(), 0};
  db.write([&](store::Conn& c) {
    for (const auto& col : kEncrypted) {
      const std::string t = col.table, name = col.column;
      for (std::int64_t after = 0;;) {
        auto rows = c.query(
            "SELECT id, " + name + " FROM " + t + " WHERE id > ? AND " + name + " IS NOT NULL ORDER BY id LIMIT ?",
            {after, kBatch});
        if (rows.empty()) break;
        for (const auto& row : rows) {
          const auto plain = both.decrypt(row.text(1));
          if (col.index_column) {
            c.execute("UPDATE " + t + " SET " + name + " = ?, " + col.index_column + " = ? WHERE id = ?",
                      {both.encrypt(plain), both.blind_index(plain), row.integer(0)});
          } else {
            c.execute("UPDATE " + t + " SET " + name + " = ? WHERE id = ?", {both.encrypt(plain), row.integer(0)});
          }
          ++r.values;
          after = row.integer(0);
        }
      }
    }
    c.execute("INSERT INTO field_key (id, activated_at) VALUES (?, ?)", {r.new_id, now});
    audit::record(c, {now, "cli", std::nullopt, "cli", "keys_rotate", "field_key", r.new_id, r.old_id,
                      std::to_string(r.values) + " values re-encrypted"});
  });
  crypto::FieldCipher::write_key_file(key_file, {fresh});
  return r;
}

}  // namespace jiceng::keys
