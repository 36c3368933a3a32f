-- Event store of one service. Append-only; see libs/eventstore/README.md for the design.

CREATE TABLE es_events (
  position        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  stream_id       text        NOT NULL,
  version         integer     NOT NULL CHECK (version > 0),
  event_id        uuid        NOT NULL UNIQUE,
  type            text        NOT NULL,
  schema_version  integer     NOT NULL DEFAULT 1,
  data            jsonb       NOT NULL,
  metadata        jsonb       NOT NULL,
  recorded_at     timestamptz NOT NULL,
  content_hash    bytea       NOT NULL,
  tx_id           xid8        NOT NULL DEFAULT pg_current_xact_id(),
  UNIQUE (stream_id, version)
);
CREATE INDEX es_events_tx_order ON es_events (tx_id, position);

-- The seal: one gap-free sequence in commit order, written by a single sealer, chaining every
-- event's content hash to the previous seal's hash. Readers follow seq, never position.
CREATE TABLE es_seal (
  seq         bigint PRIMARY KEY,
  position    bigint NOT NULL UNIQUE,
  chain_hash  bytea  NOT NULL,
  sealed_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE es_idempotency (
  key           text PRIMARY KEY,
  request_hash  text        NOT NULL,
  result        jsonb       NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE es_outbox (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  position      bigint      NOT NULL,
  topic         text        NOT NULL,
  message_key   text        NOT NULL,
  message       jsonb       NOT NULL,
  headers       jsonb       NOT NULL DEFAULT '{}'::jsonb,
  created_at    timestamptz NOT NULL DEFAULT now(),
  published_at  timestamptz
);
CREATE INDEX es_outbox_pending ON es_outbox (id) WHERE published_at IS NULL;

CREATE TABLE es_checkpoints (
  name        text PRIMARY KEY,
  seq         bigint NOT NULL DEFAULT 0,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE msg_inbox (
  consumer      text NOT NULL,
  message_id    text NOT NULL,
  processed_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, message_id)
);

CREATE FUNCTION es_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'event log is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER es_events_immutable BEFORE UPDATE OR DELETE ON es_events
  FOR EACH ROW EXECUTE FUNCTION es_forbid_change();
CREATE TRIGGER es_events_no_truncate BEFORE TRUNCATE ON es_events
  FOR EACH STATEMENT EXECUTE FUNCTION es_forbid_change();
CREATE TRIGGER es_seal_immutable BEFORE UPDATE OR DELETE ON es_seal
  FOR EACH ROW EXECUTE FUNCTION es_forbid_change();
CREATE TRIGGER es_seal_no_truncate BEFORE TRUNCATE ON es_seal
  FOR EACH STATEMENT EXECUTE FUNCTION es_forbid_change();

-- The stored result of an earlier request with the same idempotency key, with its positions;
-- raises ES422 when the key was used for a different request.
CREATE FUNCTION es_replay(p_existing es_idempotency, p_request_hash text) RETURNS jsonb LANGUAGE plpgsql STABLE AS $$
BEGIN
  IF p_existing.request_hash <> p_request_hash THEN
    RAISE EXCEPTION 'idempotency key % was used for a different request', p_existing.key USING ERRCODE = 'ES422';
  END IF;
  RETURN p_existing.result || jsonb_build_object(
    'positions', (SELECT coalesce(jsonb_agg(e.position ORDER BY e.position), '[]'::jsonb) FROM es_events e
                   WHERE e.event_id IN (SELECT jsonb_array_elements_text(p_existing.result -> 'eventIds')::uuid)),
    'replayed', true);
END $$;
