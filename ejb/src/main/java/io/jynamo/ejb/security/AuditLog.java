package io.jynamo.ejb.security;

import io.jynamo.ejb.schema.Datasource;
import io.jynamo.ejb.storage.StorageException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit trail ({@code audit_event}): one row per IAM or STS action allowed (with the error it ended with, if any)
 * and per request a policy refused, in a partition per day (UTC). Rows are added in a transaction of their own, so a refused request's row stays although
 * the request fails. A day's partition is made when first needed and by the retention job ahead of time; the job
 * drops those past the retention.
 */
@ApplicationScoped
public class AuditLog {
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String UNDEFINED_PARTITION = "23514";

    @Resource(lookup = Datasource.JNDI_NAME)
    private DataSource dataSource;

    /**
     * One line of the trail.
     *
     * @param allowed   whether the policies allowed the action
     * @param errorCode the IAM error an allowed IAM or STS action nevertheless ended with; null if it succeeded
     */
    public record Event(Instant at, String requestId, String principal, String accessKeyId, String action,
                        String resource, boolean allowed, String sourceIp, String errorCode) { }

    public void append(Event e) {
        try {
            insert(e);
        } catch (SQLException first) {
            // no partition for the day yet (the job makes them ahead; a first start may not have run it)
            if (!UNDEFINED_PARTITION.equals(first.getSQLState())) {
                throw new StorageException(first);
            }
            ensureDay(LocalDate.ofInstant(e.at(), ZoneOffset.UTC));
            try {
                insert(e);
            } catch (SQLException again) {
                throw new StorageException(again);
            }
        }
    }

    private void insert(Event e) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO audit_event (occurred_at, request_id, principal, access_key_id, action, resource, outcome,"
                        + " source_ip, error_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setTimestamp(1, Timestamp.from(e.at()));
            ps.setString(2, e.requestId());
            ps.setString(3, e.principal());
            ps.setString(4, e.accessKeyId());
            ps.setString(5, e.action());
            ps.setString(6, e.resource());
            ps.setString(7, e.allowed() ? "Allowed" : "Denied");
            ps.setString(8, e.sourceIp());
            ps.setString(9, e.errorCode());
            ps.executeUpdate();
        }
    }

    /** Makes the partition of a day if there is none (the parent's trigger keeps it append-only). */
    public void ensureDay(LocalDate day) {
        String name = "audit_event_" + DAY.format(day);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + name + " PARTITION OF audit_event FOR VALUES FROM ('" + day
                    + "T00:00:00Z') TO ('" + day.plusDays(1) + "T00:00:00Z')");
        } catch (SQLException e) {
            // another node made it at the same moment
            if (!"42P07".equals(e.getSQLState()) && !"23505".equals(e.getSQLState())) {
                throw new StorageException(e);
            }
        }
    }

    /** Drops the partitions of days entirely before {@code oldestKept}; returns how many. */
    public int dropDaysBefore(LocalDate oldestKept) {
        List<String> old = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT child.relname FROM pg_inherits i"
                    + " JOIN pg_class parent ON parent.oid = i.inhparent JOIN pg_class child ON child.oid = i.inhrelid"
                    + " WHERE parent.relname = 'audit_event'"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    LocalDate day = LocalDate.parse(name.substring("audit_event_".length()), DAY);
                    if (day.isBefore(oldestKept)) {
                        old.add(name);
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                for (String name : old) {
                    s.execute("DROP TABLE IF EXISTS " + name);
                }
            }
        } catch (SQLException e) {
            throw new StorageException(e);
        }
        return old.size();
    }
}
