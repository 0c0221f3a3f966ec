#pragma once
// The relations module's transactions: organisation-relation transfers (组织关系转接) within the
// installation, out of it with a numbered letter and its receipt, and in from outside; mobile members
// (流动党员) registered by either side; the checks the sweep keeps (流而失管, 空挂, 失联, transfers due
// or unconfirmed); 不合格党员处置 and 失联 cases with their approvals; and the county's dated settings.
// A member's organisation and status change only through people's service, called from here.
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "cogov/common.hpp"
#include "core/app.hpp"

namespace jiceng::relations {

using cogov::Actor;

// ---- Transfers ----

struct TransferStart final {
  std::int64_t member_id = 0;
  std::string kind;                       // within or out
  std::optional<std::int64_t> to_org_id;  // within
  std::string to_outside;                 // out: the receiving organisation's name
  std::string reason;
};
// The sender (a writer over the member's organisation) starts it; an outward one is numbered.
boost::json::object start_transfer(App& app, const Actor& by, const TransferStart& t);
struct TransferIn final {
  std::int64_t member_id = 0;  // registered in the members register by the receiver first
  std::string from_outside, outside_letter_no, reason;
};
// The receiver records a member who came with a letter from outside; confirmed at once.
boost::json::object record_incoming(App& app, const Actor& by, const TransferIn& t);
// The receiver confirms (the member moves) or refuses with a cause; the sender cancels.
boost::json::object confirm_transfer(App& app, const Actor& by, std::int64_t id);
boost::json::object refuse_transfer(App& app, const Actor& by, std::int64_t id, const std::string& reason);
boost::json::object cancel_transfer(App& app, const Actor& by, std::int64_t id, const std::string& reason);
// The receipt (回执) of an outward letter came back: the transfer is done.
boost::json::object record_receipt(App& app, const Actor& by, std::int64_t id, const std::string& returned_on,
                                   const std::string& note);
boost::json::object transfer(App& app, const core::Principal& who, std::int64_t id);
// Receiving organisations a sender may pick anywhere in the county, by a part of their name.
boost::json::object receivers(App& app, const core::Principal& who, const std::string& name_part);
struct TransferQuery final {
  std::optional<std::int64_t> org_id;
  std::optional<std::string> state, kind;
  std::int64_t limit = 50, offset = 0;
};
boost::json::object transfers(App& app, const core::Principal& who, const TransferQuery& q);
// The outward letter (or an inward receipt) as an A4 page offices print.
std::string letter_html(App& app, const core::Principal& who, std::int64_t id);

// ---- Mobile members ----

struct FlowStart final {
  std::int64_t member_id = 0;
  std::string side;  // out (the home organisation registers) or in (the host organisation does)
  std::optional<std::int64_t> host_org_id;
  std::string host_outside, destination, since, contact;
  bool fixed_place = false;
};
boost::json::object register_flow(App& app, const Actor& by, const FlowStart& f);
// Either side reached the member on a day (clears 失联).
boost::json::object record_contact(App& app, const Actor& by, std::int64_t id, const std::string& on);
// The home side can no longer find the member, since a day.
boost::json::object mark_untraceable(App& app, const Actor& by, std::int64_t id, const std::string& since);
boost::json::object end_flow(App& app, const Actor& by, std::int64_t id, const std::string& on);
boost::json::object flow(App& app, const core::Principal& who, std::int64_t id);
struct FlowQuery final {
  std::optional<std::int64_t> org_id;
  std::optional<std::string> side;  // out: flows whose home is the organisation; in: whose host is
  std::optional<std::string> state;
  std::int64_t limit = 50, offset = 0;
};
boost::json::object flows(App& app, const core::Principal& who, const FlowQuery& q);

// ---- Checks ----

// The sweep (at most hourly: Module::sweep_every_seconds): recomputes every check over all active flows, pending
// transfers, stopped members and (when a module keeps dues) all members, in batches; new findings go to the notify
// outbox, findings that no longer hold are resolved. Returns the new findings.
std::int64_t run_checks(App& app);
struct CheckQuery final {
  std::optional<std::string> kind;
  std::optional<std::int64_t> area_id, org_id;
  std::string state = "open";
  std::int64_t limit = 50, offset = 0;
};
boost::json::object checks(App& app, const core::Principal& who, const CheckQuery& q);
// Open findings by child area and kind under an area (the county's list, drilled through).
boost::json::object check_summary(App& app, const core::Principal& who, std::optional<std::int64_t> area_id);

// ---- 处置 cases ----

struct CaseOpen final {
  std::int64_t member_id = 0;
  std::string kind;  // unqualified or untraceable
  std::string reason;
};
boost::json::object open_case(App& app, const Actor& by, const CaseOpen& k);
// Takes over the case a 不合格 rating opened in org_life.
boost::json::object adopt_case(App& app, const Actor& by, std::int64_t org_life_case_id);
// The org_life cases in the caller's scope not yet taken over.
boost::json::object evaluation_cases(App& app, const core::Principal& who);
struct Decision final {
  std::string outcome, decided_on, resolution;
};
// The branch decides; an outcome that needs it waits for the higher committee's approval.
boost::json::object decide_case(App& app, const Actor& by, std::int64_t id, const Decision& d);
boost::json::object approve_case(App& app, const Actor& by, std::int64_t id, const std::string& approved_on,
                                 const std::string& note);
boost::json::object case_of(App& app, const core::Principal& who, std::int64_t id);
struct CaseQuery final {
  std::optional<std::int64_t> org_id;
  std::optional<std::string> state;
  std::int64_t limit = 50, offset = 0;
};
boost::json::object cases(App& app, const core::Principal& who, const CaseQuery& q);
// A deceased member, recorded by their organisation (a status, never a deletion).
boost::json::object record_death(App& app, const Actor& by, std::int64_t member_id, const std::string& on);

// ---- A member's movement record ----
boost::json::object member_record(App& app, const core::Principal& who, std::int64_t member_id);
// For an in-flow (流入登记): the member whose ID number the member shows the host organisation, found
// anywhere in the installation by the exact number (never a search by name), for an account that
// registers flows; the name, organisation and whether the member may flow. Audited; 404 when none.
boost::json::object member_by_id_number(App& app, const Actor& by, const std::string& id_number);

// ---- County settings (dated numbers) ----
boost::json::object settings(App& app);
boost::json::object change_setting(App& app, const Actor& by, const std::string& key, std::int64_t value,
                                   const std::string& source, const std::string& effective_from);

}  // namespace jiceng::relations
