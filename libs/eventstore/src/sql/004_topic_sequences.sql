-- A gap-free sequence per topic: the relay (one leader per database) numbers each message when it
-- first sends it, in outbox order, so a consumer tells a lost message (a missing number) from an
-- event that was never published (which takes no number). A message re-sent after a failure
-- keeps its number.
ALTER TABLE es_outbox ADD COLUMN topic_seq bigint;
CREATE UNIQUE INDEX es_outbox_topic_seq ON es_outbox (topic, topic_seq) WHERE topic_seq IS NOT NULL;

CREATE TABLE es_topic_sequences (
  topic     text PRIMARY KEY,
  last_seq  bigint NOT NULL
);
