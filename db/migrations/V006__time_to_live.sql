-- Time to Live: the attribute that holds each item's expiry (epoch seconds), and when the setting last changed
-- (DynamoDB refuses another change within a fixed interval). While TTL is enabled, the table's partition has an
-- expression index on that attribute's numeric value (item_<id>_ttl, made by UpdateTimeToLive), through which the
-- ttl-expiry job finds expired items without scanning the table.
ALTER TABLE catalog_table
    ADD COLUMN ttl_attribute text,
    ADD COLUMN ttl_enabled boolean NOT NULL DEFAULT false,
    ADD COLUMN ttl_changed_at timestamptz;
