#pragma once
// The auth module's SQL. Its own tables only: account, role_binding, session and api_token. The
// nodes roles are bound to come from the orgs and people modules' lookups.
namespace jiceng::auth::sql {

// ---- principals ------------------------------------------------------------------------------
constexpr char kPrincipal[] =
    "SELECT id, username, display_name, disabled, must_change_password, password_changed_at, "
    "totp_enabled FROM account WHERE id = ?";
// + placeholders + kBindingsOfTail.
constexpr char kBindingsOf[] = "SELECT account_id, role, scope_type, scope_id FROM role_binding WHERE account_id IN (";
constexpr char kBindingsOfTail[] = ") ORDER BY id";

// ---- logging in, passwords and second factors ------------------------------------------------
constexpr char kLoginByUsername[] =
    "SELECT id, password_hash, disabled, failed_logins, locked_until, totp_secret_enc, totp_enabled, "
    "totp_last_step FROM account WHERE username = ?";
constexpr char kLoginById[] =
    "SELECT id, password_hash, disabled, failed_logins, locked_until, totp_secret_enc, totp_enabled, "
    "totp_last_step FROM account WHERE id = ?";
constexpr char kFailedLogins[] = "SELECT failed_logins FROM account WHERE id = ?";
constexpr char kCountFailure[] = "UPDATE account SET failed_logins = ?, locked_until = ? WHERE id = ?";
constexpr char kTotpLastStep[] = "SELECT totp_last_step FROM account WHERE id = ?";
constexpr char kLoggedIn[] = "UPDATE account SET failed_logins = 0, locked_until = 0, totp_last_step = ? WHERE id = ?";
constexpr char kSetOwnPassword[] =
    "UPDATE account SET password_hash = ?, password_changed_at = ?, must_change_password = 0, "
    "failed_logins = 0 WHERE id = ?";
constexpr char kSetPendingTotp[] = "UPDATE account SET totp_secret_enc = ? WHERE id = ?";
constexpr char kEnableTotp[] = "UPDATE account SET totp_enabled = 1, totp_last_step = ? WHERE id = ?";
constexpr char kClearTotp[] =
    "UPDATE account SET totp_enabled = 0, totp_secret_enc = NULL, totp_last_step = 0 WHERE id = ?";

// ---- sessions and API tokens -----------------------------------------------------------------
constexpr char kInsertSession[] =
    "INSERT INTO session (token_hash, account_id, csrf, created_at, last_seen, expires_at) "
    "VALUES (?, ?, ?, ?, ?, ?)";
constexpr char kDeleteStaleSessions[] = "DELETE FROM session WHERE expires_at < ? OR last_seen < ?";
constexpr char kSessionByToken[] = "SELECT account_id, csrf, last_seen, expires_at FROM session WHERE token_hash = ?";
constexpr char kTouchSession[] = "UPDATE session SET last_seen = ? WHERE token_hash = ?";
constexpr char kDeleteSession[] = "DELETE FROM session WHERE token_hash = ?";
constexpr char kDeleteSessionsOf[] = "DELETE FROM session WHERE account_id = ?";
constexpr char kDeleteOtherSessions[] = "DELETE FROM session WHERE account_id = ? AND token_hash <> ?";
constexpr char kApiTokenAccount[] = "SELECT account_id FROM api_token WHERE token_hash = ? AND revoked = 0";
constexpr char kInsertApiToken[] =
    "INSERT INTO api_token (token_hash, account_id, name, created_at) VALUES (?, ?, ?, ?)";

// ---- accounts and their roles, as administrators change them ---------------------------------
constexpr char kUsernameTaken[] = "SELECT 1 FROM account WHERE username = ?";
constexpr char kInsertAccount[] =
    "INSERT INTO account (username, display_name, password_hash, created_at, password_changed_at, "
    "must_change_password) VALUES (?, ?, ?, ?, ?, 1) RETURNING id";
constexpr char kInsertBinding[] =
    "INSERT INTO role_binding (account_id, role, scope_type, scope_id) VALUES (?, ?, ?, ?)";
constexpr char kAddBinding[] =
    "INSERT INTO role_binding (account_id, role, scope_type, scope_id) VALUES (?, ?, ?, ?) RETURNING id";
constexpr char kAccountIdByUsername[] = "SELECT id FROM account WHERE username = ?";
constexpr char kAccountExists[] = "SELECT 1 FROM account WHERE id = ?";
constexpr char kUsernameOf[] = "SELECT username FROM account WHERE id = ?";
constexpr char kDisable[] = "UPDATE account SET disabled = 1 WHERE id = ?";
constexpr char kEnable[] = "UPDATE account SET disabled = 0 WHERE id = ?";
constexpr char kUnlock[] = "UPDATE account SET failed_logins = 0, locked_until = 0 WHERE id = ?";
constexpr char kSetPasswordByAdmin[] =
    "UPDATE account SET password_hash = ?, password_changed_at = ?, must_change_password = 1 WHERE id = ?";
constexpr char kRolesOf[] = "SELECT role, scope_id FROM role_binding WHERE account_id = ?";
constexpr char kCountRoles[] = "SELECT COUNT(*) FROM role_binding WHERE account_id = ?";
constexpr char kRoleHeld[] = "SELECT 1 FROM role_binding WHERE account_id = ? AND role = ? AND scope_id = ?";
constexpr char kBindingOf[] = "SELECT role, scope_id FROM role_binding WHERE id = ? AND account_id = ?";
constexpr char kDeleteBinding[] = "DELETE FROM role_binding WHERE id = ?";
// The account list, a batch at a time in id order: kAccountsAfter [+ kAccountsMatching] + kAccountsTail.
constexpr char kAccountsAfter[] =
    "SELECT a.id, a.username, a.display_name, a.disabled, a.locked_until, a.must_change_password, a.totp_enabled, "
    "a.created_at FROM account a WHERE a.id > ?";
constexpr char kAccountsMatching[] = " AND (a.username LIKE ? ESCAPE '\\' OR a.display_name LIKE ? ESCAPE '\\')";
constexpr char kAccountsTail[] = " ORDER BY a.id LIMIT ?";

// ---- the demo county (seed.cpp) --------------------------------------------------------------
constexpr char kSeedAccount[] =
    "INSERT INTO account (username, display_name, password_hash, created_at, password_changed_at) "
    "VALUES (?, ?, ?, ?, ?) RETURNING id";
constexpr char kSeedResidentHousehold[] = "UPDATE account SET household_id = ? WHERE username = 'resident'";

// ---- For co-governance -----------------------------------------------------------------------
constexpr char kHouseholdOf[] = "SELECT household_id FROM account WHERE id = ?";

// ---- For appeals -----------------------------------------------------------------------------
// Followed by the placeholders of the ids and ")".
constexpr char kDisplayNames[] = "SELECT id, display_name FROM account WHERE id IN (";
constexpr char kActiveAccounts[] = "SELECT id FROM account WHERE disabled = 0 AND id IN (";
// Followed by the placeholders of the roles, kAreaStaffIn, those of the areas and kAreaStaffOrder.
constexpr char kAreaStaff[] =
    "SELECT a.id, a.display_name, rb.role, rb.scope_id FROM role_binding rb JOIN account a ON a.id = rb.account_id "
    "WHERE rb.scope_type = 'area' AND a.disabled = 0 AND rb.role IN (";
constexpr char kAreaStaffIn[] = ") AND rb.scope_id IN (";
constexpr char kAreaStaffOrder[] = ") ORDER BY a.display_name, a.id";

}  // namespace jiceng::auth::sql
