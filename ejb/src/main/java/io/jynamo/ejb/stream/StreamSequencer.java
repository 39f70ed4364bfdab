package io.jynamo.ejb.stream;

import io.jynamo.ejb.schema.Datasource;
import io.jynamo.ejb.storage.StorageException;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Gives committed stream records their sequence numbers.
 *
 * <p>Records cannot be numbered as they are written: transactions commit in another order than they start, so a
 * reader who had read up to number 11 could later see a record numbered 10 commit, and miss it. Instead a record gets
 * its number after it has committed, from whoever reads the stream next: the numbers go to committed records only, in
 * increasing order, so a reader never finds a record behind its position. Records are numbered in the order they were
 * inserted (their identity); two changes of one item are always in the right order, because the second is written
 * only after the first committed (the item's lock orders them).
 *
 * <p>One sequencer per stream at a time, on any node (an advisory lock, tried: whoever does not get it reads what is
 * numbered so far, and the next read sees the rest). Numbering is best effort for a reader: if it cannot be done
 * now (the trim job holds the record table, say), the reader reads what is numbered.
 */
@Stateless
public class StreamSequencer {
    /** Records numbered per round by a reader, so that a round stays short. */
    static final int BATCH = 10_000;

    private static final String LOCK = "SELECT pg_try_advisory_xact_lock(?, ?)";
    /** SQLSTATEs of a round that met the trim job's lock or a deadlock: it is simply not done now. */
    private static final List<String> NOT_NOW = List.of("55P03", "40P01", "40001");

    @Resource(lookup = Datasource.JNDI_NAME)
    private DataSource dataSource;

    @Resource
    private SessionContext context;

    /** Numbers the stream's committed records that have no number yet, unless another node is doing so. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void sequence(long streamId) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement lock = c.prepareStatement(LOCK)) {
                // the two-key form of advisory locks is a space of its own, apart from the item locks
                lock.setInt(1, (int) (streamId >>> 32));
                lock.setInt(2, (int) streamId);
                try (ResultSet rs = lock.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        return;
                    }
                }
            }
            number(c, streamId, BATCH);
        } catch (SQLException e) {
            if (NOT_NOW.contains(e.getSQLState())) {
                context.setRollbackOnly();
                return;
            }
            throw new StorageException(e);
        }
    }

    /**
     * Numbers up to {@code limit} (0: all) of the stream's unnumbered records, oldest first, on the caller's
     * connection and in its transaction; the caller holds the stream's sequencing lock, or the record table.
     */
    static void number(Connection c, long streamId, int limit) throws SQLException {
        String sql = "WITH pending AS ("
                + " SELECT id, created_at, row_number() OVER (ORDER BY id) AS n FROM ("
                + "  SELECT id, created_at FROM stream_record WHERE stream_id = ? AND sequence IS NULL"
                + "  ORDER BY id" + (limit > 0 ? " LIMIT " + limit : "") + ") oldest),"
                + " base AS (SELECT last_sequence FROM stream WHERE id = ?),"
                + " numbered AS (UPDATE stream_record r SET sequence = (SELECT last_sequence FROM base) + p.n"
                + "  FROM pending p WHERE r.stream_id = ? AND r.created_at = p.created_at AND r.id = p.id"
                + "  RETURNING r.sequence)"
                // never below a number given out, even if a pending record vanished meanwhile; nothing to write
                // when nothing was numbered
                + " UPDATE stream SET last_sequence = greatest(last_sequence, (SELECT max(sequence) FROM numbered))"
                + " WHERE id = ? AND EXISTS (SELECT 1 FROM numbered)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, streamId);
            ps.setLong(2, streamId);
            ps.setLong(3, streamId);
            ps.setLong(4, streamId);
            ps.executeUpdate();
        }
    }
}
