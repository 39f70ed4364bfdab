-- On-demand maxima (OnDemandThroughput) of a table: request units per second, reads and writes apart; null where none
-- is set. A global index's are in catalog_table.indexes (members maxRead and maxWrite). Enforced by the nodes'
-- capacity buckets (io.jynamo.ejb.capacity.CapacityMeter) while the table is PAY_PER_REQUEST.
ALTER TABLE catalog_table
    ADD COLUMN max_read_request_units  bigint,
    ADD COLUMN max_write_request_units bigint;
