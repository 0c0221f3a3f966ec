-- Chinese name search: trigram GIN index serving LIKE '%…%'.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX member_name_trgm ON member USING gin (name gin_trgm_ops);
