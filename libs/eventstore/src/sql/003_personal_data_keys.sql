-- One data key per subject of personal data (a person, ...): personal values in events are
-- encrypted with their subject's key before they are hashed and stored (personal-data.ts).
-- Erasure destroys the key: the ciphertext stays in the log, the hash chain still verifies, and
-- the values can never be read again. A row is never deleted, so an erased subject cannot be
-- given a new key by accident: new personal data for it is refused.
CREATE TABLE es_subject_keys (
  subject      text PRIMARY KEY,
  key          bytea CHECK (key IS NULL OR length(key) = 16),
  created_at   timestamptz NOT NULL DEFAULT now(),
  erased_at    timestamptz,
  legal_basis  text,
  CHECK ((key IS NULL) = (erased_at IS NOT NULL)),
  CHECK (erased_at IS NULL OR legal_basis IS NOT NULL)
);
REVOKE ALL ON es_subject_keys FROM PUBLIC;

-- The only change a key may undergo is its destruction, once: no new key for an erased subject,
-- no key swapped for another (data under the old one would be lost without an erasure on record).
CREATE FUNCTION es_subject_key_erase_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.erased_at IS NOT NULL OR NEW.key IS NOT NULL OR NEW.subject <> OLD.subject OR NEW.created_at <> OLD.created_at THEN
    RAISE EXCEPTION 'a subject key can only be erased, once' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER es_subject_keys_erase_only BEFORE UPDATE ON es_subject_keys
  FOR EACH ROW EXECUTE FUNCTION es_subject_key_erase_only();
CREATE TRIGGER es_subject_keys_no_delete BEFORE DELETE ON es_subject_keys
  FOR EACH ROW EXECUTE FUNCTION es_forbid_change();
CREATE TRIGGER es_subject_keys_no_truncate BEFORE TRUNCATE ON es_subject_keys
  FOR EACH STATEMENT EXECUTE FUNCTION es_forbid_change();
