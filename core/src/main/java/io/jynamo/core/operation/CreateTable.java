package io.jynamo.core.operation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jynamo.core.api.Limits;
import io.jynamo.core.api.RequestChecker;
import io.jynamo.core.api.Shape;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.item.AttributeType;
import io.jynamo.core.table.AttributeDefinition;
import io.jynamo.core.table.BillingMode;
import io.jynamo.core.table.IndexSpec;
import io.jynamo.core.table.KeyAttribute;
import io.jynamo.core.table.KeySchema;
import io.jynamo.core.table.KeySchemaElement;
import io.jynamo.core.table.KeyType;
import io.jynamo.core.table.OnDemandThroughput;
import io.jynamo.core.table.ProvisionedThroughput;
import io.jynamo.core.table.StreamViewType;
import io.jynamo.core.table.TableClass;
import io.jynamo.core.table.Tag;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;

import static io.jynamo.core.api.Shape.bool;
import static io.jynamo.core.api.Shape.list;
import static io.jynamo.core.api.Shape.member;
import static io.jynamo.core.api.Shape.string;
import static io.jynamo.core.api.Shape.struct;

/**
 * CreateTable: validation of the request, in DynamoDB's order.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html">CreateTable</a>
 */
public final class CreateTable {
    private CreateTable() {
    }

    public record Request(
            String tableName,
            List<AttributeDefinition> attributeDefinitions,
            KeySchema keySchema,
            List<IndexSpec> indexes,
            BillingMode billingMode,
            ProvisionedThroughput provisionedThroughput,
            OnDemandThroughput onDemandThroughput,
            TableClass tableClass,
            List<Tag> tags,
            boolean deletionProtectionEnabled,
            StreamViewType streamViewType,
            String resourcePolicy) {

        /** Whether the table is created with a stream (of {@link #streamViewType}). */
        public boolean hasStream() {
            return streamViewType != null;
        }
    }

    static final Shape ATTRIBUTE_DEFINITION = struct("AttributeDefinition",
            member("AttributeName", string().notNull().length(1, 255)),
            member("AttributeType", string().notNull().oneOf("B", "N", "S")));

    static final Shape KEY_SCHEMA = list(struct("KeySchemaElement",
            member("AttributeName", string().notNull().length(1, 255)),
            member("KeyType", string().notNull().oneOf("HASH", "RANGE"))))
            .notNull().length(1, 2);

    static final Shape TAG = struct("Tag",
            member("Key", string().notNull().length(1, 128)),
            member("Value", string().notNull().length(0, 256)));

    static final Shape SHAPE = struct("CreateTableInput",
            member("AttributeDefinitions", list(ATTRIBUTE_DEFINITION).notNull()),
            member("TableName", Shape.controlPlaneTableName()),
            member("BillingMode", string().oneOf("PROVISIONED", "PAY_PER_REQUEST")),
            member("ProvisionedThroughput", Throughput.SHAPE),
            member("OnDemandThroughput", Throughput.ON_DEMAND_SHAPE),
            member("StreamSpecification", StreamSpecifications.SHAPE),
            member("KeySchema", KEY_SCHEMA),
            member("LocalSecondaryIndexes", list(IndexSpecs.LOCAL_INDEX)),
            member("GlobalSecondaryIndexes", list(IndexSpecs.GLOBAL_INDEX)),
            member("Tags", list(TAG).maxLength(Limits.MAX_TAGS)),
            member("TableClass", string()),
            member("DeletionProtectionEnabled", bool()),
            member("ResourcePolicy", string()));

    public static Request parse(byte[] body) {
        ObjectNode r = RequestChecker.check(body, SHAPE);

        BillingMode billingMode = r.has("BillingMode")
                ? BillingMode.valueOf(r.get("BillingMode").textValue()) : BillingMode.PROVISIONED;
        ProvisionedThroughput throughput = Throughput.read(r.get("ProvisionedThroughput"));
        if (billingMode == BillingMode.PAY_PER_REQUEST) {
            if (r.has("ProvisionedThroughput")) {
                throw DynamoException.invalidParameter("Neither ReadCapacityUnits nor WriteCapacityUnits can be "
                        + "specified when BillingMode is PAY_PER_REQUEST");
            }
        } else {
            if (throughput == null) {
                throw DynamoException.invalidParameter("ReadCapacityUnits and WriteCapacityUnits must both be "
                        + "specified when BillingMode is PROVISIONED");
            }
            Throughput.checkBounds(throughput);
        }
        OnDemandThroughput maxima = Throughput.readOnDemand(r.get("OnDemandThroughput"));
        if (maxima != null) {
            if (billingMode == BillingMode.PROVISIONED) {
                throw Throughput.onDemandOnProvisioned(maxima, "", "when table BillingMode is PROVISIONED.");
            }
            Throughput.checkOnDemandRange(maxima, "table", false);
        }

        List<AttributeDefinition> definitions = new ArrayList<>();
        List<String> definitionNames = new ArrayList<>();
        for (JsonNode d : r.get("AttributeDefinitions")) {
            String name = d.get("AttributeName").textValue();
            definitions.add(new AttributeDefinition(name, AttributeType.valueOf(d.get("AttributeType").textValue())));
            definitionNames.add(name);
        }
        List<KeySchemaElement> elements = readKeySchema(r.get("KeySchema"));
        List<String> keyNames = elements.stream().map(KeySchemaElement::attributeName).toList();

        for (int i = 0; i < definitionNames.size(); i++) {
            if (definitionNames.indexOf(definitionNames.get(i)) != i) {
                throw DynamoException.invalidParameter("Duplicate AttributeName=" + definitionNames.get(i)
                        + " in AttributeDefinitions");
            }
        }
        if (keyNames.size() > definitionNames.size()) {
            throw DynamoException.validation("Invalid KeySchema: Some index key attribute have no definition");
        }
        if (!definitionNames.containsAll(keyNames)) {
            throw DynamoException.invalidParameter("Some index key attributes are not defined in "
                    + "AttributeDefinitions. Keys: " + brackets(keyNames) + ", AttributeDefinitions: "
                    + brackets(definitionNames));
        }
        if (keyNames.size() == 2 && keyNames.get(0).equals(keyNames.get(1))) {
            throw DynamoException.validation(
                    "Both the Hash Key and the Range Key element in the KeySchema have the same name");
        }
        if (elements.get(0).keyType() != KeyType.HASH) {
            throw DynamoException.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        }
        if (elements.size() == 2 && elements.get(1).keyType() != KeyType.RANGE) {
            throw DynamoException.validation(
                    "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
        }
        boolean hasIndexes = r.has("LocalSecondaryIndexes") || r.has("GlobalSecondaryIndexes");
        if (!hasIndexes && keyNames.size() != definitionNames.size()) {
            throw DynamoException.invalidParameter("Number of attributes in KeySchema does not exactly match number "
                    + "of attributes defined in AttributeDefinitions");
        }
        List<IndexSpec> indexes = new ArrayList<>();
        Set<String> indexNames = new HashSet<>();
        if (r.has("LocalSecondaryIndexes")) {
            indexes.addAll(IndexSpecs.read(r.get("LocalSecondaryIndexes"), false, elements, definitions, billingMode,
                    indexNames));
        }
        if (r.has("GlobalSecondaryIndexes")) {
            indexes.addAll(IndexSpecs.read(r.get("GlobalSecondaryIndexes"), true, elements, definitions,
                    billingMode, indexNames));
        }
        if (hasIndexes) {
            Set<String> used = new LinkedHashSet<>(keyNames);
            indexes.forEach(i -> i.keySchema().attributes().forEach(k -> used.add(k.name())));
            if (!used.containsAll(definitionNames) || used.size() != definitionNames.size()) {
                throw DynamoException.invalidParameter("Some AttributeDefinitions are not used. "
                        + "AttributeDefinitions: " + brackets(definitionNames) + ", keys used: "
                        + brackets(List.copyOf(used)));
            }
        }

        KeySchema keySchema = toKeySchema(elements, definitions);
        TableClass tableClass = TableClasses.read(r);
        List<Tag> tags = new ArrayList<>();
        if (r.has("Tags")) {
            for (JsonNode t : r.get("Tags")) {
                tags.add(new Tag(t.get("Key").textValue(), t.get("Value").textValue()));
            }
        }
        boolean deletionProtection = r.has("DeletionProtectionEnabled")
                && r.get("DeletionProtectionEnabled").booleanValue();
        StreamSpecifications.Change stream = StreamSpecifications.read(r, true);
        String policy = r.has("ResourcePolicy") ? r.get("ResourcePolicy").textValue() : null;
        if (policy != null) {
            ResourcePolicyRules.check(policy, ResourcePolicyRules.Target.TABLE);
        }
        return new Request(r.get("TableName").textValue(), definitions, keySchema, indexes, billingMode,
                billingMode == BillingMode.PROVISIONED ? throughput : null, maxima, tableClass, tags, deletionProtection,
                stream == null ? null : stream.viewType(), policy);
    }

    static List<KeySchemaElement> readKeySchema(JsonNode keySchema) {
        List<KeySchemaElement> elements = new ArrayList<>();
        for (JsonNode k : keySchema) {
            elements.add(new KeySchemaElement(k.get("AttributeName").textValue(),
                    KeyType.valueOf(k.get("KeyType").textValue())));
        }
        return elements;
    }

    static KeySchema toKeySchema(List<KeySchemaElement> elements, List<AttributeDefinition> definitions) {
        KeyAttribute hash = keyAttribute(elements.get(0).attributeName(), definitions);
        KeyAttribute range = elements.size() > 1 ? keyAttribute(elements.get(1).attributeName(), definitions) : null;
        return new KeySchema(hash, range);
    }

    private static KeyAttribute keyAttribute(String name, List<AttributeDefinition> definitions) {
        for (AttributeDefinition d : definitions) {
            if (d.attributeName().equals(name)) {
                return new KeyAttribute(name, d.attributeType());
            }
        }
        throw new IllegalStateException("undefined key attribute " + name);
    }

    static String brackets(List<String> names) {
        return "[" + String.join(", ", names) + "]";
    }
}
