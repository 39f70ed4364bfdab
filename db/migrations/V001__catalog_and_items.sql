-- The table catalog (mapped by JPA in io.jynamo.ejb.storage.TableEntity) and the item store.

CREATE TABLE catalog_table (
    id                       bigint       PRIMARY KEY,
    name                     text         COLLATE "C" NOT NULL UNIQUE,
    table_uuid               uuid         NOT NULL,
    status                   text         NOT NULL,
    created_at               timestamptz  NOT NULL,
    hash_key_name            text         NOT NULL,
    hash_key_type            text         NOT NULL,
    range_key_name           text,
    range_key_type           text,
    attribute_definitions    jsonb        NOT NULL,
    billing_mode             text         NOT NULL,
    read_capacity            bigint       NOT NULL,
    write_capacity           bigint       NOT NULL,
    last_increase_at         timestamptz,
    last_decrease_at         timestamptz,
    decreases_today          integer      NOT NULL DEFAULT 0,
    pay_per_request_since    timestamptz,
    table_class              text,        -- null when never set: DescribeTable then omits TableClassSummary
    deletion_protection      boolean      NOT NULL DEFAULT false,
    tags                     jsonb        NOT NULL DEFAULT '[]',
    version                  bigint       NOT NULL DEFAULT 0
);

CREATE SEQUENCE catalog_table_seq INCREMENT BY 1;

-- Every item of every table, one LIST partition per table (created with the table, dropped with it).
--   hk, rk  key values in an encoding whose bytea order is DynamoDB's order (io.jynamo.core.item.KeyEncoding);
--           rk is empty for tables without a sort key.
--   item    the item as DynamoDB typed JSON: {"price":{"N":"12.5"}, ...}
--   item_exact  the exact JSON text when the item holds U+0000, which jsonb cannot store; item then holds the
--           item with U+0000 replaced by U+FFFD (for reporting), and reads use item_exact.
--   size    the item size as DynamoDB computes it (io.jynamo.core.item.ItemSize)
CREATE TABLE item (
    table_id    bigint  NOT NULL,
    hk          bytea   NOT NULL,
    rk          bytea   NOT NULL,
    item        jsonb   NOT NULL,
    item_exact  text,
    size        integer NOT NULL,
    PRIMARY KEY (table_id, hk, rk)
) PARTITION BY LIST (table_id);
