-- Point-in-time recovery (io.jynamo.ejb.pitr). A table with it on keeps a base (its items as of one snapshot) and the
-- history of every change since, written by the one write path in the transaction of the change. A restore to T
-- replays, over the base, the changes of the transactions that had committed by T.
--
-- "Committed by T" is decided with PostgreSQL snapshots, not clocks: transactions commit in another order than they
-- write, so no timestamp written with a change says when it became visible. Every second each node records the
-- database's current snapshot (pitr_snapshot); a change belongs to the state at T when its transaction is visible in
-- the last snapshot recorded by T (pg_visible_in_snapshot), so a restore holds whole transactions, as committed.

-- Per table: whether PITR is on, its recovery period, and its base.
--   pitr_base_snapshot  the snapshot the base was copied in (null until the pitr-base step has copied it)
--   pitr_base_at        when that snapshot was taken: the earliest restorable time
ALTER TABLE catalog_table ADD COLUMN pitr_enabled boolean NOT NULL DEFAULT false;
ALTER TABLE catalog_table ADD COLUMN pitr_recovery_days integer;
ALTER TABLE catalog_table ADD COLUMN pitr_enabled_at timestamptz;
ALTER TABLE catalog_table ADD COLUMN pitr_base_snapshot pg_snapshot;
ALTER TABLE catalog_table ADD COLUMN pitr_base_at timestamptz;

-- The base of each table with PITR on, one LIST partition per table (made when PITR is enabled, dropped when it is
-- disabled or the table deleted), as the item table holds items.
CREATE TABLE pitr_base (
    table_id    bigint  NOT NULL,
    hk          bytea   NOT NULL,
    rk          bytea   NOT NULL,
    item        jsonb   NOT NULL,
    item_exact  text,
    size        integer NOT NULL,
    PRIMARY KEY (table_id, hk, rk)
) PARTITION BY LIST (table_id);

-- Every change of an item of a table with PITR on, in daily partitions by changed_at (made ahead, and dropped once
-- no table's window reaches them, by the pitr-prune job).
--   seq         orders the changes of one item (the second is written only after the first committed; the sequence
--               has no per-session cache, which would hand numbers out of order across connections)
--   xid         the writing transaction, for pg_visible_in_snapshot
--   item        the item after the change; null when it was deleted
CREATE SEQUENCE item_history_seq INCREMENT BY 1 CACHE 1;

CREATE TABLE item_history (
    table_id    bigint       NOT NULL,
    hk          bytea        NOT NULL,
    rk          bytea        NOT NULL,
    seq         bigint       NOT NULL DEFAULT nextval('item_history_seq'),
    xid         xid8         NOT NULL DEFAULT pg_current_xact_id(),
    changed_at  timestamptz  NOT NULL DEFAULT now(),
    item        jsonb,
    item_exact  text,
    size        integer      NOT NULL
) PARTITION BY RANGE (changed_at);

CREATE INDEX item_history_by_key ON item_history (table_id, hk, rk, seq);

-- A change for a day whose partition was not made ahead (the job did not run for days) lands here rather than fail.
CREATE TABLE item_history_default PARTITION OF item_history DEFAULT;

-- Snapshots of the database recorded every second while any table has PITR on (see above), in the database's clock.
CREATE TABLE pitr_snapshot (
    taken_at    timestamptz  PRIMARY KEY,
    snapshot    pg_snapshot  NOT NULL
);

-- A point-in-time restore first makes its table's state at the restored instant into a backup of its own (type
-- PITR, never listed), which the table-restore job then copies as it copies any backup: point_in_time is that instant.
ALTER TABLE backup ADD COLUMN point_in_time timestamptz;
