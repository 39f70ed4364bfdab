package io.jynamo.ejb.jobs;

import io.jynamo.ejb.schema.Datasource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The log of maintenance job runs (table {@code job_run}): written as each run starts and ends, read by the admin
 * view. Each write commits on its own (jobs run outside any JTA transaction), so a run that dies midway still shows
 * as started.
 */
@ApplicationScoped
public class JobRuns {
    /** Runs kept per job, for operators; older ones are deleted as new ones start. */
    static final int KEPT_PER_JOB = 100;

    @Resource(lookup = Datasource.JNDI_NAME)
    private DataSource dataSource;

    /** One run of a job. */
    public record Run(String jobName, String node, Instant scheduledAt, Instant startedAt, Instant finishedAt,
                      String outcome, String summary) { }

    /** Records the start of a run; returns its id. */
    long started(String jobName, String node, Instant scheduledAt) {
        String sql = "INSERT INTO job_run (job_name, node, scheduled_at, started_at) VALUES (?, ?, ?, clock_timestamp())"
                + " RETURNING id";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, jobName);
            ps.setString(2, node);
            ps.setTimestamp(3, Timestamp.from(scheduledAt));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long id = rs.getLong(1);
                forgetOldRuns(c, jobName);
                return id;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the start of job " + jobName, e);
        }
    }

    /** Records how a run ended. */
    void finished(long runId, boolean ok, String summary) {
        String sql = "UPDATE job_run SET finished_at = clock_timestamp(), outcome = ?, summary = ? WHERE id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, ok ? "OK" : "FAILED");
            ps.setString(2, summary);
            ps.setLong(3, runId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the end of job run " + runId, e);
        }
    }

    /** The latest runs of a job, newest first. */
    public List<Run> latest(String jobName, int count) {
        String sql = "SELECT job_name, node, scheduled_at, started_at, finished_at, outcome, summary FROM job_run"
                + " WHERE job_name = ? ORDER BY started_at DESC LIMIT ?";
        List<Run> runs = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, jobName);
            ps.setInt(2, count);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    runs.add(new Run(rs.getString(1), rs.getString(2), instant(rs.getTimestamp(3)),
                            instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5)), rs.getString(6),
                            rs.getString(7)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the runs of job " + jobName, e);
        }
        return runs;
    }

    private static void forgetOldRuns(Connection c, String jobName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM job_run WHERE job_name = ? AND id <= "
                + "(SELECT id FROM job_run WHERE job_name = ? ORDER BY id DESC OFFSET ? LIMIT 1)")) {
            ps.setString(1, jobName);
            ps.setString(2, jobName);
            ps.setInt(3, KEPT_PER_JOB);
            ps.executeUpdate();
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
