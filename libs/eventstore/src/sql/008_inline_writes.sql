-- The append with its read models' writes in one statement (event-store.ts, withInlineWrites): the
-- statement's WITH items always run to completion, so when the version check or the idempotency
-- key claim lets no event in, this aborts the whole statement and the read models' writes with it.
CREATE FUNCTION es_append_refused(refused boolean) RETURNS boolean
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF refused THEN
    RAISE EXCEPTION 'nothing was appended, so the read models are not written' USING ERRCODE = 'ES412';
  END IF;
  RETURN false;
END $$;
