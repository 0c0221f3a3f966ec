-- Which set of field keys the encrypted columns are under (its fingerprint, never the keys), so
-- the server picks that set from the key file, and a key rotation switches it in the same
-- transaction that re-encrypts the data.
CREATE TABLE field_key (
  id TEXT NOT NULL,
  activated_at BIGINT NOT NULL
);
