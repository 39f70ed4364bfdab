package io.jynamo.ejb.storage;

import io.jynamo.ejb.schema.Datasource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The locks that tell DynamoDB's transactions and single-item writes apart: PostgreSQL advisory locks held until the
 * database transaction ends, one per item. Row locks cannot do this job: an item that does not exist yet has no row
 * to lock, and a row lock does not say whether a transaction or a single write holds it.
 *
 * <p>DynamoDB does not make a request wait for a transaction in progress on an item; it refuses one of them with a
 * transaction conflict. So every lock here is tried, never waited for, and none can deadlock:
 * <ul>
 * <li>a single-item write (PutItem, UpdateItem, DeleteItem, each write of a BatchWriteItem) takes its item's lock
 *     shared: single writes do not conflict with each other (row locks order them), but none starts on an item a
 *     transaction is writing;</li>
 * <li>TransactWriteItems takes its items' locks exclusive: it conflicts with another transaction and with a single
 *     write in progress on any of its items. Once it holds them, no other writer touches its items' rows.</li>
 * </ul>
 * TransactGetItems takes none: it reads all its items in one statement, hence one snapshot, which never shows part
 * of a transaction (see TransactionService).
 *
 * <p>A lock is named by 64 bits of SHA-256 over the item's table and key ({@link ItemRef#lockKey}). A collision
 * between two items can only make unrelated requests conflict, never let conflicting ones through.
 */
@ApplicationScoped
public class ItemLocks {
    /** Every lock is tried, in the order given, even after one is refused: the caller reports each refusal. */
    private static final String TRY_SHARED = "SELECT pg_try_advisory_xact_lock_shared(k) "
            + "FROM unnest(?::bigint[]) WITH ORDINALITY AS u(k, n) ORDER BY n";
    private static final String TRY_EXCLUSIVE = "SELECT pg_try_advisory_xact_lock(k) "
            + "FROM unnest(?::bigint[]) WITH ORDINALITY AS u(k, n) ORDER BY n";

    @Resource(lookup = Datasource.JNDI_NAME)
    private DataSource dataSource;

    /** Takes the locks of items about to be written one by one; for each, false when a transaction is writing it. */
    public boolean[] tryForSingleWrites(long... lockKeys) {
        return tryAll(TRY_SHARED, lockKeys);
    }

    /** Takes the locks of a transaction's items; for each, whether no other write had it. */
    public boolean[] tryForTransaction(long... lockKeys) {
        return tryAll(TRY_EXCLUSIVE, lockKeys);
    }

    /**
     * Takes the lock of a ClientRequestToken for the transaction using it; false when another request with the same
     * token is in progress. Tokens and items share the lock space; their keys are hashed apart.
     */
    public boolean tryForToken(String token) {
        return tryAll(TRY_EXCLUSIVE, tokenKey(token))[0];
    }

    private boolean[] tryAll(String sql, long... lockKeys) {
        boolean[] taken = new boolean[lockKeys.length];
        Long[] keys = new Long[lockKeys.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = lockKeys[i];
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("bigint", keys));
            try (ResultSet rs = ps.executeQuery()) {
                for (int i = 0; rs.next(); i++) {
                    taken[i] = rs.getBoolean(1);
                }
            }
        } catch (SQLException e) {
            throw ItemStore.translate(e, null);
        }
        return taken;
    }

    /** A token's lock key: hashed as an item's is, with another first byte. */
    private static long tokenKey(String token) {
        return lockKey((byte) 't', ByteBuffer.wrap(token.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A lock's name: the first 64 bits of SHA-256 over a kind byte ('i' for items, 't' for tokens) and what it
     * locks, so that names of different kinds never coincide but by chance.
     */
    static long lockKey(byte kind, ByteBuffer locked) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(kind);
            digest.update(locked);
            return ByteBuffer.wrap(digest.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
