package io.jynamo.core.operation;

import com.fasterxml.jackson.databind.JsonNode;
import io.jynamo.core.api.Limits;
import io.jynamo.core.api.Shape;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.table.AttributeDefinition;
import io.jynamo.core.table.BillingMode;
import io.jynamo.core.table.IndexSpec;
import io.jynamo.core.table.KeySchemaElement;
import io.jynamo.core.table.KeyType;
import io.jynamo.core.table.ProjectionType;
import io.jynamo.core.table.OnDemandThroughput;
import io.jynamo.core.table.ProvisionedThroughput;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.jynamo.core.api.Shape.list;
import static io.jynamo.core.api.Shape.member;
import static io.jynamo.core.api.Shape.string;
import static io.jynamo.core.api.Shape.struct;

/** Secondary index definitions in CreateTable and UpdateTable: their shapes and DynamoDB's checks. */
final class IndexSpecs {
    private IndexSpecs() {
    }

    /** Per-table limits (Secondary indexes quotas). */
    static final int MAX_LOCAL_INDEXES = 5;
    static final int MAX_GLOBAL_INDEXES = 20;

    static final Shape INDEX_NAME = string().notNull().pattern(Limits.TABLE_NAME_PATTERN)
            .length(Limits.MIN_TABLE_NAME_LENGTH, Limits.MAX_TABLE_NAME_LENGTH);

    static final Shape INDEX_KEY_SCHEMA = list(struct("KeySchemaElement",
            member("AttributeName", string().notNull().length(1, 255)),
            member("KeyType", string().notNull().oneOf("HASH", "RANGE"))))
            .notNull().length(1, 2);

    static final Shape PROJECTION = struct("Projection",
            member("ProjectionType", string().oneOf("ALL", "KEYS_ONLY", "INCLUDE")),
            member("NonKeyAttributes", list(string().length(1, 255)).length(1, 20))).notNull();

    static final Shape LOCAL_INDEX = struct("LocalSecondaryIndex",
            member("IndexName", INDEX_NAME),
            member("KeySchema", INDEX_KEY_SCHEMA),
            member("Projection", PROJECTION));

    static final Shape GLOBAL_INDEX = struct("GlobalSecondaryIndex",
            member("IndexName", INDEX_NAME),
            member("KeySchema", INDEX_KEY_SCHEMA),
            member("Projection", PROJECTION),
            member("ProvisionedThroughput", Throughput.SHAPE),
            member("OnDemandThroughput", Throughput.ON_DEMAND_SHAPE));

    /**
     * Reads and checks a list of index definitions in DynamoDB's order.
     *
     * @param tableKeys the table's key schema elements (a local index must share the partition key)
     * @param names     index names seen so far (across local and global indexes), updated
     */
    static List<IndexSpec> read(JsonNode list, boolean global, List<KeySchemaElement> tableKeys,
                                List<AttributeDefinition> definitions, BillingMode billingMode, Set<String> names) {
        String kind = global ? "GlobalSecondaryIndexes" : "LocalSecondaryIndexes";
        if (list.size() == 0) {
            throw DynamoException.invalidParameter("List of " + kind + " is empty");
        }
        if (!global && tableKeys.size() != 2) {
            throw DynamoException.invalidParameter("Table KeySchema does not have a range key, which is required "
                    + "when specifying a LocalSecondaryIndex");
        }
        List<String> definitionNames = definitions.stream().map(AttributeDefinition::attributeName).toList();
        List<IndexSpec> specs = new ArrayList<>();
        for (JsonNode index : list) {
            String name = index.get("IndexName").textValue();
            List<KeySchemaElement> keys = CreateTable.readKeySchema(index.get("KeySchema"));
            List<String> keyNames = keys.stream().map(KeySchemaElement::attributeName).toList();
            if (!definitionNames.containsAll(keyNames)) {
                throw DynamoException.invalidParameter("Some index key attributes are not defined in "
                        + "AttributeDefinitions. Keys: " + CreateTable.brackets(keyNames) + ", AttributeDefinitions: "
                        + CreateTable.brackets(definitionNames));
            }
            if (keys.size() == 2 && keyNames.get(0).equals(keyNames.get(1))) {
                throw DynamoException.validation(
                        "Both the Hash Key and the Range Key element in the KeySchema have the same name");
            }
            if (keys.get(0).keyType() != KeyType.HASH) {
                throw DynamoException.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key "
                        + "type");
            }
            if (keys.size() == 2 && keys.get(1).keyType() != KeyType.RANGE) {
                throw DynamoException.validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key "
                        + "type");
            }
            if (!global) {
                if (keys.size() != 2) {
                    throw DynamoException.invalidParameter("Index KeySchema does not have a range key for index: "
                            + name);
                }
                String tableHash = tableKeys.get(0).attributeName();
                if (!keyNames.get(0).equals(tableHash)) {
                    throw DynamoException.invalidParameter("Index KeySchema does not have the same leading hash key "
                            + "as table KeySchema for index: " + name + ". index hash key: " + keyNames.get(0)
                            + ", table hash key: " + tableHash);
                }
            }
            JsonNode projection = index.get("Projection");
            if (!projection.has("ProjectionType")) {
                throw DynamoException.invalidParameter("Unknown ProjectionType: null");
            }
            ProjectionType type = ProjectionType.valueOf(projection.get("ProjectionType").textValue());
            List<String> nonKey = new ArrayList<>();
            if (projection.has("NonKeyAttributes")) {
                if (type != ProjectionType.INCLUDE) {
                    throw DynamoException.invalidParameter("ProjectionType is " + type + ", but NonKeyAttributes is "
                            + "specified");
                }
                Set<String> seen = new HashSet<>();
                for (JsonNode a : projection.get("NonKeyAttributes")) {
                    if (!seen.add(a.textValue())) {
                        throw DynamoException.invalidParameter("Duplicate value in NonKeyAttributes: "
                                + a.textValue());
                    }
                    nonKey.add(a.textValue());
                }
            } else if (type == ProjectionType.INCLUDE) {
                throw DynamoException.invalidParameter("NonKeyAttributes must be specified when ProjectionType is "
                        + "INCLUDE for index: " + name);
            }
            ProvisionedThroughput throughput = null;
            OnDemandThroughput maxima = null;
            if (global) {
                throughput = Throughput.read(index.get("ProvisionedThroughput"));
                // billingMode is null for UpdateTable, whose service checks against the table's mode
                if (billingMode == BillingMode.PAY_PER_REQUEST && index.has("ProvisionedThroughput")) {
                    throw DynamoException.invalidParameter("ProvisionedThroughput should not be specified for index: "
                            + name + " when BillingMode is PAY_PER_REQUEST");
                }
                if (billingMode == BillingMode.PROVISIONED && throughput == null) {
                    throw DynamoException.invalidParameter("ProvisionedThroughput must be specified for index: "
                            + name);
                }
                if (throughput != null) {
                    Throughput.checkBounds(throughput);
                }
                maxima = Throughput.readOnDemand(index.get("OnDemandThroughput"));
                if (maxima != null) {
                    if (billingMode == BillingMode.PROVISIONED) {
                        throw Throughput.onDemandOnProvisioned(maxima, " for index: " + name,
                                "when table BillingMode is PROVISIONED.");
                    }
                    Throughput.checkOnDemandRange(maxima, "index : " + name, false);
                }
            }
            if (!names.add(name)) {
                throw DynamoException.invalidParameter("Duplicate index name: " + name);
            }
            specs.add(new IndexSpec(name, global, CreateTable.toKeySchema(keys, definitions), type,
                    List.copyOf(nonKey), throughput, maxima));
        }
        if (!global && specs.size() > MAX_LOCAL_INDEXES) {
            throw DynamoException.invalidParameter("Number of LocalSecondaryIndexes exceeds per-table limit of "
                    + MAX_LOCAL_INDEXES);
        }
        if (global && specs.size() > MAX_GLOBAL_INDEXES) {
            throw DynamoException.invalidParameter("GlobalSecondaryIndex count exceeds the per-table limit of "
                    + MAX_GLOBAL_INDEXES);
        }
        return specs;
    }
}
