-- When each module's spaced-out background sweep last ran (Module::sweep_every_seconds), by the
-- app's clock: one gate for every module, kept in the store so that a restart or a second server
-- on the same database does not run an hourly walk of the province again straight away.
CREATE TABLE sweep_gate (
  module TEXT PRIMARY KEY,
  last_run_at BIGINT NOT NULL
);
