-- The foundation: the organisation matrix, its people, accounts, sessions and the audit chain.
-- Paths are materialised ("/1/5/23/") so a subtree is one index range.

CREATE TABLE area (
  id {{PK}},
  parent_id BIGINT REFERENCES area(id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  code TEXT,
  path {{PATH}} NOT NULL,
  depth INTEGER NOT NULL,
  geometry TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX area_path ON area(path);
CREATE INDEX area_parent ON area(parent_id, name);
CREATE UNIQUE INDEX area_code ON area(code);

CREATE TABLE party_org (
  id {{PK}},
  parent_id BIGINT REFERENCES party_org(id),
  name TEXT NOT NULL,
  level TEXT NOT NULL,
  kind TEXT NOT NULL,
  area_id BIGINT NOT NULL REFERENCES area(id),
  area_path {{PATH}} NOT NULL,
  path {{PATH}} NOT NULL,
  depth INTEGER NOT NULL,
  founded_on TEXT,
  secretary TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX party_org_path ON party_org(path);
CREATE INDEX party_org_area_path ON party_org(area_path);
CREATE INDEX party_org_parent ON party_org(parent_id, name);
CREATE INDEX party_org_name ON party_org(name);

-- Dated changes to either tree: renames, moves, dissolutions, with the day they took effect.
CREATE TABLE tree_change (
  id {{PK}},
  tree TEXT NOT NULL,
  node_id BIGINT NOT NULL,
  change TEXT NOT NULL,
  effective_on TEXT NOT NULL,
  before_value TEXT,
  after_value TEXT,
  at BIGINT NOT NULL
);
CREATE INDEX tree_change_node ON tree_change(tree, node_id, id);

CREATE TABLE unit (
  id {{PK}},
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  area_id BIGINT NOT NULL REFERENCES area(id),
  area_path {{PATH}} NOT NULL,
  credit_code TEXT,
  party_status TEXT NOT NULL,
  party_org_id BIGINT REFERENCES party_org(id),
  employees INTEGER,
  address TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX unit_area_path ON unit(area_path, id);
CREATE UNIQUE INDEX unit_credit_code ON unit(credit_code);
CREATE INDEX unit_name ON unit(name);

CREATE TABLE member (
  id {{PK}},
  name TEXT NOT NULL,
  gender TEXT NOT NULL,
  ethnicity TEXT,
  birth_date TEXT,
  id_number_enc TEXT NOT NULL,
  id_number_idx TEXT NOT NULL,
  id_number_mask TEXT NOT NULL,
  phone_enc TEXT,
  phone_mask TEXT,
  education TEXT,
  joined_on TEXT,
  full_on TEXT,
  org_id BIGINT NOT NULL REFERENCES party_org(id),
  org_path {{PATH}} NOT NULL,
  area_path {{PATH}} NOT NULL,
  category TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX member_id_number ON member(id_number_idx);
CREATE INDEX member_org_path ON member(org_path, id);
CREATE INDEX member_area_path ON member(area_path, id);
CREATE INDEX member_org ON member(org_id, id);
CREATE INDEX member_name ON member(name, id);

CREATE TABLE venue (
  id {{PK}},
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  area_id BIGINT NOT NULL REFERENCES area(id),
  area_path {{PATH}} NOT NULL,
  address TEXT,
  area_m2 INTEGER,
  open_hours TEXT,
  in_city_system INTEGER NOT NULL DEFAULT 0,
  service_items TEXT NOT NULL DEFAULT '[]',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX venue_area_path ON venue(area_path, id);

CREATE TABLE person (
  id {{PK}},
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  gender TEXT,
  phone_enc TEXT,
  phone_mask TEXT,
  area_id BIGINT NOT NULL REFERENCES area(id),
  area_path {{PATH}} NOT NULL,
  grid_role TEXT,
  unit_id BIGINT REFERENCES unit(id),
  title TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX person_area_path ON person(area_path, id);
CREATE INDEX person_kind ON person(kind, area_path);

-- A community's big committee (大党委): concurrent members drawn from resident units.
CREATE TABLE committee_seat (
  id {{PK}},
  area_id BIGINT NOT NULL REFERENCES area(id),
  person_id BIGINT NOT NULL REFERENCES person(id),
  unit_id BIGINT REFERENCES unit(id),
  post TEXT NOT NULL
);
CREATE INDEX committee_seat_area ON committee_seat(area_id);

CREATE TABLE account (
  id {{PK}},
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  member_id BIGINT REFERENCES member(id),
  unit_id BIGINT REFERENCES unit(id),
  created_at BIGINT NOT NULL,
  password_changed_at BIGINT NOT NULL
);

CREATE TABLE role_binding (
  id {{PK}},
  account_id BIGINT NOT NULL REFERENCES account(id),
  role TEXT NOT NULL,
  scope_type TEXT NOT NULL,
  scope_id BIGINT NOT NULL
);
CREATE INDEX role_binding_account ON role_binding(account_id);

CREATE TABLE session (
  token_hash TEXT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES account(id),
  csrf TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);

CREATE TABLE api_token (
  id {{PK}},
  token_hash TEXT NOT NULL UNIQUE,
  account_id BIGINT NOT NULL REFERENCES account(id),
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0
);

-- Append-only; each row's hash covers the previous row's hash (SM3), so any edit or removal shows.
CREATE TABLE audit_log (
  id {{PK}},
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  actor_id BIGINT,
  ip TEXT,
  action TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id TEXT,
  before_value TEXT,
  after_value TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
