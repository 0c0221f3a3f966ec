#pragma once
// What appeals offers the modules that publish or reuse its appeals (open311, lists), so that they
// never read its tables: plain records, which each caller maps to its own shapes.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/principal.hpp"
#include "store/db.hpp"

namespace jiceng::appeals {

// ---- For open311: what the public may follow ----

// A category a report can be filed under: a leaf of the tree, not neighbours' disputes.
struct PublicCategory final {
  std::int64_t id = 0;
  std::string name;
  std::string department;
  std::string urgency;
  std::optional<std::string> parent_name;
  std::optional<std::string> grandparent_name;
};

std::vector<PublicCategory> public_categories(store::Conn& c);  // in id order
std::optional<PublicCategory> public_category(store::Conn& c, std::int64_t id);

// A published appeal: not a report of wrongdoing (举报), not a neighbours' dispute.
struct PublishedAppeal final {
  std::int64_t id = 0;
  std::string code;
  std::string status;
  std::string category_name;
  std::int64_t category_id = 0;
  std::string description;
  std::string department;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  std::int64_t deadline_at = 0;
  std::optional<std::string> address;
  std::optional<double> lat;
  std::optional<double> lon;
  std::optional<std::string> status_note;  // the latest staff note; residents' updates are not
  std::optional<std::string> first_photo;  // its hash
};

// Which published appeals a list holds: filed within [created_from, created_to], of any of
// `category_ids` (all when empty), only the open or only the closed ones when `open` is set.
struct PublishedFilter final {
  std::int64_t created_from = 0;
  std::int64_t created_to = 0;
  std::vector<std::int64_t> category_ids;
  std::optional<bool> open;
  std::int64_t limit = 0;
};

// Newest first, walking the index on created_at.
std::vector<PublishedAppeal> published_appeals(store::Conn& c, const PublishedFilter& f);
// Those of `codes` (normalised tracking codes) that are published, in no particular order.
std::vector<PublishedAppeal> published_by_codes(store::Conn& c, std::span<const std::string> codes);

struct PublishedState final {
  std::int64_t id = 0;
  std::string status;
};
std::optional<PublishedState> published_state(store::Conn& c, const std::string& code);

// A status change on a published appeal's timeline (not its filing).
struct PublishedUpdate final {
  std::int64_t event_id = 0;
  std::int64_t appeal_id = 0;
  std::string code;
  std::string to_status;
  std::int64_t at = 0;
  std::string action;
  std::optional<std::string> note;
  std::optional<std::string> photo;  // the first photo added with it, its hash
};
// Those made within [from, to], oldest first, at most `limit`.
std::vector<PublishedUpdate> published_updates(store::Conn& c, std::int64_t from, std::int64_t to, std::int64_t limit);

// ---- For lists: a 求助 appeal turned into a need ----

struct AppealForNeed final {
  std::string type;
  std::string description;
  std::int64_t area_id = 0;  // its grid, else its area
  std::optional<double> lon;
  std::optional<double> lat;
  std::optional<std::string> reporter_name;
  std::string code;
};
// The appeal when `who` may write on it (the appeals register's write scope).
std::optional<AppealForNeed> appeal_for_need(store::Conn& c, const core::Principal& who, std::int64_t id);

}  // namespace jiceng::appeals
