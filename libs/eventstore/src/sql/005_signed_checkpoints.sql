-- Signed checkpoints of the sealed log (log-checkpoints.ts): the Merkle root over seal entries
-- 1..log_size, signed with the service's own key. Each is also written to a witness directory
-- outside the database, which /audit/verify checks the log against. Append-only like the seal.
CREATE TABLE es_log_checkpoints (
  number      bigint PRIMARY KEY,
  log_size    bigint NOT NULL,
  root_hash   bytea  NOT NULL,
  body        jsonb  NOT NULL,
  signature   text   NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TRIGGER es_log_checkpoints_immutable BEFORE UPDATE OR DELETE ON es_log_checkpoints
  FOR EACH ROW EXECUTE FUNCTION es_forbid_change();
CREATE TRIGGER es_log_checkpoints_no_truncate BEFORE TRUNCATE ON es_log_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION es_forbid_change();
