package io.jynamo.ejb.stream;

import io.jynamo.ejb.schema.Datasource;
import io.jynamo.ejb.storage.StorageException;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Gives committed stream records their sequence numbers.
 *
 * <p>Records cannot be numbered as they are written: transactions commit in another order than they start, so a
 * reader who had read up to number 11 could later see a record numbered 10 commit, and miss it. Instead a record gets
 * its number after it has committed, from whoever reads the stream next: the numbers go to committed records only, in
 * increasing order, so a reader never finds a record behind its position. Records committed together are numbered in
 * the order they were written; two changes of one item are always ordered right, because the second is written only
 * after the first committed (the item's lock orders them).
 *
 * <p>One sequencer per stream at a time, on any node (an advisory lock, tried: whoever does not get it reads what is
 * numbered so far, and the next read sees the rest).
 */
@Stateless
public class StreamSequencer {
    /** Records numbered per round, so that a round stays short. */
    static final int BATCH = 10_000;

    private static final String LOCK = "SELECT pg_try_advisory_xact_lock(?, ?)";
    private static final String NUMBER = "WITH pending AS ("
            + " SELECT id, created_at, row_number() OVER (ORDER BY created_at, id) AS n FROM ("
            + "  SELECT id, created_at FROM stream_record WHERE stream_id = ? AND sequence IS NULL"
            + "  ORDER BY created_at, id LIMIT " + BATCH + ") oldest),"
            + " base AS (SELECT last_sequence FROM stream WHERE id = ?),"
            + " numbered AS (UPDATE stream_record r SET sequence = (SELECT last_sequence FROM base) + p.n"
            + "  FROM pending p WHERE r.stream_id = ? AND r.created_at = p.created_at AND r.id = p.id"
            + "  RETURNING r.sequence)"
            + " UPDATE stream SET last_sequence = last_sequence + (SELECT count(*) FROM numbered) WHERE id = ?"
            + " RETURNING (SELECT count(*) FROM numbered)";

    @Resource(lookup = Datasource.JNDI_NAME)
    private DataSource dataSource;

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
            try (PreparedStatement ps = c.prepareStatement(NUMBER)) {
                ps.setLong(1, streamId);
                ps.setLong(2, streamId);
                ps.setLong(3, streamId);
                ps.setLong(4, streamId);
                ps.executeQuery().close();
            }
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }
}
