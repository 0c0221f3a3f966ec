-- The categories were inserted with explicit ids; move the sequence past them.
SELECT setval(pg_get_serial_sequence('appeal_category', 'id'), (SELECT MAX(id) FROM appeal_category));
