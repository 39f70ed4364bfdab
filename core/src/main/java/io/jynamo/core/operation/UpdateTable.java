package io.jynamo.core.operation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jynamo.core.api.RequestChecker;
import io.jynamo.core.api.Shape;
import io.jynamo.core.error.DynamoException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jynamo.core.error.ErrorType;
import io.jynamo.core.item.AttributeType;
import io.jynamo.core.json.Json;
import io.jynamo.core.table.AttributeDefinition;
import io.jynamo.core.table.BillingMode;
import io.jynamo.core.table.IndexSpec;
import io.jynamo.core.table.KeySchemaElement;
import io.jynamo.core.table.OnDemandThroughput;
import io.jynamo.core.table.ProvisionedThroughput;
import io.jynamo.core.table.TableClass;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.jynamo.core.api.Shape.bool;
import static io.jynamo.core.api.Shape.list;
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

    /**
     * Null members are left unchanged.
     *
     * @param onDemandThroughput the maxima to change, a member of -1 removing one
     * @param streamChange       what to do with the table's stream
     */
    public record Request(String tableName, List<AttributeDefinition> attributeDefinitions, BillingMode billingMode,
                          ProvisionedThroughput provisionedThroughput, OnDemandThroughput onDemandThroughput,
                          TableClass tableClass,
                          Boolean deletionProtectionEnabled, List<IndexUpdate> indexUpdates,
                          StreamSpecifications.Change streamChange) { }

    /** A change to the table's global secondary indexes. */
    public sealed interface IndexUpdate {
        String indexName();
    }

    public record CreateIndex(IndexSpec spec) implements IndexUpdate {
        public String indexName() {
            return spec.name();
        }
    }

    public record DeleteIndex(String indexName) implements IndexUpdate { }

    /** A global index's new throughput: provisioned capacity or on-demand maxima (-1 removing one); null: unchanged. */
    public record UpdateIndex(String indexName, ProvisionedThroughput throughput, OnDemandThroughput onDemandThroughput)
            implements IndexUpdate { }

    static final Shape SHAPE = struct("UpdateTableInput",
            member("AttributeDefinitions", list(CreateTable.ATTRIBUTE_DEFINITION)),
            member("TableName", Shape.controlPlaneTableName()),
            member("ProvisionedThroughput", Throughput.SHAPE),
            member("OnDemandThroughput", Throughput.ON_DEMAND_SHAPE),
            member("BillingMode", string().oneOf("PROVISIONED", "PAY_PER_REQUEST")),
            member("StreamSpecification", StreamSpecifications.SHAPE),
            member("TableClass", string()),
            member("DeletionProtectionEnabled", bool()),
            member("GlobalSecondaryIndexUpdates", list(struct("GlobalSecondaryIndexUpdate",
                    member("Update", struct("UpdateGlobalSecondaryIndexAction",
                            member("IndexName", IndexSpecs.INDEX_NAME),
                            member("ProvisionedThroughput", Throughput.SHAPE),
                            member("OnDemandThroughput", Throughput.ON_DEMAND_SHAPE))),
                    member("Create", struct("CreateGlobalSecondaryIndexAction",
                            member("IndexName", IndexSpecs.INDEX_NAME),
                            member("KeySchema", IndexSpecs.INDEX_KEY_SCHEMA),
                            member("Projection", IndexSpecs.PROJECTION),
                            member("ProvisionedThroughput", Throughput.SHAPE),
                            member("OnDemandThroughput", Throughput.ON_DEMAND_SHAPE))),
                    member("Delete", struct("DeleteGlobalSecondaryIndexAction",
                            member("IndexName", IndexSpecs.INDEX_NAME)))))));

    public static Request parse(byte[] body) {
        ObjectNode r = RequestChecker.check(body, SHAPE);
        // an empty OnDemandThroughput changes nothing (DynamoDB ignores it beside other changes)
        OnDemandThroughput maxima = Throughput.readOnDemand(r.get("OnDemandThroughput"));
        // the changes other than TableClass, which must come alone
        boolean others = r.has("ProvisionedThroughput") || r.has("BillingMode") || maxima != null
                || r.has("DeletionProtectionEnabled") || r.has("StreamSpecification")
                || (r.has("GlobalSecondaryIndexUpdates") && r.get("GlobalSecondaryIndexUpdates").size() > 0);
        if (!others && !r.has("TableClass")) {
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
        if (maxima != null) {
            Throughput.checkOnDemandRange(maxima, "table", true);
        }
        TableClass tableClass = TableClasses.read(r);
        if (tableClass != null && others) {
            throw DynamoException.invalidParameter("TableClass modification must be the only operation in the request");
        }
        Boolean protection = r.has("DeletionProtectionEnabled")
                ? r.get("DeletionProtectionEnabled").booleanValue() : null;
        List<AttributeDefinition> definitions = new ArrayList<>();
        if (r.has("AttributeDefinitions")) {
            for (JsonNode d : r.get("AttributeDefinitions")) {
                definitions.add(new AttributeDefinition(d.get("AttributeName").textValue(),
                        AttributeType.valueOf(d.get("AttributeType").textValue())));
            }
        }
        List<IndexUpdate> updates = indexUpdates(r.get("GlobalSecondaryIndexUpdates"), definitions);
        StreamSpecifications.Change stream = StreamSpecifications.read(r, false);
        if (stream != null && (throughput != null || billingMode == BillingMode.PROVISIONED)) {
            throw DynamoException.invalidParameter("You cannot modify stream status while updating table IOPS");
        }
        return new Request(r.get("TableName").textValue(), definitions, billingMode, throughput, maxima, tableClass,
                protection, updates, stream);
    }

    private static List<IndexUpdate> indexUpdates(JsonNode list, List<AttributeDefinition> definitions) {
        List<IndexUpdate> updates = new ArrayList<>();
        if (list == null) {
            return updates;
        }
        Set<String> names = new HashSet<>();
        int createsAndDeletes = 0;
        for (JsonNode u : list) {
            int actions = (u.has("Create") ? 1 : 0) + (u.has("Update") ? 1 : 0) + (u.has("Delete") ? 1 : 0);
            if (actions != 1) {
                throw DynamoException.invalidParameter("One of GlobalSecondaryIndexUpdate.Update, "
                        + "GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must not be null");
            }
            IndexUpdate update;
            if (u.has("Create")) {
                JsonNode c = u.get("Create");
                List<KeySchemaElement> keys = CreateTable.readKeySchema(c.get("KeySchema"));
                List<String> keyNames = keys.stream().map(KeySchemaElement::attributeName).toList();
                List<String> defined = definitions.stream().map(AttributeDefinition::attributeName).toList();
                if (!defined.containsAll(keyNames)) {
                    throw DynamoException.invalidParameter("Some index key attributes are not defined in "
                            + "AttributeDefinitions. Keys: " + CreateTable.brackets(keyNames)
                            + ", AttributeDefinitions: " + CreateTable.brackets(defined));
                }
                ArrayNode wrapped = Json.MAPPER.createArrayNode().add(c);
                IndexSpec spec = IndexSpecs.read(wrapped, true, keys, definitions, null, new HashSet<>()).get(0);
                update = new CreateIndex(spec);
                createsAndDeletes++;
            } else if (u.has("Delete")) {
                update = new DeleteIndex(u.get("Delete").get("IndexName").textValue());
                createsAndDeletes++;
            } else {
                JsonNode change = u.get("Update");
                String name = change.get("IndexName").textValue();
                OnDemandThroughput indexMaxima = Throughput.readOnDemand(change.get("OnDemandThroughput"));
                if (indexMaxima != null) {
                    Throughput.checkOnDemandRange(indexMaxima, "index : " + name, true);
                }
                update = new UpdateIndex(name, Throughput.read(change.get("ProvisionedThroughput")), indexMaxima);
            }
            if (!names.add(update.indexName())) {
                throw DynamoException.invalidParameter("Only one global secondary index update per index is allowed "
                        + "simultaneously. Index: " + update.indexName());
            }
            updates.add(update);
        }
        if (createsAndDeletes > 1) {
            throw new DynamoException(ErrorType.LIMIT_EXCEEDED, "Subscriber limit exceeded: Only 1 online index can "
                    + "be created or deleted simultaneously per table");
        }
        return updates;
    }
}
