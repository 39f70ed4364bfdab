package io.jynamo.ejb.storage;

import io.jynamo.core.table.TableClass;
import io.jynamo.ejb.config.Settings;
import io.jynamo.ejb.schema.Datasource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.util.List;

/**
 * How a table class is stored. STANDARD_INFREQUENT_ACCESS trades reads for space, as DynamoDB's class does: its
 * partitions compress every item larger than {@code JYNAMO_IA_TOAST_TUPLE_TARGET} bytes (128; PostgreSQL's default,
 * kept by STANDARD, compresses only rows past about 2 KB), so most items take less room and a read decompresses them;
 * and they may live in a tablespace of their own on cheaper disks ({@code JYNAMO_IA_TABLESPACE}). Compression applies
 * to the items written after the change; a move to another tablespace copies the partitions as they are, holding
 * their reads and writes for the time of the copy.
 */
@ApplicationScoped
public class TableClassStorage {
    private final String iaTablespace = Settings.get("jynamo.ia.tablespace", "JYNAMO_IA_TABLESPACE", null);
    private final int iaToastTarget = Integer.parseInt(Settings.get("jynamo.ia.toast-tuple-target",
            "JYNAMO_IA_TOAST_TUPLE_TARGET", "128"));

    @Resource(lookup = Datasource.JNDI_NAME)
    private DataSource dataSource;

    /** Gives the partitions the storage of the class, in the caller's transaction. */
    public void apply(List<String> partitions, TableClass tableClass) {
        boolean ia = tableClass == TableClass.STANDARD_INFREQUENT_ACCESS;
        for (String partition : partitions) {
            String table = "\"" + partition + "\"";
            Jdbc.update(dataSource, ia ? "ALTER TABLE " + table + " SET (toast_tuple_target = " + iaToastTarget + ")"
                    : "ALTER TABLE " + table + " RESET (toast_tuple_target)", ps -> { });
            if (iaTablespace != null) {
                Jdbc.update(dataSource, "ALTER TABLE " + table + " SET TABLESPACE "
                        + (ia ? "\"" + iaTablespace + "\"" : "pg_default"), ps -> { });
            }
        }
    }
}
