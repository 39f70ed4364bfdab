package io.jynamo.ejb.security;

import io.jynamo.ejb.schema.Datasource;
import io.jynamo.ejb.storage.Jdbc;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

    /**
     * Temporary credentials, found by the SHA-256 of their session token: a user's (GetSessionToken), or a session of
     * a role (AssumeRole) with its name, its session policies (inline, and managed by ARN; null and empty if none)
     * and whether a role session assumed it.
     */
    public record StoredSession(String accessKeyId, String secret, Instant expires, User user, Role role,
                                String sessionName, String sessionPolicy, List<String> sessionPolicyArns,
                                boolean chained) {
        @Override
        public String toString() {
            return "StoredSession[" + accessKeyId + "]";
        }
    }

    public Optional<StoredSession> session(byte[] tokenSha256) {
        return query("SELECT s.access_key_id, s.secret, s.expires_at, s.session_name, s.session_policy, s.chained,"
                + " u.id, u.name, u.path, u.created_at, " + ROLE_COLUMNS + ", s.session_policy_arns FROM sts_session s"
                + " LEFT JOIN iam_user u ON u.id = s.user_id LEFT JOIN iam_role r ON r.id = s.role_id"
                + " WHERE s.token_sha256 = ?", ps -> ps.setBytes(1, tokenSha256), rs -> {
                    java.sql.Array arns = rs.getArray(20);
                    return new StoredSession(rs.getString(1), cipher.decrypt(rs.getBytes(2)),
                            rs.getTimestamp(3).toInstant(), rs.getString(7) == null ? null : user(rs, 7),
                            rs.getString(11) == null ? null : role(rs, 11), rs.getString(4), rs.getString(5),
                            arns == null ? List.of() : List.of((String[]) arns.getArray()), rs.getBoolean(6));
                }).stream().findFirst();
    }

    /** Records temporary credentials of a user ({@code roleId} null) or of a role's session. */
    public void addSession(byte[] tokenSha256, String accessKeyId, String secret, String userId, String roleId,
                           String sessionName, String sessionPolicy, List<String> sessionPolicyArns, boolean chained,
                           Instant expires) {
        update("INSERT INTO sts_session (token_sha256, access_key_id, secret, user_id, role_id, session_name,"
                + " session_policy, chained, expires_at, session_policy_arns) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ps -> {
                    ps.setBytes(1, tokenSha256);
                    ps.setString(2, accessKeyId);
                    ps.setBytes(3, cipher.encrypt(secret));
                    ps.setString(4, userId);
                    ps.setString(5, roleId);
                    ps.setString(6, sessionName);
                    ps.setString(7, sessionPolicy);
                    ps.setBoolean(8, chained);
                    ps.setTimestamp(9, Timestamp.from(expires));
                    if (sessionPolicyArns.isEmpty()) {
                        ps.setNull(10, java.sql.Types.ARRAY);
                    } else {
                        ps.setArray(10, ps.getConnection().createArrayOf("text", sessionPolicyArns.toArray()));
                    }
                });
    }

    /** Forgets temporary credentials that expired before {@code before}; returns how many. */
    public int deleteSessionsExpiredBefore(Instant before) {
        return update("DELETE FROM sts_session WHERE expires_at < ?", ps -> ps.setTimestamp(1, Timestamp.from(before)));
    }

    public List<User> users(String pathPrefix) {
        return query("SELECT id, name, path, created_at FROM iam_user WHERE path LIKE ? ORDER BY lower(name)",
                ps -> ps.setString(1, like(pathPrefix)), rs -> user(rs, 1));
    }

    public void deleteUser(String userId) {
        update("DELETE FROM sts_session WHERE user_id = ?", ps -> ps.setString(1, userId));
        update("DELETE FROM iam_user WHERE id = ?", ps -> ps.setString(1, userId));
    }

    /** What stands in the way of deleting a user, in the order IAM reports it; null when nothing does. */
    public String userDeleteConflict(String userId) {
        return firstBlocker(userId,
                new Blocker("iam_access_key", "user_id", "Cannot delete entity, must delete access keys first."),
                new Blocker("iam_user_policy", "user_id", "Cannot delete entity, must delete policies first."),
                new Blocker("iam_user_attachment", "user_id", "Cannot delete entity, must detach all policies first."),
                new Blocker("iam_group_member", "user_id", "Cannot delete entity, must remove users from group first."));
    }

    public void setKeyStatus(String accessKeyId, boolean active) {
        update("UPDATE iam_access_key SET status = ? WHERE id = ?", ps -> {
            ps.setString(1, active ? "Active" : "Inactive");
            ps.setString(2, accessKeyId);
        });
    }

    public void deleteKey(String accessKeyId) {
        update("DELETE FROM iam_access_key WHERE id = ?", ps -> ps.setString(1, accessKeyId));
    }

    /** When, for what and where a key last signed a request; null members when never. */
    public record LastUse(User user, Instant at, String service, String region) { }

    public Optional<LastUse> lastUse(String accessKeyId) {
        return query("SELECT u.id, u.name, u.path, u.created_at, k.last_used_at, k.last_used_service,"
                + " k.last_used_region FROM iam_access_key k JOIN iam_user u ON u.id = k.user_id WHERE k.id = ?",
                ps -> ps.setString(1, accessKeyId), rs -> new LastUse(user(rs, 1), rs.getTimestamp(5) == null ? null
                        : rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7))).stream().findFirst();
    }

    // ---- groups -------------------------------------------------------------------------------------------------

    /** A group of users. */
    public record Group(String id, String name, String path, Instant createdAt) { }

    public Optional<Group> groupByName(String name) {
        return query("SELECT id, name, path, created_at FROM iam_group WHERE lower(name) = lower(?)",
                ps -> ps.setString(1, name), IdentityStore::group).stream().findFirst();
    }

    public Group createGroup(String id, String name, String path, Instant now) {
        update("INSERT INTO iam_group (id, name, path, created_at) VALUES (?, ?, ?, ?)", ps -> {
            ps.setString(1, id);
            ps.setString(2, name);
            ps.setString(3, path);
            ps.setTimestamp(4, Timestamp.from(now));
        });
        return new Group(id, name, path, now);
    }

    public List<Group> groups(String pathPrefix) {
        return query("SELECT id, name, path, created_at FROM iam_group WHERE path LIKE ? ORDER BY lower(name)",
                ps -> ps.setString(1, like(pathPrefix)), IdentityStore::group);
    }

    public List<Group> groupsOf(String userId) {
        return query("SELECT g.id, g.name, g.path, g.created_at FROM iam_group g JOIN iam_group_member m"
                + " ON m.group_id = g.id WHERE m.user_id = ? ORDER BY lower(g.name)", ps -> ps.setString(1, userId),
                IdentityStore::group);
    }

    public List<User> members(String groupId) {
        return query("SELECT u.id, u.name, u.path, u.created_at FROM iam_user u JOIN iam_group_member m"
                + " ON m.user_id = u.id WHERE m.group_id = ? ORDER BY lower(u.name)", ps -> ps.setString(1, groupId),
                rs -> user(rs, 1));
    }

    public void addMember(String groupId, String userId) {
        update("INSERT INTO iam_group_member (group_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING", ps -> {
            ps.setString(1, groupId);
            ps.setString(2, userId);
        });
    }

    public void removeMember(String groupId, String userId) {
        update("DELETE FROM iam_group_member WHERE group_id = ? AND user_id = ?", ps -> {
            ps.setString(1, groupId);
            ps.setString(2, userId);
        });
    }

    public String groupDeleteConflict(String groupId) {
        return firstBlocker(groupId,
                new Blocker("iam_group_member", "group_id", "Cannot delete entity, must remove users from group first."),
                new Blocker("iam_group_policy", "group_id", "Cannot delete entity, must delete policies first."),
                new Blocker("iam_group_attachment", "group_id", "Cannot delete entity, must detach all policies first."));
    }

    public void deleteGroup(String groupId) {
        update("DELETE FROM iam_group WHERE id = ?", ps -> ps.setString(1, groupId));
    }

    // ---- inline policies (of a user or a group) ---------------------------------------------------------------

    /**
     * Who policies belong to, and where their inline policies ({@code iam_user_policy} by user id, ...) and their
     * attachments of managed policies ({@code iam_user_attachment}, ...) are kept.
     */
    public enum Owner {
        USER("iam_user_policy", "iam_user_attachment", "user_id"),
        GROUP("iam_group_policy", "iam_group_attachment", "group_id"),
        ROLE("iam_role_policy", "iam_role_attachment", "role_id");

        private final String table;
        private final String attachments;
        private final String column;

        Owner(String table, String attachments, String column) {
            this.table = table;
            this.attachments = attachments;
            this.column = column;
        }
    }

    public void putPolicy(Owner owner, String ownerId, String name, String document) {
        update("INSERT INTO " + owner.table + " (" + owner.column + ", name, document) VALUES (?, ?, ?)"
                + " ON CONFLICT (" + owner.column + ", name) DO UPDATE SET document = excluded.document", ps -> {
                    ps.setString(1, ownerId);
                    ps.setString(2, name);
                    ps.setString(3, document);
                });
    }

    public Optional<String> policy(Owner owner, String ownerId, String name) {
        return query("SELECT document FROM " + owner.table + " WHERE " + owner.column + " = ? AND name = ?", ps -> {
            ps.setString(1, ownerId);
            ps.setString(2, name);
        }, rs -> rs.getString(1)).stream().findFirst();
    }

    /** The inline policies' names and documents, by name. */
    public Map<String, String> policies(Owner owner, String ownerId) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        query("SELECT name, document FROM " + owner.table + " WHERE " + owner.column + " = ? ORDER BY name",
                ps -> ps.setString(1, ownerId), rs -> out.put(rs.getString(1), rs.getString(2)));
        return out;
    }

    public boolean deletePolicy(Owner owner, String ownerId, String name) {
        return update("DELETE FROM " + owner.table + " WHERE " + owner.column + " = ? AND name = ?", ps -> {
            ps.setString(1, ownerId);
            ps.setString(2, name);
        }) > 0;
    }

    // ---- managed policies -----------------------------------------------------------------------------------

    /** A managed policy of the account. */
    public record ManagedPolicy(String id, String name, String path, String description, String document,
                                Instant createdAt, Instant updatedAt, int attachments) { }

    private static final String MANAGED = "SELECT p.id, p.name, p.path, p.description, p.document, p.created_at,"
            + " p.updated_at, (SELECT count(*) FROM iam_user_attachment a WHERE a.policy_id = p.id)"
            + " + (SELECT count(*) FROM iam_group_attachment a WHERE a.policy_id = p.id)"
            + " + (SELECT count(*) FROM iam_role_attachment a WHERE a.policy_id = p.id) FROM iam_managed_policy p";

    public ManagedPolicy createManaged(String id, String name, String path, String description, String document,
                                       Instant now) {
        update("INSERT INTO iam_managed_policy (id, name, path, description, document, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", ps -> {
                    ps.setString(1, id);
                    ps.setString(2, name);
                    ps.setString(3, path);
                    ps.setString(4, description);
                    ps.setString(5, document);
                    ps.setTimestamp(6, Timestamp.from(now));
                    ps.setTimestamp(7, Timestamp.from(now));
                });
        return new ManagedPolicy(id, name, path, description, document, now, now, 0);
    }

    /** The managed policy of that name and path (its ARN names both). */
    public Optional<ManagedPolicy> managed(String path, String name) {
        return query(MANAGED + " WHERE lower(p.name) = lower(?) AND p.path = ?", ps -> {
            ps.setString(1, name);
            ps.setString(2, path);
        }, IdentityStore::managed).stream().findFirst();
    }

    /** The managed policy of the account an ARN names, its name spelt as stored; empty when there is none. */
    public Optional<ManagedPolicy> managedByArn(String accountId, String arn) {
        String prefix = "arn:aws:iam::" + accountId + ":policy";
        if (!arn.startsWith(prefix + "/")) {
            return Optional.empty();
        }
        String pathAndName = arn.substring(prefix.length());
        int slash = pathAndName.lastIndexOf('/');
        String name = pathAndName.substring(slash + 1);
        return managed(pathAndName.substring(0, slash + 1), name).filter(m -> m.name().equals(name));
    }

    public Optional<ManagedPolicy> managedByName(String name) {
        return query(MANAGED + " WHERE lower(p.name) = lower(?)", ps -> ps.setString(1, name), IdentityStore::managed)
                .stream().findFirst();
    }

    public List<ManagedPolicy> managedPolicies(String pathPrefix) {
        return query(MANAGED + " WHERE p.path LIKE ? ORDER BY lower(p.name)", ps -> ps.setString(1, like(pathPrefix)),
                IdentityStore::managed);
    }

    public void deleteManaged(String id) {
        update("DELETE FROM iam_managed_policy WHERE id = ?", ps -> ps.setString(1, id));
    }

    public void attach(Owner owner, String ownerId, String policyId) {
        update("INSERT INTO " + owner.attachments + " (" + owner.column + ", policy_id) VALUES (?, ?)"
                + " ON CONFLICT DO NOTHING", ps -> {
                    ps.setString(1, ownerId);
                    ps.setString(2, policyId);
                });
    }

    public boolean detach(Owner owner, String ownerId, String policyId) {
        return update("DELETE FROM " + owner.attachments + " WHERE " + owner.column + " = ? AND policy_id = ?", ps -> {
            ps.setString(1, ownerId);
            ps.setString(2, policyId);
        }) > 0;
    }

    public List<ManagedPolicy> attached(Owner owner, String ownerId) {
        return query(MANAGED + " JOIN " + owner.attachments + " x ON x.policy_id = p.id WHERE x." + owner.column
                + " = ? ORDER BY lower(p.name)", ps -> ps.setString(1, ownerId), IdentityStore::managed);
    }

    private static ManagedPolicy managed(ResultSet rs) throws SQLException {
        return new ManagedPolicy(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant(), rs.getInt(8));
    }

    private static Group group(ResultSet rs) throws SQLException {
        return new Group(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant());
    }

    /** A LIKE pattern for a path prefix (IAM's paths hold no LIKE wildcards but "_" might: escaped). */
    private static String like(String prefix) {
        return (prefix == null ? "/" : prefix).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** Rows of {@code table} whose {@code column} is an entity's id keep it from being deleted, IAM says why. */
    private record Blocker(String table, String column, String message) { }

    /** The message of the first blocker that has rows for the entity; null when none has. */
    private String firstBlocker(String id, Blocker... blockers) {
        for (Blocker b : blockers) {
            boolean any = query("SELECT EXISTS (SELECT 1 FROM " + b.table() + " WHERE " + b.column() + " = ?)",
                    ps -> ps.setString(1, id), rs -> rs.getBoolean(1)).get(0);
            if (any) {
                return b.message();
            }
        }
        return null;
    }

    /** A policy document that applies to a user, and whether it is a managed policy (whose rules differ). */
    public record AppliedPolicy(String document, boolean managed) { }

    /**
     * Every policy that applies to the user: its inline policies and attached managed policies, and those of its
     * groups.
     */
    public List<AppliedPolicy> policiesOf(String userId) {
        return query("SELECT document, false FROM iam_user_policy WHERE user_id = ?"
                + " UNION ALL SELECT p.document, true FROM iam_user_attachment a JOIN iam_managed_policy p"
                + " ON p.id = a.policy_id WHERE a.user_id = ?"
                + " UNION ALL SELECT g.document, false FROM iam_group_member m JOIN iam_group_policy g"
                + " ON g.group_id = m.group_id WHERE m.user_id = ?"
                + " UNION ALL SELECT p.document, true FROM iam_group_member m JOIN iam_group_attachment a"
                + " ON a.group_id = m.group_id JOIN iam_managed_policy p ON p.id = a.policy_id WHERE m.user_id = ?",
                ps -> {
                    for (int i = 1; i <= 4; i++) {
                        ps.setString(i, userId);
                    }
                }, rs -> new AppliedPolicy(rs.getString(1), rs.getBoolean(2)));
    }

    /** Every policy that applies to a role's sessions: its inline policies and attached managed policies. */
    public List<AppliedPolicy> policiesOfRole(String roleId) {
        return query("SELECT document, false FROM iam_role_policy WHERE role_id = ?"
                + " UNION ALL SELECT p.document, true FROM iam_role_attachment a JOIN iam_managed_policy p"
                + " ON p.id = a.policy_id WHERE a.role_id = ?", ps -> {
                    ps.setString(1, roleId);
                    ps.setString(2, roleId);
                }, rs -> new AppliedPolicy(rs.getString(1), rs.getBoolean(2)));
    }

    // ---- roles --------------------------------------------------------------------------------------------------

    /** A role: who may assume it (its trust policy), for how long at most, and when a session last used it. */
    public record Role(String id, String name, String path, String trustPolicy, String description,
                       int maxSessionSeconds, Instant createdAt, Instant lastUsedAt, String lastUsedRegion) { }

    private static final String ROLE_COLUMNS = "r.id, r.name, r.path, r.trust_policy, r.description,"
            + " r.max_session_seconds, r.created_at, r.last_used_at, r.last_used_region";

    public Optional<Role> roleByName(String name) {
        return query("SELECT " + ROLE_COLUMNS + " FROM iam_role r WHERE lower(r.name) = lower(?)",
                ps -> ps.setString(1, name), rs -> role(rs, 1)).stream().findFirst();
    }

    public Role createRole(String id, String name, String path, String trustPolicy, String description,
                           int maxSessionSeconds, Instant now) {
        update("INSERT INTO iam_role (id, name, path, trust_policy, description, max_session_seconds, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", ps -> {
                    ps.setString(1, id);
                    ps.setString(2, name);
                    ps.setString(3, path);
                    ps.setString(4, trustPolicy);
                    ps.setString(5, description);
                    ps.setInt(6, maxSessionSeconds);
                    ps.setTimestamp(7, Timestamp.from(now));
                });
        return new Role(id, name, path, trustPolicy, description, maxSessionSeconds, now, null, null);
    }

    public List<Role> roles(String pathPrefix) {
        return query("SELECT " + ROLE_COLUMNS + " FROM iam_role r WHERE r.path LIKE ? ORDER BY lower(r.name)",
                ps -> ps.setString(1, like(pathPrefix)), rs -> role(rs, 1));
    }

    public void setTrustPolicy(String roleId, String document) {
        update("UPDATE iam_role SET trust_policy = ? WHERE id = ?", ps -> {
            ps.setString(1, document);
            ps.setString(2, roleId);
        });
    }

    /** UpdateRole: a new description and maximum session duration, each kept when null. */
    public void updateRole(String roleId, String description, Integer maxSessionSeconds) {
        update("UPDATE iam_role SET description = coalesce(?, description),"
                + " max_session_seconds = coalesce(?, max_session_seconds) WHERE id = ?", ps -> {
                    ps.setString(1, description);
                    ps.setObject(2, maxSessionSeconds);
                    ps.setString(3, roleId);
                });
    }

    /** Records that a session of the role signed a request, unless one did less than a minute ago. */
    public void markRoleUsed(String roleId, String region, Instant now) {
        update("UPDATE iam_role SET last_used_at = ?, last_used_region = ? WHERE id = ?"
                + " AND (last_used_at IS NULL OR last_used_at < ?)", ps -> {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setString(2, region);
                    ps.setString(3, roleId);
                    ps.setTimestamp(4, Timestamp.from(now.minusSeconds(60)));
                });
    }

    /** What stands in the way of deleting a role, in the order IAM reports it; null when nothing does. */
    public String roleDeleteConflict(String roleId) {
        return firstBlocker(roleId,
                new Blocker("iam_role_attachment", "role_id", "Cannot delete entity, must detach all policies first."),
                new Blocker("iam_role_policy", "role_id", "Cannot delete entity, must delete policies first."));
    }

    /** Deletes the role; its sessions end with it. */
    public void deleteRole(String roleId) {
        update("DELETE FROM iam_role WHERE id = ?", ps -> ps.setString(1, roleId));
    }

    static Role role(ResultSet rs, int from) throws SQLException {
        Timestamp used = rs.getTimestamp(from + 7);
        return new Role(rs.getString(from), rs.getString(from + 1), rs.getString(from + 2), rs.getString(from + 3),
                rs.getString(from + 4), rs.getInt(from + 5), rs.getTimestamp(from + 6).toInstant(),
                used == null ? null : used.toInstant(), rs.getString(from + 8));
    }

    static User user(ResultSet rs, int from) throws SQLException {
        return new User(rs.getString(from), rs.getString(from + 1), rs.getString(from + 2),
                rs.getTimestamp(from + 3).toInstant());
    }

    // ---- JDBC plumbing ----------------------------------------------------------------------------------------

    <T> List<T> query(String sql, Jdbc.Binder binder, Jdbc.RowReader<T> reader) {
        return Jdbc.query(dataSource, sql, binder, reader);
    }

    int update(String sql, Jdbc.Binder binder) {
        return Jdbc.update(dataSource, sql, binder);
    }
}
