-- Table class changes (UpdateTable TableClass), carried out by the table-class job (io.jynamo.ejb.jobs.TableClassChange):
--   table_class_pending     the class a change is moving the table to; DescribeTable shows the table UPDATING until
--                           the job has applied the class's storage settings to its partitions
--   table_class_changed_at  when the last change was applied (TableClassSummary.LastUpdateDateTime)
--   table_class_changes     when the changes of the last 30 days were made (at most 2 in 30 days, as in DynamoDB)
ALTER TABLE catalog_table
    ADD COLUMN table_class_pending    text,
    ADD COLUMN table_class_changed_at timestamptz,
    ADD COLUMN table_class_changes    timestamptz[] NOT NULL DEFAULT '{}';
