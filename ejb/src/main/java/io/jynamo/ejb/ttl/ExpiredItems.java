package io.jynamo.ejb.ttl;

import io.jynamo.core.item.PrimaryKey;
import io.jynamo.ejb.schema.Datasource;
import io.jynamo.ejb.storage.ItemTable;
import io.jynamo.ejb.storage.StorageException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds a table's expired items through an expression index on the TTL attribute's numeric value, made when TTL is
 * enabled and dropped when it is disabled: the expiry job reads only what is due, however large the table.
 */
@ApplicationScoped
public class ExpiredItems {
    @Resource(lookup = Datasource.JNDI_NAME)
    private DataSource dataSource;

    /** The TTL attribute's value as a number, null unless it is a Number: what the index holds, what queries use. */
    private static String expiry(String attribute) {
        return "((item -> " + literal(attribute) + " ->> 'N')::numeric)";
    }

    private static String index(String partition) {
        return partition + "_ttl";
    }

    void createIndex(String partition, String attribute) {
        execute("CREATE INDEX IF NOT EXISTS " + index(partition) + " ON " + partition + " (" + expiry(attribute)
                + ")");
    }

    void dropIndex(String partition) {
        execute("DROP INDEX IF EXISTS " + index(partition));
    }

    /** Keys of items whose TTL value lies in (notBefore, notAfter], at most {@code limit}. */
    List<PrimaryKey> find(ItemTable table, String attribute, BigDecimal notBefore, BigDecimal notAfter, int limit) {
        String sql = "SELECT hk, rk FROM " + table.partition() + " WHERE table_id = ? AND " + expiry(attribute)
                + " > ? AND " + expiry(attribute) + " <= ? LIMIT ?";
        List<PrimaryKey> keys = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, table.id());
            ps.setBigDecimal(2, notBefore);
            ps.setBigDecimal(3, notAfter);
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(new PrimaryKey(rs.getBytes(1), rs.getBytes(2)));
                }
            }
        } catch (SQLException e) {
            throw new StorageException(e);
        }
        return keys;
    }

    private void execute(String ddl) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(ddl);
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }

    /** An SQL string literal (standard_conforming_strings: only quotes need doubling). */
    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
