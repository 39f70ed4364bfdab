package io.jynamo.ejb.security;

import io.jynamo.ejb.schema.Datasource;
import io.jynamo.ejb.storage.StorageException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Users, their access keys and their policies, as rows of the {@code iam_*} tables. Secrets are encrypted on the
 * way in and decrypted on the way out ({@link SecretCipher}); nothing here logs them.
 */
@ApplicationScoped
public class IdentityStore {
    @Resource(lookup = Datasource.JNDI_NAME)
    private DataSource dataSource;

    @Inject
    private SecretCipher cipher;

    /** A user of the account. */
    public record User(String id, String name, String path, Instant createdAt) { }

    /** An access key with its owner; the secret in clear. */
    public record StoredKey(String id, String secret, boolean active, User user) {
        @Override
        public String toString() {
            return "StoredKey[" + id + "]";
        }
    }

    /** What ListAccessKeys shows of a key. */
    public record KeySummary(String id, String userName, boolean active, Instant createdAt) { }

    public Optional<User> userByName(String name) {
        return query("SELECT id, name, path, created_at FROM iam_user WHERE lower(name) = lower(?)", ps -> {
            ps.setString(1, name);
        }, rs -> user(rs, 1)).stream().findFirst();
    }

    public User createUser(String id, String name, String path, Instant now) {
        update("INSERT INTO iam_user (id, name, path, created_at) VALUES (?, ?, ?, ?)", ps -> {
            ps.setString(1, id);
            ps.setString(2, name);
            ps.setString(3, path);
            ps.setTimestamp(4, Timestamp.from(now));
        });
        return new User(id, name, path, now);
    }

    /** The key of that id with its user, or empty. */
    public Optional<StoredKey> key(String accessKeyId) {
        return query("SELECT k.id, k.secret, k.status, u.id, u.name, u.path, u.created_at FROM iam_access_key k"
                + " JOIN iam_user u ON u.id = k.user_id WHERE k.id = ?", ps -> ps.setString(1, accessKeyId),
                rs -> new StoredKey(rs.getString(1), cipher.decrypt(rs.getBytes(2)), "Active".equals(rs.getString(3)),
                        user(rs, 4))).stream().findFirst();
    }

    public void addKey(String userId, String accessKeyId, String secret, Instant now) {
        update("INSERT INTO iam_access_key (id, user_id, secret, status, created_at) VALUES (?, ?, ?, 'Active', ?)",
                ps -> {
                    ps.setString(1, accessKeyId);
                    ps.setString(2, userId);
                    ps.setBytes(3, cipher.encrypt(secret));
                    ps.setTimestamp(4, Timestamp.from(now));
                });
    }

    /** Gives an existing key a new secret and makes it active (the bootstrap administrator's, from configuration). */
    public void resetKey(String accessKeyId, String secret) {
        update("UPDATE iam_access_key SET secret = ?, status = 'Active' WHERE id = ?", ps -> {
            ps.setBytes(1, cipher.encrypt(secret));
            ps.setString(2, accessKeyId);
        });
    }

    public List<KeySummary> keys(User user) {
        return query("SELECT id, status, created_at FROM iam_access_key WHERE user_id = ? ORDER BY created_at, id",
                ps -> ps.setString(1, user.id()), rs -> new KeySummary(rs.getString(1), user.name(),
                        "Active".equals(rs.getString(2)), rs.getTimestamp(3).toInstant()));
    }

    /** Records that a key signed a request, unless it did so less than a minute ago. */
    public void markUsed(String accessKeyId, String service, String region, Instant now) {
        update("UPDATE iam_access_key SET last_used_at = ?, last_used_service = ?, last_used_region = ? WHERE id = ?"
                + " AND (last_used_at IS NULL OR last_used_at < ?)", ps -> {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setString(2, service);
                    ps.setString(3, region);
                    ps.setString(4, accessKeyId);
                    ps.setTimestamp(5, Timestamp.from(now.minusSeconds(60)));
                });
    }

    /** Temporary credentials issued to a user, found by the SHA-256 of their session token. */
    public record StoredSession(String accessKeyId, String secret, Instant expires, User user) {
        @Override
        public String toString() {
            return "StoredSession[" + accessKeyId + "]";
        }
    }

    public Optional<StoredSession> session(byte[] tokenSha256) {
        return query("SELECT s.access_key_id, s.secret, s.expires_at, u.id, u.name, u.path, u.created_at"
                + " FROM sts_session s JOIN iam_user u ON u.id = s.user_id WHERE s.token_sha256 = ?",
                ps -> ps.setBytes(1, tokenSha256), rs -> new StoredSession(rs.getString(1),
                        cipher.decrypt(rs.getBytes(2)), rs.getTimestamp(3).toInstant(), user(rs, 4)))
                .stream().findFirst();
    }

    public void addSession(byte[] tokenSha256, String accessKeyId, String secret, String userId, Instant expires) {
        update("INSERT INTO sts_session (token_sha256, access_key_id, secret, user_id, expires_at)"
                + " VALUES (?, ?, ?, ?, ?)", ps -> {
                    ps.setBytes(1, tokenSha256);
                    ps.setString(2, accessKeyId);
                    ps.setBytes(3, cipher.encrypt(secret));
                    ps.setString(4, userId);
                    ps.setTimestamp(5, Timestamp.from(expires));
                });
    }

    public void putUserPolicy(String userId, String name, String document) {
        update("INSERT INTO iam_user_policy (user_id, name, document) VALUES (?, ?, ?) ON CONFLICT (user_id, name)"
                + " DO UPDATE SET document = excluded.document", ps -> {
                    ps.setString(1, userId);
                    ps.setString(2, name);
                    ps.setString(3, document);
                });
    }

    static User user(ResultSet rs, int from) throws SQLException {
        return new User(rs.getString(from), rs.getString(from + 1), rs.getString(from + 2),
                rs.getTimestamp(from + 3).toInstant());
    }

    // ---- JDBC plumbing ----------------------------------------------------------------------------------------

    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    <T> List<T> query(String sql, Binder binder, RowReader<T> reader) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }

    int update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }
}
