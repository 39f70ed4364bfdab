package io.jynamo.core.operation;

import com.fasterxml.jackson.databind.JsonNode;
import io.jynamo.core.api.Limits;
import io.jynamo.core.api.Shape;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.table.OnDemandThroughput;
import io.jynamo.core.table.ProvisionedThroughput;

import static io.jynamo.core.api.Shape.longValue;
import static io.jynamo.core.api.Shape.member;
import static io.jynamo.core.api.Shape.struct;

/**
 * The throughput members of CreateTable, UpdateTable and their indexes (restores and imports too): ProvisionedThroughput
 * and OnDemandThroughput.
 */
public final class Throughput {
    private Throughput() {
    }

    static final Shape SHAPE = struct("ProvisionedThroughput",
            member("WriteCapacityUnits", longValue().notNull().min(1)),
            member("ReadCapacityUnits", longValue().notNull().min(1)));

    static final Shape ON_DEMAND_SHAPE = struct("OnDemandThroughput",
            member("MaxReadRequestUnits", longValue()),
            member("MaxWriteRequestUnits", longValue()));

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

    /** The on-demand maxima given; null when absent or empty (DynamoDB ignores an empty OnDemandThroughput). */
    static OnDemandThroughput readOnDemand(JsonNode node) {
        if (node == null) {
            return null;
        }
        return OnDemandThroughput.of(node.has("MaxReadRequestUnits") ? node.get("MaxReadRequestUnits").longValue() : null,
                node.has("MaxWriteRequestUnits") ? node.get("MaxWriteRequestUnits").longValue() : null);
    }

    /**
     * DynamoDB's range check of on-demand maxima: at least 1, or -1 where a maximum may be removed (UpdateTable).
     *
     * @param of        what the maxima are for, as the message names it: "table" or "index : NAME"
     * @param removable whether -1 is allowed
     */
    static void checkOnDemandRange(OnDemandThroughput t, String of, boolean removable) {
        checkOnDemandRange(t.maxReadRequestUnits(), "MaxReadRequestUnits", of, removable);
        checkOnDemandRange(t.maxWriteRequestUnits(), "MaxWriteRequestUnits", of, removable);
    }

    private static void checkOnDemandRange(Long value, String member, String of, boolean removable) {
        if (value != null && value < 1 && !(removable && value == OnDemandThroughput.REMOVE)) {
            throw DynamoException.invalidParameter("Requested " + member + " for OnDemandThroughput for " + of
                    + " is outside of valid range");
        }
    }

    /**
     * Refuses on-demand maxima for a provisioned table, with DynamoDB's message (which names the first member given).
     *
     * @param of     "" for the table, or " for index: NAME" (" for index : NAME" in UpdateTable)
     * @param ending the message's tail: CreateTable says "when table BillingMode is PROVISIONED.", UpdateTable "when the
     *               table BillingMode is PROVISIONED"
     */
    public static DynamoException onDemandOnProvisioned(OnDemandThroughput t, String of, String ending) {
        String member = t.maxReadRequestUnits() != null ? "MaxReadRequestUnits" : "MaxWriteRequestUnits";
        return DynamoException.invalidParameter(member + " for OnDemandThroughput" + of + " cannot be specified "
                + ending);
    }
}
