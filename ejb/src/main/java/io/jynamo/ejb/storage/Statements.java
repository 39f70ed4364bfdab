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

    /** Reads one row of a result (as a JDBC method would: it may throw SQLException). */
    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Each row of a query, read by {@code row}. */
    static <T> List<T> rows(DataSource dataSource, String sql, List<?> parameters, Row<T> row) {
        List<T> values = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, parameters.toArray());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(row.read(rs));
                }
            }
        } catch (SQLException e) {
            throw ItemStore.translate(e, null);
        }
        return values;
    }

    /**
     * A page of a list of exports or imports (ListExports, ListImports), newest first: the rows of {@code table} whose
     * {@code column} is {@code value} (null: all rows), whose id is below {@code before} (null: from the newest); one
     * more than the limit, to tell whether there is a next page.
     */
    static <T> List<T> newestFirst(DataSource dataSource, String columns, String table, String column, Object value,
                                   Long before, int limit, Row<T> row) {
        StringBuilder sql = new StringBuilder("SELECT " + columns + " FROM " + table + " WHERE true");
        List<Object> args = new ArrayList<>();
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
        if (before != null) {
            sql.append(" AND id < ?");
            args.add(before);
        }
        sql.append(" ORDER BY id DESC LIMIT ").append(limit + 1);
        return rows(dataSource, sql.toString(), args, row);
    }

    private static void bind(PreparedStatement ps, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            ps.setObject(i + 1, parameters[i]);
        }
    }
}
