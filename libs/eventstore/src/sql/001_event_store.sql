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

-- Appends events to one stream in one round trip: idempotency, expected version, events and
-- outbox messages together. Raises SQLSTATE 'ES409' (conflict) and 'ES422' (reused key).
-- p_expected: 0 = stream must not exist, n = stream must be at version n. Content hashes are
-- computed by the caller, which read the stream (and its last hash) to decide. It sends no NOTIFY:
-- a notifying transaction holds the cluster-wide notify lock through its commit flush and so
-- serialises with every other one. EventStore.append wakes the sealer (es_appended) and the
-- outbox relay (es_outbox) after commit instead.
CREATE FUNCTION es_append(
  p_stream_id text, p_expected integer, p_idempotency_key text, p_request_hash text,
  p_event_ids uuid[], p_types text[], p_schema_versions integer[], p_data jsonb[], p_metadata jsonb[],
  p_recorded_at timestamptz, p_hashes bytea[],
  p_outbox_index integer[], p_outbox_topics text[], p_outbox_messages jsonb[], p_outbox_headers jsonb[]
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_current integer;
  v_existing es_idempotency%ROWTYPE;
  v_positions bigint[];
  v_result jsonb;
BEGIN
  IF p_idempotency_key IS NOT NULL THEN
    SELECT * INTO v_existing FROM es_idempotency WHERE key = p_idempotency_key;
    IF FOUND THEN RETURN es_replay(v_existing, p_request_hash); END IF;
  END IF;

  SELECT max(version) INTO v_current FROM es_events WHERE stream_id = p_stream_id;
  v_current := coalesce(v_current, 0);
  IF v_current <> p_expected THEN
    RAISE EXCEPTION 'stream % is at version %, expected %', p_stream_id, v_current, p_expected
      USING ERRCODE = 'ES409', DETAIL = json_build_object('actual', v_current, 'expected', p_expected)::text;
  END IF;

  v_result := jsonb_build_object(
    'streamId', p_stream_id,
    'fromVersion', v_current + 1,
    'toVersion', v_current + cardinality(p_event_ids),
    'eventIds', to_jsonb(p_event_ids));
  IF p_idempotency_key IS NOT NULL THEN
    -- Waits for a concurrent request holding the same key; if that one committed, replay it.
    INSERT INTO es_idempotency (key, request_hash, result) VALUES (p_idempotency_key, p_request_hash, v_result)
      ON CONFLICT (key) DO NOTHING;
    IF NOT FOUND THEN
      SELECT * INTO v_existing FROM es_idempotency WHERE key = p_idempotency_key;
      RETURN es_replay(v_existing, p_request_hash);
    END IF;
  END IF;

  -- A concurrent append of the same version fails on the (stream_id, version) key; the caller
  -- reads that unique violation as a conflict (no subtransaction here, it would cost an xid).
  WITH inserted AS (
    INSERT INTO es_events (stream_id, version, event_id, type, schema_version, data, metadata, recorded_at, content_hash)
    SELECT p_stream_id, v_current + e.ord, e.event_id, e.type, e.schema_version, e.data, e.metadata, p_recorded_at, e.hash
      FROM unnest(p_event_ids, p_types, p_schema_versions, p_data, p_metadata, p_hashes)
           WITH ORDINALITY AS e(event_id, type, schema_version, data, metadata, hash, ord)
     ORDER BY e.ord
    RETURNING position
  )
  SELECT array_agg(position ORDER BY position) INTO v_positions FROM inserted;

  INSERT INTO es_outbox (position, topic, message_key, message, headers)
  SELECT v_positions[o.idx], o.topic,
         p_stream_id,
         o.message || jsonb_build_object('position', v_positions[o.idx]),
         o.headers
    FROM unnest(p_outbox_index, p_outbox_topics, p_outbox_messages, p_outbox_headers) AS o(idx, topic, message, headers);

  RETURN v_result || jsonb_build_object('positions', to_jsonb(v_positions), 'replayed', false);
END $$;
