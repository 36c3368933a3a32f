-- The database decides what the service must not: the transaction id of an event, and that each
-- event follows its stream's head. The service role cannot change either (see grantServiceRole).

-- tx_id orders sealing. Whatever an insert says, the row gets the inserting transaction's id.
CREATE FUNCTION es_stamp_tx_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.tx_id := pg_current_xact_id();
  RETURN NEW;
END $$;
CREATE TRIGGER es_events_stamp_tx_id BEFORE INSERT ON es_events
  FOR EACH ROW EXECUTE FUNCTION es_stamp_tx_id();

-- The previous event's content hash, which each content hash covers. Backfilled for existing logs.
ALTER TABLE es_events ADD COLUMN previous_hash bytea;
ALTER TABLE es_events DISABLE TRIGGER es_events_immutable;
UPDATE es_events e SET previous_hash = p.content_hash
  FROM es_events p WHERE p.stream_id = e.stream_id AND p.version = e.version - 1;
ALTER TABLE es_events ENABLE TRIGGER es_events_immutable;

-- An event must name its stream head's hash as its previous hash (none for version 1), and a
-- stream has no gaps. AFTER ROW triggers run at the end of the statement, so an append of several
-- events in one statement sees its own earlier rows; the lookup uses the (stream_id, version) key.
CREATE FUNCTION es_check_stream_head() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head bytea;
BEGIN
  IF NEW.version > 1 THEN
    SELECT content_hash INTO head FROM es_events WHERE stream_id = NEW.stream_id AND version = NEW.version - 1;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'event % of stream % has no predecessor', NEW.version, NEW.stream_id USING ERRCODE = 'ES409';
    END IF;
  END IF;
  IF NEW.previous_hash IS DISTINCT FROM head THEN
    RAISE EXCEPTION 'event % of stream % does not name the stream head''s hash as its previous hash', NEW.version, NEW.stream_id
      USING ERRCODE = 'ES409';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER es_events_follow_head AFTER INSERT ON es_events
  FOR EACH ROW EXECUTE FUNCTION es_check_stream_head();

-- The sealing horizon without pg_read_all_stats: the oldest transaction id (xid8) that may still
-- add events to this database's log. The next id is read first, then the running transactions of
-- this database (pg_stat_activity takes its picture at the first look in a transaction); the
-- sealer reads the events after both. Owned by the migrating owner, who sees every session; it
-- returns one id and nothing about any session.
CREATE FUNCTION es_sealing_horizon() RETURNS xid8 LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  next_id bigint := pg_snapshot_xmax(pg_current_snapshot())::text::bigint;
  oldest bigint := next_id;
  running xid;
  ahead bigint;
BEGIN
  FOR running IN
    SELECT backend_xid FROM pg_stat_activity WHERE datname = current_database() AND backend_xid IS NOT NULL
    UNION ALL
    SELECT transaction FROM pg_prepared_xacts WHERE database = current_database()
  LOOP
    -- Place the 32-bit id in its epoch: within 2^31 of the next id, on either side.
    ahead := ((running::text::bigint - next_id) % 4294967296 + 4294967296) % 4294967296;
    IF ahead >= 2147483648 THEN ahead := ahead - 4294967296; END IF;
    IF next_id + ahead < oldest THEN oldest := next_id + ahead; END IF;
  END LOOP;
  RETURN oldest::text::xid8;
END $$;
REVOKE ALL ON FUNCTION es_sealing_horizon() FROM PUBLIC;
