package io.jynamo.core.operation;

import com.fasterxml.jackson.databind.JsonNode;
import io.jynamo.core.api.Limits;
import io.jynamo.core.api.Shape;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.table.ProvisionedThroughput;

import static io.jynamo.core.api.Shape.longValue;
import static io.jynamo.core.api.Shape.member;
import static io.jynamo.core.api.Shape.struct;

/** The ProvisionedThroughput member shared by CreateTable and UpdateTable. */
final class Throughput {
    private Throughput() {
    }

    static final Shape SHAPE = struct("ProvisionedThroughput",
            member("WriteCapacityUnits", longValue().notNull().min(1)),
            member("ReadCapacityUnits", longValue().notNull().min(1)));

    /** The throughput given, or null when absent or incomplete. */
    static ProvisionedThroughput read(JsonNode node) {
        if (node == null || !node.has("ReadCapacityUnits") || !node.has("WriteCapacityUnits")) {
            return null;
        }
        return new ProvisionedThroughput(node.get("ReadCapacityUnits").longValue(),
                node.get("WriteCapacityUnits").longValue());
    }

    static void checkBounds(ProvisionedThroughput t) {
        if (t.readCapacityUnits() > Limits.MAX_CAPACITY_UNITS) {
            throw DynamoException.validation(
                    "Given value " + t.readCapacityUnits() + " for ReadCapacityUnits is out of bounds");
        }
        if (t.writeCapacityUnits() > Limits.MAX_CAPACITY_UNITS) {
            throw DynamoException.validation(
                    "Given value " + t.writeCapacityUnits() + " for WriteCapacityUnits is out of bounds");
        }
    }
}
