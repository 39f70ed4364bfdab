package io.jynamo.ejb.storage;

import io.jynamo.ejb.schema.Datasource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Secret keys every node of the cluster shares (rows of {@code server_secret}): 256 random bits, made by whichever
 * node first needs a key (the first insert wins; the others read it), then kept in memory.
 */
@ApplicationScoped
public class ServerSecrets {
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Resource(lookup = Datasource.JNDI_NAME)
    private DataSource dataSource;

    private final Map<String, byte[]> known = new ConcurrentHashMap<>();

    /** The secret of this name, made now if there is none yet. */
    public byte[] secret(String name) {
        return known.computeIfAbsent(name, this::readOrCreate).clone();
    }

    private byte[] readOrCreate(String name) {
        byte[] fresh = new byte[SECRET_BYTES];
        RANDOM.nextBytes(fresh);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO server_secret (name, secret) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
                ps.setString(1, name);
                ps.setBytes(2, fresh);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT secret FROM server_secret WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getBytes(1);
                }
            }
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }
}
