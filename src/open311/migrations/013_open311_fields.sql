-- What an Open311 client posts with a request beyond the appeal's own columns, kept as it was
-- sent: the client (its key), the name in its two parts, the email (encrypted with the field keys
-- and masked, as phones are), the address system's own id, a link to media, the device and the
-- client's account id, and the answers to service attributes (a JSON object, code → value(s)).
CREATE TABLE open311_request (
  id {{PK}},
  appeal_id BIGINT NOT NULL UNIQUE REFERENCES appeal(id),
  key_id BIGINT NOT NULL REFERENCES open311_key(id),
  first_name TEXT,
  last_name TEXT,
  email_enc TEXT,
  email_mask TEXT,
  address_id TEXT,
  media_url TEXT,
  device_id TEXT,
  account_id TEXT,
  attributes TEXT
);

-- A resident's update relayed by a client (mySociety's POST servicerequestupdates): the timeline
-- event it became, the state the resident reported, who sent it, and the client's own id for it,
-- so a post the client retries is recorded once.
CREATE TABLE open311_update (
  id {{PK}},
  event_id BIGINT NOT NULL UNIQUE REFERENCES appeal_event(id),
  appeal_id BIGINT NOT NULL REFERENCES appeal(id),
  key_id BIGINT NOT NULL REFERENCES open311_key(id),
  client_update_id TEXT,
  status TEXT,
  first_name TEXT,
  last_name TEXT,
  email_enc TEXT,
  email_mask TEXT,
  phone_enc TEXT,
  phone_mask TEXT,
  media_url TEXT,
  account_id TEXT
);
CREATE UNIQUE INDEX open311_update_client ON open311_update(key_id, client_update_id);
CREATE INDEX open311_update_appeal ON open311_update(appeal_id, id);
