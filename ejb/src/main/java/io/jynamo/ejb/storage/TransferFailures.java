package io.jynamo.ejb.storage;

import io.jynamo.ejb.schema.Datasource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * How long the steps of an export or import (rows of {@code table_export}, {@code table_import}) have been failing:
 * the first failure's time and the last failure's message, cleared by a step that succeeds.
 */
@ApplicationScoped
public class TransferFailures {
    /** The tables whose rows this keeps the failures of. */
    public enum Kind {
        EXPORT("table_export"), IMPORT("table_import");

        private final String table;

        Kind(String table) {
            this.table = table;
        }
    }

    @Resource(lookup = Datasource.JNDI_NAME)
    private DataSource dataSource;

    /** Records a failed step; returns since when the steps have been failing. */
    public Instant failed(Kind kind, long id, String message) {
        String sql = "UPDATE " + kind.table + " SET failing_since = coalesce(failing_since, now()), last_error = ?"
                + " WHERE id = ? RETURNING failing_since";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, message);
            ps.setLong(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getTimestamp(1).toInstant() : Instant.now();
            }
        } catch (SQLException e) {
            throw ItemStore.translate(e, null);
        }
    }

    /** A step succeeded: whatever failed before has passed. */
    public void succeeded(Kind kind, long id) {
        Statements.execute(dataSource, "UPDATE " + kind.table + " SET failing_since = NULL, last_error = NULL"
                + " WHERE id = ? AND failing_since IS NOT NULL", id);
    }
}
