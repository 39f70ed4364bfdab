package io.jynamo.ejb.storage;

import com.fasterxml.jackson.databind.JsonNode;
import io.jynamo.core.json.Json;
import io.jynamo.core.operation.RequestFingerprint;
import io.jynamo.core.operation.Consumption;
import io.jynamo.ejb.schema.Datasource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * The ClientRequestTokens of committed transactions (table {@code transaction_token}): "A client request token is
 * valid for 10 minutes after the first request that uses it is completed. After 10 minutes, any request with the same
 * client token is treated as a new request." (TransactWriteItems, ClientRequestToken).
 *
 * <p>A token is recorded in the transaction that used it, so it is there exactly when that transaction committed: a
 * cancelled or failed request leaves no token behind, and its retry runs as a new request.
 */
@ApplicationScoped
public class TransactionTokens {
    /** The idempotency window, as a PostgreSQL interval. */
    static final String WINDOW = "interval '10 minutes'";

    @Resource(lookup = Datasource.JNDI_NAME)
    private DataSource dataSource;

    /**
     * A committed use of a token.
     *
     * @param replayCapacity what a repeat of the request reports as consumed (the read units of its items)
     */
    public record Use(RequestFingerprint fingerprint, Consumption replayCapacity) { }

    /** The use of this token committed within the last 10 minutes, or null. */
    public Use find(String token) {
        String sql = "SELECT fingerprint, replay_capacity::text FROM transaction_token"
                + " WHERE token = ? AND committed_at > clock_timestamp() - " + WINDOW;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setBytes(1, token.getBytes(StandardCharsets.UTF_8));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Use(new RequestFingerprint(rs.getString(1)), readCapacity(rs.getString(2)))
                        : null;
            }
        } catch (SQLException e) {
            throw ItemStore.translate(e, null);
        }
    }

    /** Records the token's use by the current transaction, replacing an expired use of the same token. */
    public void record(String token, Use use) {
        String sql = "INSERT INTO transaction_token (token, fingerprint, replay_capacity, committed_at)"
                + " VALUES (?, ?, ?::jsonb, clock_timestamp()) ON CONFLICT (token) DO UPDATE"
                + " SET fingerprint = excluded.fingerprint, replay_capacity = excluded.replay_capacity,"
                + " committed_at = excluded.committed_at";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setBytes(1, token.getBytes(StandardCharsets.UTF_8));
            ps.setString(2, use.fingerprint().sha256());
            ps.setString(3, writeCapacity(use.replayCapacity()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw ItemStore.translate(e, null);
        }
    }

    /** Deletes the tokens whose window has passed; returns how many. */
    public int purgeExpired() {
        String sql = "DELETE FROM transaction_token WHERE committed_at <= clock_timestamp() - " + WINDOW;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw ItemStore.translate(e, null);
        }
    }

    private static String writeCapacity(Consumption capacity) {
        return new String(Json.write(g -> {
            g.writeStartArray();
            for (Map.Entry<String, Consumption.OnTable> t : capacity.tables().entrySet()) {
                g.writeStartObject();
                g.writeStringField("table", t.getKey());
                g.writeNumberField("units", t.getValue().table().read());
                g.writeEndObject();
            }
            g.writeEndArray();
        }), StandardCharsets.UTF_8);
    }

    private static Consumption readCapacity(String json) {
        Consumption capacity = new Consumption();
        try {
            for (JsonNode t : Json.MAPPER.readTree(json)) {
                capacity.read(t.get("table").textValue(), t.get("units").doubleValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return capacity;
    }
}
