package io.jynamo.ejb.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jynamo.core.json.Json;
import io.jynamo.core.operation.Backups;
import io.jynamo.ejb.schema.Datasource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The backups (rows of {@code backup}) and their copies of items (partitions of {@code backup_item}), in the caller's
 * transaction.
 *
 * <p>A backup's copy is one {@code INSERT ... SELECT} from its table's item partition: one statement reads one MVCC
 * snapshot, so the copy holds exactly the items committed when it started, and writers go on meanwhile (they are not
 * blocked, nor do they block it).
 */
@ApplicationScoped
public class BackupCatalog {
    @Resource(lookup = Datasource.JNDI_NAME)
    private DataSource dataSource;

    /**
     * A stored backup: what the backup operations show, and what a restore needs.
     *
     * @param definition  the source table as a CreateTable request body (see {@link Backups#definition})
     * @param pointInTime the instant a point-in-time restore's own backup holds (type PITR); null for others
     */
    public record Stored(long id, long tableId, Backups.Backup backup, JsonNode definition, Instant pointInTime) {
        /** Whether this is a table's state at an instant, made from its history (never listed). */
        public boolean pointInTimeState() {
            return pointInTime != null;
        }

        /**
         * Whether Jynamo made this backup for its own work (a point-in-time restore's or an export's state, an
         * import's staged items): never listed, and deleted once that work is done.
         */
        public boolean internal() {
            return backup.type().equals(POINT_IN_TIME) || backup.type().equals(IMPORT);
        }
    }

    /** The type of the backups holding a table's state at an instant (point-in-time restores, exports). */
    public static final String POINT_IN_TIME = "PITR";

    /**
     * The type of the backups an import stages its items in: CREATING while its objects are read (backup-create
     * leaves them alone), then AVAILABLE, and restored into the import's table like any backup.
     */
    public static final String IMPORT = "IMPORT";

    private static final String COLUMNS = "id, table_id, arn, name, type, status, created_at, expires_at, item_count,"
            + " size_bytes, table_name, table_arn, source::text, definition::text, point_in_time";

    private long nextId() {
        return Statements.longs(dataSource, "SELECT nextval('backup_seq')").get(0);
    }

    /**
     * Registers a backup of the table as it is now (CREATING, its items to be copied by the backup-create job): its
     * ARN, its definition and source details from the table's description.
     *
     * @param lifetime    how long after its creation a SYSTEM backup expires; null for others
     * @param pointInTime the instant of a point-in-time restore's own backup; null for others
     */
    public Stored register(TableEntity t, io.jynamo.core.table.TableDescription d, String name, String type,
                           java.time.Duration lifetime, Instant pointInTime) {
        Instant now = Instant.now();
        Backups.Backup b = new Backups.Backup(Backups.arn(d.tableArn(), now), name, type, "CREATING", now,
                lifetime == null ? null : now.plus(lifetime), 0, 0, t.getName(), d.tableArn(),
                Backups.source(d, t.isTtlEnabled() ? t.getTtlAttribute() : null));
        long id = nextId();
        JsonNode definition = Backups.definition(d);
        insert(id, t.getId(), b, definition, pointInTime);
        return new Stored(id, t.getId(), b, definition, pointInTime);
    }

    /**
     * Registers a backup (CREATING) and makes the partition its items will be copied into.
     *
     * @param pointInTime the instant of a point-in-time restore's backup; null for others
     */
    private void insert(long id, long tableId, Backups.Backup b, JsonNode definition, Instant pointInTime) {
        String sql = "INSERT INTO backup (id, arn, name, type, status, created_at, expires_at, table_id, table_name,"
                + " table_arn, definition, source, point_in_time)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)";
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, id);
                ps.setString(2, b.arn());
                ps.setString(3, b.name());
                ps.setString(4, b.type());
                ps.setString(5, b.status());
                ps.setTimestamp(6, Timestamp.from(b.createdAt()));
                ps.setTimestamp(7, b.expiresAt() == null ? null : Timestamp.from(b.expiresAt()));
                ps.setLong(8, tableId);
                ps.setString(9, b.tableName());
                ps.setString(10, b.tableArn());
                ps.setString(11, definition.toString());
                ps.setString(12, b.source().toString());
                ps.setTimestamp(13, pointInTime == null ? null : Timestamp.from(pointInTime));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("CREATE TABLE " + partition(id)
                    + " PARTITION OF backup_item FOR VALUES IN (" + id + ")")) {
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw ItemStore.translate(e, null);
        }
    }

    /** The partition of {@code backup_item} holding the backup's items. */
    static String partition(long backupId) {
        return "backup_item_" + backupId;
    }

    /** The backup with this ARN; null when there is none. */
    public Stored find(String arn) {
        return one("SELECT " + COLUMNS + " FROM backup WHERE arn = ?", arn);
    }

    /** The same, its row locked until the transaction ends. */
    public Stored findForUpdate(String arn) {
        return one("SELECT " + COLUMNS + " FROM backup WHERE arn = ? FOR UPDATE", arn);
    }

    /** The backup with this id; null when there is none. */
    public Stored find(long id) {
        return one("SELECT " + COLUMNS + " FROM backup WHERE id = ?", id);
    }

    /** The backup with this id, its row locked until the transaction ends; null when there is none. */
    public Stored lock(long id) {
        return one("SELECT " + COLUMNS + " FROM backup WHERE id = ? FOR UPDATE", id);
    }

    private Stored one(String sql, Object key) {
        List<Stored> found = query(sql, List.of(key));
        return found.isEmpty() ? null : found.get(0);
    }

    /** The ids of the backups still to be copied by backup-create (an import's are filled by the import), oldest first. */
    public List<Long> creating() {
        return Statements.longs(dataSource, "SELECT id FROM backup WHERE status = 'CREATING' AND type <> '" + IMPORT
                + "' ORDER BY id");
    }

    /** When the latest backup of this type of the table (by name) was requested; null when it has none. */
    public Instant lastCreated(String tableName, String type) {
        String sql = "SELECT max(created_at) FROM backup WHERE table_name = ? AND type = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tableName);
            ps.setString(2, type);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Timestamp last = rs.getTimestamp(1);
                return last == null ? null : last.toInstant();
            }
        } catch (SQLException e) {
            throw ItemStore.translate(e, null);
        }
    }

    /** The backups whose expiry has passed. */
    public List<Long> expired(Instant now) {
        return Statements.longs(dataSource, "SELECT id FROM backup WHERE expires_at < ? AND status = 'AVAILABLE'"
                + " ORDER BY id", Timestamp.from(now));
    }

    /** Whether a backup of this table is being created (the table may not be deleted meanwhile). */
    public boolean anyCreating(long tableId) {
        return !Statements.longs(dataSource, "SELECT 1 FROM backup WHERE table_id = ? AND status = 'CREATING' LIMIT 1",
                tableId).isEmpty();
    }

    /** Copies the table's items into the backup, in one statement: one snapshot. */
    public void copy(Stored backup, String itemPartition) {
        String copy = "INSERT INTO " + partition(backup.id()) + " (backup_id, hk, rk, item, item_exact, size)"
                + " SELECT ?, hk, rk, item, item_exact, size FROM " + itemPartition;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(copy)) {
            ps.setLong(1, backup.id());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw ItemStore.translate(e, null);
        }
    }

    /** Makes a backup whose items are copied AVAILABLE, with their count and size. */
    public void available(long id) {
        String done = "UPDATE backup SET status = 'AVAILABLE', item_count = s.n, size_bytes = s.bytes"
                + " FROM (SELECT count(*) AS n, coalesce(sum(size), 0) AS bytes FROM " + partition(id)
                + ") s WHERE id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(done)) {
            ps.setLong(1, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw ItemStore.translate(e, null);
        }
    }

    /** Forgets a backup and drops its items. */
    public void delete(long id) {
        Statements.execute(dataSource, "DELETE FROM backup WHERE id = ?", id);
        Statements.execute(dataSource, "DROP TABLE IF EXISTS " + partition(id));
    }

    /**
     * A page of ListBackups: backups in order of creation (then of id), of one table or all, of the types asked for,
     * requested in [lower, upper), after the backup {@code after} (null: from the first). One more than the limit is
     * read, to tell whether there is a next page.
     */
    public List<Stored> list(Backups.ListRequest r, Stored after) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM backup WHERE true");
        List<Object> args = new ArrayList<>();
        if (r.tableName() != null) {
            sql.append(" AND table_name = ?");
            args.add(r.tableName());
        }
        switch (r.type()) {
            case ALL -> sql.append(" AND type IN ('USER', 'SYSTEM')");
            default -> {
                sql.append(" AND type = ?");
                args.add(r.type().name());
            }
        }
        if (r.lowerBound() != null) {
            sql.append(" AND created_at >= ?");
            args.add(timestamp(r.lowerBound()));
        }
        if (r.upperBound() != null) {
            sql.append(" AND created_at < ?");
            args.add(timestamp(r.upperBound()));
        }
        if (after != null) {
            sql.append(" AND (created_at, id) > (?, ?)");
            args.add(Timestamp.from(after.backup().createdAt()));
            args.add(after.id());
        }
        sql.append(" ORDER BY created_at, id LIMIT ").append(r.limit() + 1);
        return query(sql.toString(), args);
    }

    /** An instant as a bound of a timestamptz comparison, kept within PostgreSQL's range. */
    private static Timestamp timestamp(Instant t) {
        Instant min = Instant.parse("0001-01-01T00:00:00Z");
        Instant max = Instant.parse("9999-12-31T00:00:00Z");
        return Timestamp.from(t.isBefore(min) ? min : t.isAfter(max) ? max : t);
    }

    private List<Stored> query(String sql, List<Object> args) {
        List<Stored> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp expires = rs.getTimestamp(8);
                    Backups.Backup b = new Backups.Backup(rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getTimestamp(7).toInstant(),
                            expires == null ? null : expires.toInstant(), rs.getLong(9), rs.getLong(10),
                            rs.getString(11), rs.getString(12), tree(rs.getString(13)));
                    Timestamp pointInTime = rs.getTimestamp(15);
                    found.add(new Stored(rs.getLong(1), rs.getLong(2), b, tree(rs.getString(14)),
                            pointInTime == null ? null : pointInTime.toInstant()));
                }
            }
        } catch (SQLException e) {
            throw ItemStore.translate(e, null);
        }
        return found;
    }

    private static JsonNode tree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
