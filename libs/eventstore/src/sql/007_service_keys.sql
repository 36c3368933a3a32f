-- The service's checkpoint signing keys, each recorded once, when it first signs a checkpoint of a
-- non-empty log; that checkpoint's transaction also announces it on <service>.checkpoints.v1 as
-- audit.ServiceKeyPublished (log-checkpoints.ts). Append-only like the checkpoints.
CREATE TABLE es_service_keys (
  fingerprint       text        PRIMARY KEY,
  algorithm         text        NOT NULL,
  public_key        text        NOT NULL,
  first_checkpoint  bigint      NOT NULL,
  published_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TRIGGER es_service_keys_immutable BEFORE UPDATE OR DELETE ON es_service_keys
  FOR EACH ROW EXECUTE FUNCTION es_forbid_change();
CREATE TRIGGER es_service_keys_no_truncate BEFORE TRUNCATE ON es_service_keys
  FOR EACH STATEMENT EXECUTE FUNCTION es_forbid_change();
