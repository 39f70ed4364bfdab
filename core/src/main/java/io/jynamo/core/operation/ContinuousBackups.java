package io.jynamo.core.operation;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * DescribeContinuousBackups. Point-in-time recovery is not offered yet, so every table reports continuous backups
 * ENABLED (DynamoDB's steady state: "Continuous backups are ENABLED on all tables at table creation") and
 * point-in-time recovery DISABLED.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeContinuousBackups.html">DescribeContinuousBackups</a>
 */
public final class ContinuousBackups {
    private ContinuousBackups() {
    }

    public static void writeDescription(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("ContinuousBackupsDescription");
        g.writeStringField("ContinuousBackupsStatus", "ENABLED");
        g.writeObjectFieldStart("PointInTimeRecoveryDescription");
        g.writeStringField("PointInTimeRecoveryStatus", "DISABLED");
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
    }
}
