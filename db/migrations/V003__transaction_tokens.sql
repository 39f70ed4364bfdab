-- ClientRequestTokens of committed TransactWriteItems requests, for their 10-minute idempotency window. A row is
-- written in the transaction it stands for, so it exists exactly when that transaction committed.
--   token           the token's UTF-8 bytes (a token may hold any character, U+0000 included, which text cannot)
--   fingerprint     SHA-256 (hex) of the request's TransactItems in canonical form: a repeat must match it
--   replay_capacity what a repeat reports as consumed: per table, in request order, the read units of the items
--                   ([{"table": "Orders", "units": 4.0}, ...])
--   committed_at    start of the 10 minutes; expired rows are deleted by a periodic job and overwritten when their
--                   token is used again
CREATE TABLE transaction_token (
    token            bytea        PRIMARY KEY,
    fingerprint      text         NOT NULL,
    replay_capacity  jsonb        NOT NULL,
    committed_at     timestamptz  NOT NULL
);

CREATE INDEX transaction_token_committed_at ON transaction_token (committed_at);
