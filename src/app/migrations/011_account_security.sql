-- 等保 level 3: failed logins lock an account; a created or reset password must be changed at the
-- first login; an optional TOTP second factor (its secret SM4-encrypted like other personal data).
ALTER TABLE account ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE account ADD COLUMN locked_until BIGINT NOT NULL DEFAULT 0;
ALTER TABLE account ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
ALTER TABLE account ADD COLUMN totp_secret_enc TEXT;
ALTER TABLE account ADD COLUMN totp_enabled INTEGER NOT NULL DEFAULT 0;
-- The last TOTP step accepted, so a code seen once cannot be replayed.
ALTER TABLE account ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;
CREATE INDEX session_account ON session (account_id);
