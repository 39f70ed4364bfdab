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
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finds a table's expired items through an expression index on the TTL attribute's numeric value, made when TTL is
 * enabled and dropped when it is disabled: the expiry job reads only what is due, however large the table.
 */
@ApplicationScoped
public class ExpiredItems {
    private static final Logger LOG = Logger.getLogger(ExpiredItems.class.getName());

    @Resource(lookup = Datasource.JNDI_NAME)
    private DataSource dataSource;

    /** The TTL attribute's value as a number, null unless it is a Number: what the index holds, what queries use. */
    private static String expiry(String attribute) {
        return "((item -> " + literal(attribute) + " ->> 'N')::numeric)";
    }

    private static String index(String partition) {
        return partition + "_ttl";
    }

    /**
     * Builds the TTL index of a table's partition, concurrently with its writes (outside any transaction). A build
     * that fails (the table deleted meanwhile, say) leaves no index; the expiry job works without one, only slower.
     */
    void createIndex(String partition, String attribute) {
        try {
            execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS " + index(partition) + " ON " + partition + " ("
                    + expiry(attribute) + ")");
        } catch (StorageException e) {
            LOG.log(Level.WARNING, "Could not build the TTL index of " + partition, e);
            dropIndex(partition);
        }
    }

    void dropIndex(String partition) {
        try {
            execute("DROP INDEX CONCURRENTLY IF EXISTS " + index(partition));
        } catch (StorageException e) {
            LOG.log(Level.WARNING, "Could not drop the TTL index of " + partition, e);
        }
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

    /**
     * An SQL string literal, whatever standard_conforming_strings says: an escape string, backslashes and quotes
     * doubled. (A name with U+0000, which no SQL text can hold, is refused by UpdateTimeToLive.)
     */
    private static String literal(String s) {
        return "E'" + s.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
