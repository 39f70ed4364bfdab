package io.jynamo.core.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jynamo.core.api.RequestChecker;
import io.jynamo.core.api.Shape;
import io.jynamo.core.json.Json;

import java.io.IOException;
import java.time.Instant;

import static io.jynamo.core.api.Shape.bool;
import static io.jynamo.core.api.Shape.integer;
import static io.jynamo.core.api.Shape.member;
import static io.jynamo.core.api.Shape.struct;

/**
 * UpdateContinuousBackups and DescribeContinuousBackups. Continuous backups are ENABLED on every table (DynamoDB's
 * steady state: "Continuous backups are ENABLED on all tables at table creation"); point-in-time recovery is what a
 * table may have on or off. Both take a table name or a table ARN.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateContinuousBackups.html">UpdateContinuousBackups</a>
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeContinuousBackups.html">DescribeContinuousBackups</a>
 */
public final class ContinuousBackups {
    private ContinuousBackups() {
    }

    /** The recovery period when UpdateContinuousBackups gives none ("the value will default to 35"). */
    public static final int DEFAULT_RECOVERY_DAYS = 35;

    /** @param recoveryPeriodInDays null when not given */
    public record Update(String tableName, boolean enabled, Integer recoveryPeriodInDays) { }

    /**
     * A table's point-in-time recovery, as described.
     *
     * @param recoveryPeriodInDays null when PITR is off; the window's bounds too
     */
    public record Description(boolean enabled, Integer recoveryPeriodInDays, Instant earliestRestorable,
                              Instant latestRestorable) {
        public static final Description DISABLED = new Description(false, null, null, null);
    }

    static final Shape DESCRIBE = struct("DescribeContinuousBackupsInput",
            member("TableName", Backups.TABLE_NAME_OR_ARN));

    static final Shape UPDATE = struct("UpdateContinuousBackupsInput",
            member("TableName", Backups.TABLE_NAME_OR_ARN),
            member("PointInTimeRecoverySpecification", struct("PointInTimeRecoverySpecification",
                    member("PointInTimeRecoveryEnabled", bool().notNull()),
                    member("RecoveryPeriodInDays", integer().min(1).max(35))).notNull()));

    /** DescribeContinuousBackups' table (a name; an ARN is reduced to its name). */
    public static String parseDescribe(byte[] body) {
        return Backups.tableName(RequestChecker.check(body, DESCRIBE).get("TableName").textValue());
    }

    public static Update parseUpdate(byte[] body) {
        ObjectNode r = RequestChecker.check(body, UPDATE);
        JsonNode spec = r.get("PointInTimeRecoverySpecification");
        return new Update(Backups.tableName(r.get("TableName").textValue()),
                spec.get("PointInTimeRecoveryEnabled").booleanValue(),
                spec.has("RecoveryPeriodInDays") ? spec.get("RecoveryPeriodInDays").intValue() : null);
    }

    /** Both operations' answer: {@code {"ContinuousBackupsDescription": {...}}}. */
    public static void writeDescription(JsonGenerator g, Description d) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("ContinuousBackupsDescription");
        g.writeStringField("ContinuousBackupsStatus", "ENABLED");
        g.writeObjectFieldStart("PointInTimeRecoveryDescription");
        g.writeStringField("PointInTimeRecoveryStatus", d.enabled() ? "ENABLED" : "DISABLED");
        if (d.enabled()) {
            g.writeNumberField("RecoveryPeriodInDays", d.recoveryPeriodInDays());
            Json.writeEpochSeconds(g, "EarliestRestorableDateTime", d.earliestRestorable());
            Json.writeEpochSeconds(g, "LatestRestorableDateTime", d.latestRestorable());
        }
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
    }
}
