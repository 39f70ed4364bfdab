package io.jynamo.ejb.storage;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The small statements of the storage classes' bookkeeping (jobs' rows, partitions): run with parameters in the
 * caller's transaction, their failures translated as every storage failure is ({@link ItemStore#translate}).
 */
final class Statements {
    private Statements() {
    }

    /** Runs a statement that returns no rows (DDL, INSERT, UPDATE, DELETE); how many rows it changed. */
    static int execute(DataSource dataSource, String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, parameters);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw ItemStore.translate(e, null);
        }
    }

    /** The first column of each row of a query, as numbers (ids, counts). */
    static List<Long> longs(DataSource dataSource, String sql, Object... parameters) {
        List<Long> values = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, parameters);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw ItemStore.translate(e, null);
        }
        return values;
    }

    private static void bind(PreparedStatement ps, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            ps.setObject(i + 1, parameters[i]);
        }
    }
}
