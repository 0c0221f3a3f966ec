-- Open311 GeoReport v2: the api_keys of client applications, and the indexes its queries by time use.
CREATE TABLE open311_key (
  id {{PK}},
  key_hash TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX appeal_created ON appeal(created_at);
CREATE INDEX appeal_event_at ON appeal_event(at);
