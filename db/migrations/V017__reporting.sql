-- SQL reporting on the stored items (io.jynamo.ejb.storage.ReportingViews): the schema `reporting` holds one view per
-- DynamoDB table, named as the table (quoted: names are case-sensitive), with its key attributes as typed columns
-- and the item as plain JSON, and the functions below, which turn DynamoDB's typed JSON into plain JSON:
--   SELECT item->>'Artist', count(*) FROM reporting."Music" GROUP BY 1;
--   SELECT reporting.attr_numeric(item, 'Price') FROM item_42;            -- on a typed item, as stored
-- Plain JSON: S as a string, N as a JSON number (exact: jsonb keeps numeric's digits), B and BS as base64 strings,
-- BOOL, NULL as null, L as an array, M as an object, SS and NS as arrays (sets have no order).
CREATE SCHEMA reporting;

CREATE FUNCTION reporting.plain_value(v jsonb) RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
    RETURN CASE
        WHEN v ? 'S' THEN v -> 'S'
        WHEN v ? 'N' THEN to_jsonb((v ->> 'N')::numeric)
        WHEN v ? 'B' THEN v -> 'B'
        WHEN v ? 'BOOL' THEN v -> 'BOOL'
        WHEN v ? 'NULL' THEN 'null'::jsonb
        WHEN v ? 'SS' THEN v -> 'SS'
        WHEN v ? 'NS' THEN (SELECT coalesce(jsonb_agg(to_jsonb(e::numeric)), '[]'::jsonb)
                            FROM jsonb_array_elements_text(v -> 'NS') AS e)
        WHEN v ? 'BS' THEN v -> 'BS'
        WHEN v ? 'L' THEN (SELECT coalesce(jsonb_agg(reporting.plain_value(e) ORDER BY o), '[]'::jsonb)
                           FROM jsonb_array_elements(v -> 'L') WITH ORDINALITY AS x(e, o))
        WHEN v ? 'M' THEN reporting.plain_item(v -> 'M')
    END;
END $$;

-- An item (or a map's members): {"a": {"N": "1"}} -> {"a": 1}.
CREATE FUNCTION reporting.plain_item(item jsonb) RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
    RETURN (SELECT coalesce(jsonb_object_agg(k, reporting.plain_value(v)), '{}'::jsonb) FROM jsonb_each(item) AS x(k, v));
END $$;

-- One attribute of a typed item, as text (a string, a number's digits, base64, true/false; sets, lists and maps as
-- their plain JSON), as numeric (N only), as boolean (BOOL only); null when the item has no such attribute.
CREATE FUNCTION reporting.attr_text(item jsonb, name text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT CASE WHEN item -> name ? 'S' THEN item -> name ->> 'S'
                WHEN item -> name ? 'N' THEN item -> name ->> 'N'
                WHEN item -> name ? 'B' THEN item -> name ->> 'B'
                WHEN item -> name ? 'BOOL' THEN item -> name ->> 'BOOL'
                WHEN item -> name ? 'NULL' THEN NULL
                ELSE reporting.plain_value(item -> name)::text END
$$;

CREATE FUNCTION reporting.attr_numeric(item jsonb, name text) RETURNS numeric
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT (item -> name ->> 'N')::numeric
$$;

CREATE FUNCTION reporting.attr_boolean(item jsonb, name text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT (item -> name ->> 'BOOL')::boolean
$$;

-- The analysts' role: may read the reporting views and nothing else (a view reads the items with its owner's rights).
-- Log in as a user granted it: CREATE ROLE alice LOGIN PASSWORD '...' IN ROLE jynamo_reporting. Roles belong to
-- the whole PostgreSQL server; where Jynamo's user may not create roles, the role is left to the operator.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jynamo_reporting') THEN
        CREATE ROLE jynamo_reporting NOLOGIN;
    END IF;
EXCEPTION WHEN insufficient_privilege OR duplicate_object THEN
    RAISE NOTICE 'role jynamo_reporting not created here: %', SQLERRM;
END $$;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jynamo_reporting') THEN
        GRANT USAGE ON SCHEMA reporting TO jynamo_reporting;
        GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA reporting TO jynamo_reporting;
        ALTER DEFAULT PRIVILEGES IN SCHEMA reporting GRANT SELECT ON TABLES TO jynamo_reporting;
    END IF;
END $$;
