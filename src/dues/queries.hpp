#pragma once
// The dues module's SQL. Its own tables only (dues_*); members and organisations come from the
// people and orgs services.
namespace jiceng::dues::sql {

// --- Accounts and bases --------------------------------------------------------------------------
constexpr char kAccountColumns[] =
    "SELECT member_id, org_id, org_path, area_path, member_name, kind, base_fen, monthly_fen, rate_bp, band, source, "
    "start_month, next_due FROM dues_account ";
constexpr char kAccount[] = "WHERE member_id = ?";
constexpr char kAccountsIn[] = "WHERE member_id IN (";
constexpr char kInsertAccount[] =
    "INSERT INTO dues_account (member_id, org_id, org_path, area_path, member_name, kind, base_fen, monthly_fen, "
    "rate_bp, band, source, start_month, next_due, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kUpdateAssessment[] =
    "UPDATE dues_account SET org_id = ?, org_path = ?, area_path = ?, member_name = ?, kind = ?, base_fen = ?, "
    "monthly_fen = ?, rate_bp = ?, band = ?, source = ?, updated_at = ? WHERE member_id = ?";
constexpr char kAdvance[] = "UPDATE dues_account SET next_due = ?, updated_at = ? WHERE member_id = ?";
constexpr char kUpsertBase[] =
    "INSERT INTO dues_base (member_id, from_month, kind, base_fen, monthly_fen, rate_bp, band, source, via, set_by, "
    "set_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (member_id, from_month) DO UPDATE SET "
    "kind = excluded.kind, base_fen = excluded.base_fen, monthly_fen = excluded.monthly_fen, "
    "rate_bp = excluded.rate_bp, band = excluded.band, source = excluded.source, via = excluded.via, "
    "set_by = excluded.set_by, set_at = excluded.set_at";
// The province's new amount for farmers: a base from its month for every farmer. A base the branch
// dated from that very month stands; one a county setting dated is replaced by the newer amount.
constexpr char kFarmerBases[] =
    "INSERT INTO dues_base (member_id, from_month, kind, base_fen, monthly_fen, rate_bp, band, source, via, set_by, "
    "set_at) SELECT member_id, ?, 'farmer', NULL, ?, ?, ?, ?, 'county_setting', ?, ? FROM dues_account "
    "WHERE kind = ? ON CONFLICT (member_id, from_month) DO UPDATE SET monthly_fen = excluded.monthly_fen, "
    "rate_bp = excluded.rate_bp, band = excluded.band, source = excluded.source, set_by = excluded.set_by, "
    "set_at = excluded.set_at WHERE dues_base.via = 'county_setting'";
// Accounts show the base in force: the newest base from a month in (?, ?], where none newer is in force.
constexpr char kApplyBases[] =
    "UPDATE dues_account SET kind = b.kind, base_fen = b.base_fen, monthly_fen = b.monthly_fen, rate_bp = b.rate_bp, "
    "band = b.band, source = b.source, updated_at = ? FROM dues_base b WHERE b.member_id = dues_account.member_id "
    "AND b.from_month > ? AND b.from_month <= ? AND NOT EXISTS (SELECT 1 FROM dues_base l WHERE l.member_id = "
    "b.member_id AND l.from_month > b.from_month AND l.from_month <= ?) AND (dues_account.monthly_fen <> "
    "b.monthly_fen OR dues_account.band <> b.band)";
constexpr char kBases[] =
    "SELECT from_month, kind, base_fen, monthly_fen, rate_bp, band, source, via, set_by FROM dues_base "
    "WHERE member_id = ? ORDER BY from_month";
// Members behind by a number of months: a range on next_due, then the subtree.
constexpr char kBehind[] =
    "SELECT member_id, org_id, member_name, next_due, monthly_fen FROM dues_account WHERE next_due <= ? AND "
    "org_path >= ? AND org_path < ? ORDER BY next_due, member_id LIMIT ?";
constexpr char kCountBehind[] =
    "SELECT COUNT(*) FROM dues_account WHERE next_due <= ? AND org_path >= ? AND org_path < ?";

// --- Reductions ----------------------------------------------------------------------------------
constexpr char kInsertReduction[] =
    "INSERT INTO dues_reduction (member_id, org_id, org_path, area_path, member_name, from_month, to_month, "
    "monthly_fen, reason, decision, decided_on, state, proposed_by, proposed_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'proposed', ?, ?) RETURNING id";
constexpr char kReductionColumns[] =
    "SELECT id, member_id, org_id, org_path, area_path, member_name, from_month, to_month, monthly_fen, reason, "
    "decision, decided_on, state, proposed_by, approved_by, approval, approved_at FROM dues_reduction ";
constexpr char kDecideReduction[] =
    "UPDATE dues_reduction SET state = ?, approved_by = ?, approval = ?, approved_at = ? WHERE id = ?";
constexpr char kApprovedReductions[] =
    "SELECT from_month, to_month, monthly_fen FROM dues_reduction WHERE member_id = ? AND state = 'approved' "
    "ORDER BY id";

// --- Payments and the ledger ---------------------------------------------------------------------
constexpr char kInsertPayment[] =
    "INSERT INTO dues_payment (member_id, org_id, org_path, area_path, member_name, kind, first_month, months, "
    "amount_fen, paid_on, paid_month, method, proxy_name, to_centre, note, recorded_by, recorded_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr char kInsertMonth[] =
    "INSERT INTO dues_month (member_id, month, org_id, org_path, area_path, due_fen, paid_fen, reduced, payment_id) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kMemberPayments[] =
    "SELECT id, kind, first_month, months, amount_fen, paid_on, method, proxy_name, to_centre, note, recorded_by "
    "FROM dues_payment WHERE member_id = ? ORDER BY id DESC LIMIT ?";
constexpr char kMemberMonths[] =
    "SELECT month, due_fen, paid_fen, reduced, payment_id FROM dues_month WHERE member_id = ? AND month >= ? "
    "ORDER BY month";
// The month's settled rows of a subtree, with the payment that settled each.
constexpr char kSheetMonths[] =
    "SELECT m.member_id, m.due_fen, m.paid_fen, m.reduced, p.paid_on, p.method, p.proxy_name, p.months, p.first_month "
    "FROM dues_month m JOIN dues_payment p ON p.id = m.payment_id WHERE m.month = ? AND m.org_path >= ? AND "
    "m.org_path < ?";
constexpr char kSheetVoluntary[] =
    "SELECT member_id, member_name, amount_fen, paid_on, method, proxy_name, to_centre, note FROM dues_payment "
    "WHERE paid_month = ? AND org_path >= ? AND org_path < ? AND kind = 'voluntary' ORDER BY id";

// --- The tally -----------------------------------------------------------------------------------
constexpr char kTallyCollected[] =
    "INSERT INTO dues_tally (org_path, month, org_id, area_path, collected_fen, voluntary_fen, centre_fen, payments) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, 1) ON CONFLICT (org_path, month) DO UPDATE SET "
    "collected_fen = dues_tally.collected_fen + excluded.collected_fen, "
    "voluntary_fen = dues_tally.voluntary_fen + excluded.voluntary_fen, "
    "centre_fen = dues_tally.centre_fen + excluded.centre_fen, payments = dues_tally.payments + 1";
constexpr char kTallySettled[] =
    "INSERT INTO dues_tally (org_path, month, org_id, area_path, settled_members, settled_fen) "
    "VALUES (?, ?, ?, ?, 1, ?) ON CONFLICT (org_path, month) DO UPDATE SET "
    "settled_members = dues_tally.settled_members + 1, settled_fen = dues_tally.settled_fen + excluded.settled_fen";
constexpr char kTallyOfMonth[] =
    "SELECT org_id, org_path, collected_fen, voluntary_fen, centre_fen, payments, settled_members, settled_fen "
    "FROM dues_tally WHERE month = ? AND org_path >= ? AND org_path < ?";
constexpr char kTallyOfOrg[] =
    "SELECT collected_fen, voluntary_fen, centre_fen, payments FROM dues_tally WHERE org_path = ? AND month = ?";

// --- Remittances ---------------------------------------------------------------------------------
constexpr char kInsertRemittance[] =
    "INSERT INTO dues_remittance (org_id, month, org_path, area_path, amount_fen, remitted_on, recorded_by, "
    "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (org_id, month) DO NOTHING RETURNING org_id";
constexpr char kRemittancesOfMonth[] =
    "SELECT org_id, org_path, amount_fen, remitted_on FROM dues_remittance WHERE month = ? AND org_path >= ? AND "
    "org_path < ?";

// --- Warnings and the sweep ----------------------------------------------------------------------
constexpr char kInsertWarning[] =
    "INSERT INTO dues_warning (member_id, org_id, org_path, area_path, member_name, rule, since_month, months, "
    "message, source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (member_id, rule, since_month) DO NOTHING RETURNING id";
// Accounts behind, a batch at a time in (next_due, member_id) order.
constexpr char kSweepBatch[] =
    "SELECT member_id, org_id, org_path, area_path, member_name, next_due FROM dues_account WHERE next_due <= ? AND "
    "(next_due > ? OR (next_due = ? AND member_id > ?)) ORDER BY next_due, member_id LIMIT ?";
constexpr char kWarnings[] =
    "SELECT id, member_id, org_id, member_name, rule, since_month, months, message, source, created_at FROM "
    "dues_warning WHERE org_path >= ? AND org_path < ? ORDER BY id DESC LIMIT ? OFFSET ?";

// Followed by the placeholders of the members and ")" (store::query_ids).
constexpr char kNextDueOf[] = "SELECT member_id, next_due FROM dues_account WHERE member_id IN (";

}  // namespace jiceng::dues::sql
