package io.jynamo.ejb.autoscaling;

import io.jynamo.core.autoscaling.ScalableResource;
import io.jynamo.core.autoscaling.ScalableTarget;
import io.jynamo.core.autoscaling.ScalingActivity;
import io.jynamo.core.autoscaling.ScalingPolicy;
import io.jynamo.ejb.schema.Datasource;
import io.jynamo.ejb.storage.Jdbc;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Scalable targets, scaling policies and scaling activities in tables {@code scalable_target}, {@code scaling_policy}
 * and {@code scaling_activity} (see the V019 migration). Statements join the caller's transaction when there is one.
 */
@ApplicationScoped
public class ScalingCatalog {
    private static final String TARGET_COLUMNS = "resource_id, scalable_dimension, min_capacity, max_capacity,"
            + " role_arn, scaling_in_suspended, scaling_out_suspended, scheduled_suspended, created_at, arn";
    private static final String POLICY_COLUMNS = "arn, policy_name, resource_id, scalable_dimension, target_value,"
            + " metric_type, scale_out_cooldown, scale_in_cooldown, disable_scale_in, alarm_id, created_at";

    @Resource(lookup = Datasource.JNDI_NAME)
    private DataSource dataSource;

    private <T> List<T> query(String sql, Jdbc.Binder parameters, Jdbc.RowReader<T> row) {
        return Jdbc.query(dataSource, sql, parameters, row);
    }

    private int update(String sql, Jdbc.Binder parameters) {
        return Jdbc.update(dataSource, sql, parameters);
    }

    /** The target registered for the resource, its row locked until the transaction ends. */
    public Optional<ScalableTarget> targetForUpdate(ScalableResource r) {
        return query("SELECT " + TARGET_COLUMNS + " FROM scalable_target WHERE resource_id = ?"
                + " AND scalable_dimension = ? FOR UPDATE", ps -> key(ps, r, 1), ScalingCatalog::target)
                .stream().findFirst();
    }

    /** @param tagsJson the Tags given at registration, as JSON; null when none */
    public void insertTarget(ScalableTarget t, String tagsJson) {
        update("INSERT INTO scalable_target (resource_id, scalable_dimension, table_name, index_name, min_capacity,"
                + " max_capacity, role_arn, scaling_in_suspended, scaling_out_suspended, scheduled_suspended, arn,"
                + " tags, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)", ps -> {
                    key(ps, t.resource(), 1);
                    ps.setString(3, t.resource().tableName());
                    ps.setString(4, t.resource().indexName());
                    ps.setInt(5, t.minCapacity());
                    ps.setInt(6, t.maxCapacity());
                    ps.setString(7, t.roleArn());
                    ps.setBoolean(8, t.suspended().dynamicScalingIn());
                    ps.setBoolean(9, t.suspended().dynamicScalingOut());
                    ps.setBoolean(10, t.suspended().scheduledScaling());
                    ps.setString(11, t.arn());
                    ps.setString(12, tagsJson);
                    ps.setTimestamp(13, Timestamp.from(t.creationTime()));
                });
    }

    public void updateTarget(ScalableTarget t) {
        update("UPDATE scalable_target SET min_capacity = ?, max_capacity = ?, role_arn = ?,"
                + " scaling_in_suspended = ?, scaling_out_suspended = ?, scheduled_suspended = ?"
                + " WHERE resource_id = ? AND scalable_dimension = ?", ps -> {
                    ps.setInt(1, t.minCapacity());
                    ps.setInt(2, t.maxCapacity());
                    ps.setString(3, t.roleArn());
                    ps.setBoolean(4, t.suspended().dynamicScalingIn());
                    ps.setBoolean(5, t.suspended().dynamicScalingOut());
                    ps.setBoolean(6, t.suspended().scheduledScaling());
                    key(ps, t.resource(), 7);
                });
    }

    /** Deregisters a target and its policies; false when it was not registered. */
    public boolean deleteTarget(ScalableResource r) {
        return update("DELETE FROM scalable_target WHERE resource_id = ? AND scalable_dimension = ?",
                ps -> key(ps, r, 1)) > 0;
    }

    /**
     * Targets in resource and dimension order, {@code limit} of them from {@code offset}.
     *
     * @param resourceIds empty for all; @param dimension null for all
     */
    public List<ScalableTarget> targets(List<String> resourceIds, String dimension, int offset, int limit) {
        return query("SELECT " + TARGET_COLUMNS + " FROM scalable_target WHERE (cardinality(?::text[]) = 0"
                + " OR resource_id = ANY (?::text[])) AND (?::text IS NULL OR scalable_dimension = ?)"
                + " ORDER BY resource_id, scalable_dimension OFFSET ? LIMIT ?", ps -> {
                    java.sql.Array ids = ps.getConnection().createArrayOf("text", resourceIds.toArray());
                    ps.setArray(1, ids);
                    ps.setArray(2, ids);
                    ps.setString(3, dimension);
                    ps.setString(4, dimension);
                    ps.setInt(5, offset);
                    ps.setInt(6, limit);
                }, ScalingCatalog::target);
    }

    /** Every target that has a policy, with its policies. */
    public List<Tracked> tracked() {
        List<ScalingPolicy> policies = query("SELECT " + POLICY_COLUMNS + " FROM scaling_policy"
                + " ORDER BY resource_id, scalable_dimension", ps -> { }, ScalingCatalog::policy);
        List<Tracked> tracked = new ArrayList<>();
        for (ScalableTarget t : targets(List.of(), null, 0, Integer.MAX_VALUE)) {
            List<ScalingPolicy> own = policies.stream().filter(p -> p.resource().equals(t.resource())).toList();
            if (!own.isEmpty()) {
                tracked.add(new Tracked(t, own));
            }
        }
        return tracked;
    }

    /** A target and its policies. */
    public record Tracked(ScalableTarget target, List<ScalingPolicy> policies) { }

    public List<ScalingPolicy> policies(ScalableResource r) {
        return query("SELECT " + POLICY_COLUMNS + " FROM scaling_policy WHERE resource_id = ?"
                + " AND scalable_dimension = ? ORDER BY policy_name", ps -> key(ps, r, 1), ScalingCatalog::policy);
    }

    /**
     * Policies in resource, dimension and name order, {@code limit} of them from {@code offset}.
     *
     * @param names empty for all; @param resourceId null for all; @param dimension null for all
     */
    public List<ScalingPolicy> policies(List<String> names, String resourceId, String dimension, int offset,
                                        int limit) {
        return query("SELECT " + POLICY_COLUMNS + " FROM scaling_policy WHERE (cardinality(?::text[]) = 0"
                + " OR policy_name = ANY (?::text[])) AND (?::text IS NULL OR resource_id = ?)"
                + " AND (?::text IS NULL OR scalable_dimension = ?)"
                + " ORDER BY resource_id, scalable_dimension, policy_name OFFSET ? LIMIT ?", ps -> {
                    java.sql.Array array = ps.getConnection().createArrayOf("text", names.toArray());
                    ps.setArray(1, array);
                    ps.setArray(2, array);
                    ps.setString(3, resourceId);
                    ps.setString(4, resourceId);
                    ps.setString(5, dimension);
                    ps.setString(6, dimension);
                    ps.setInt(7, offset);
                    ps.setInt(8, limit);
                }, ScalingCatalog::policy);
    }

    /** Adds the policy, or replaces the configuration of the target's policy of that name. */
    public void putPolicy(ScalingPolicy p, String alarmId) {
        update("INSERT INTO scaling_policy (" + POLICY_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (resource_id, scalable_dimension, policy_name) DO UPDATE SET"
                + " target_value = excluded.target_value, metric_type = excluded.metric_type,"
                + " scale_out_cooldown = excluded.scale_out_cooldown, scale_in_cooldown = excluded.scale_in_cooldown,"
                + " disable_scale_in = excluded.disable_scale_in", ps -> {
                    ps.setString(1, p.arn());
                    ps.setString(2, p.name());
                    key(ps, p.resource(), 3);
                    ScalingPolicy.TargetTracking c = p.configuration();
                    ps.setDouble(5, c.targetValue());
                    ps.setString(6, c.metricType());
                    ps.setInt(7, c.scaleOutCooldown());
                    ps.setInt(8, c.scaleInCooldown());
                    ps.setBoolean(9, c.disableScaleIn());
                    ps.setString(10, alarmId);
                    ps.setTimestamp(11, Timestamp.from(p.creationTime()));
                });
    }

    /** False when the target has no policy of that name. */
    public boolean deletePolicy(ScalableResource r, String name) {
        return update("DELETE FROM scaling_policy WHERE resource_id = ? AND scalable_dimension = ?"
                + " AND policy_name = ?", ps -> {
                    key(ps, r, 1);
                    ps.setString(3, name);
                }) > 0;
    }

    /**
     * Records an activity.
     *
     * @param direction "out", "in" or "bounds" (see the V019 migration)
     */
    public void addActivity(ScalingActivity a, String direction) {
        update("INSERT INTO scaling_activity (activity_id, resource_id, scalable_dimension, direction, description,"
                + " cause, start_time, end_time, status_code, status_message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ps -> {
                    ps.setString(1, a.activityId());
                    key(ps, a.resource(), 2);
                    ps.setString(4, direction);
                    ps.setString(5, a.description());
                    ps.setString(6, a.cause());
                    ps.setTimestamp(7, Timestamp.from(a.startTime()));
                    ps.setTimestamp(8, a.endTime() == null ? null : Timestamp.from(a.endTime()));
                    ps.setString(9, a.statusCode());
                    ps.setString(10, a.statusMessage());
                });
    }

    /** Activities, newest first, {@code limit} of them from {@code offset}; null resource or dimension: any. */
    public List<ScalingActivity> activities(String resourceId, String dimension, int offset, int limit) {
        return query("SELECT activity_id, resource_id, scalable_dimension, description, cause, start_time, end_time,"
                + " status_code, status_message FROM scaling_activity WHERE (?::text IS NULL OR resource_id = ?)"
                + " AND (?::text IS NULL OR scalable_dimension = ?) ORDER BY start_time DESC, activity_id"
                + " OFFSET ? LIMIT ?", ps -> {
                    ps.setString(1, resourceId);
                    ps.setString(2, resourceId);
                    ps.setString(3, dimension);
                    ps.setString(4, dimension);
                    ps.setInt(5, offset);
                    ps.setInt(6, limit);
                }, rs -> new ScalingActivity(rs.getString(1), resource(rs, 2), rs.getString(4), rs.getString(5),
                        rs.getTimestamp(6).toInstant(), instant(rs.getTimestamp(7)), rs.getString(8),
                        rs.getString(9)));
    }

    /** When the target last scaled in that direction ("out", "in") successfully; null if never. */
    public Instant lastScaled(ScalableResource r, String direction) {
        return query("SELECT max(end_time) FROM scaling_activity WHERE resource_id = ? AND scalable_dimension = ?"
                + " AND direction = ? AND status_code = 'Successful'", ps -> {
                    key(ps, r, 1);
                    ps.setString(3, direction);
                }, rs -> instant(rs.getTimestamp(1))).get(0);
    }

    /** Deletes activities older than {@code before}; how many. */
    public int forgetActivities(Instant before) {
        return update("DELETE FROM scaling_activity WHERE start_time < ?",
                ps -> ps.setTimestamp(1, Timestamp.from(before)));
    }

    private static void key(PreparedStatement ps, ScalableResource r, int first) throws SQLException {
        ps.setString(first, r.resourceId());
        ps.setString(first + 1, r.dimension());
    }

    private static ScalableResource resource(ResultSet rs, int first) throws SQLException {
        return ScalableResource.parse(ScalableResource.NAMESPACE, rs.getString(first), rs.getString(first + 1));
    }

    private static ScalableTarget target(ResultSet rs) throws SQLException {
        return new ScalableTarget(resource(rs, 1), rs.getInt(3), rs.getInt(4), rs.getString(5),
                new ScalableTarget.Suspension(rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8)),
                rs.getTimestamp(9).toInstant(), rs.getString(10));
    }

    private static ScalingPolicy policy(ResultSet rs) throws SQLException {
        ScalableResource r = resource(rs, 3);
        return new ScalingPolicy(rs.getString(1), rs.getString(2), r, new ScalingPolicy.TargetTracking(
                rs.getDouble(5), rs.getString(6), rs.getInt(7), rs.getInt(8), rs.getBoolean(9)),
                ScalingPolicy.alarmNames(r, rs.getString(10), rs.getBoolean(9)), rs.getTimestamp(11).toInstant());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
