-- Secondary indexes. Their definitions live with their table (catalog_table.indexes, a JSON list read together with
-- the table on every request); their entries in index_entry, one LIST partition per index.

ALTER TABLE catalog_table ADD COLUMN indexes jsonb NOT NULL DEFAULT '[]';

CREATE SEQUENCE catalog_index_seq INCREMENT BY 1;

-- One row per item that has the index's key attributes (sparse indexes hold only those items).
--   ihk, irk  the index's partition and sort key values, encoded as item keys are (irk empty without a sort key)
--   hk, rk    the base table's key of the item
--   item      the item's projected attributes (KEYS_ONLY, INCLUDE or ALL), as typed JSON
CREATE TABLE index_entry (
    index_id    bigint  NOT NULL,
    ihk         bytea   NOT NULL,
    irk         bytea   NOT NULL,
    hk          bytea   NOT NULL,
    rk          bytea   NOT NULL,
    item        jsonb   NOT NULL,
    item_exact  text,
    size        integer NOT NULL,
    PRIMARY KEY (index_id, ihk, irk, hk, rk)
) PARTITION BY LIST (index_id);
