package io.jynamo.core.operation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jynamo.core.api.RequestChecker;
import io.jynamo.core.api.Shape;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.table.BillingMode;
import io.jynamo.core.table.ProvisionedThroughput;
import io.jynamo.core.table.TableClass;

import static io.jynamo.core.api.Shape.bool;
import static io.jynamo.core.api.Shape.member;
import static io.jynamo.core.api.Shape.string;
import static io.jynamo.core.api.Shape.struct;

/**
 * UpdateTable: throughput, billing mode, table class and deletion protection. The checks that need the table's
 * current settings are the service's.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html">UpdateTable</a>
 */
public final class UpdateTable {
    private UpdateTable() {
    }

    /** Null members are left unchanged. */
    public record Request(String tableName, BillingMode billingMode, ProvisionedThroughput provisionedThroughput,
                          TableClass tableClass, Boolean deletionProtectionEnabled) { }

    static final Shape SHAPE = struct("UpdateTableInput",
            member("TableName", Shape.controlPlaneTableName()),
            member("ProvisionedThroughput", Throughput.SHAPE),
            member("BillingMode", string().oneOf("PROVISIONED", "PAY_PER_REQUEST")),
            member("TableClass", string()),
            member("DeletionProtectionEnabled", bool()));

    public static Request parse(JsonNode body) {
        ObjectNode r = RequestChecker.check(body, SHAPE);
        boolean anyChange = r.has("ProvisionedThroughput") || r.has("BillingMode") || r.has("TableClass")
                || r.has("DeletionProtectionEnabled");
        if (!anyChange) {
            throw DynamoException.validation("At least one of ProvisionedThroughput, BillingMode, "
                    + "UpdateStreamEnabled, GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is "
                    + "required");
        }
        BillingMode billingMode = r.has("BillingMode") ? BillingMode.valueOf(r.get("BillingMode").textValue()) : null;
        ProvisionedThroughput throughput = Throughput.read(r.get("ProvisionedThroughput"));
        if (billingMode == BillingMode.PROVISIONED && throughput == null) {
            throw DynamoException.invalidParameter(
                    "ProvisionedThroughput must be specified when BillingMode is PROVISIONED");
        }
        if (throughput != null) {
            Throughput.checkBounds(throughput);
        }
        TableClass tableClass = TableClasses.read(r);
        Boolean protection = r.has("DeletionProtectionEnabled")
                ? r.get("DeletionProtectionEnabled").booleanValue() : null;
        return new Request(r.get("TableName").textValue(), billingMode, throughput, tableClass, protection);
    }
}
