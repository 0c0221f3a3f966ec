-- The warnings' hourly gate is now the app's one sweep_gate (migration 025).
DROP TABLE dues_sweep;
