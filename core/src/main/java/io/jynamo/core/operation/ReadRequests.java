package io.jynamo.core.operation;

import com.fasterxml.jackson.databind.JsonNode;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.expression.ConditionExpression;
import io.jynamo.core.expression.DocumentPath;
import io.jynamo.core.expression.LegacyConditions;
import io.jynamo.core.expression.ProjectionExpression;
import io.jynamo.core.expression.ast.Condition;
import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.AttributeValueReader;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What Query and Scan share: Select, filters, projections and the start key. */
final class ReadRequests {
    private ReadRequests() {
    }

    static final String[] SELECT = {"SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES"};

    /** The legacy filter (QueryFilter or ScanFilter) member's shape. */
    static final io.jynamo.core.api.Shape FILTER = io.jynamo.core.api.Shape.map(io.jynamo.core.api.Shape.struct(
            "Condition",
            io.jynamo.core.api.Shape.member("AttributeValueList",
                    io.jynamo.core.api.Shape.list(io.jynamo.core.api.Shape.attributeValue())),
            io.jynamo.core.api.Shape.member("ComparisonOperator", io.jynamo.core.api.Shape.string().notNull()
                    .oneOf("EQ", "NE", "IN", "LE", "LT", "GE", "GT", "BETWEEN", "NOT_NULL", "NULL", "CONTAINS",
                            "NOT_CONTAINS", "BEGINS_WITH"))));

    /**
     * The legacy filter member (QueryFilter or ScanFilter) as a condition, its values and their number checked; null
     * when there is none. DynamoDB checks it before the start key, so readers call this first.
     */
    static Condition legacyFilter(JsonNode r, String legacyMember) {
        if (!r.has(legacyMember)) {
            return null;
        }
        boolean or = r.has("ConditionalOperator") && r.get("ConditionalOperator").textValue().equals("OR");
        return LegacyConditions.filter(legacyFilters(r.get(legacyMember)), or);
    }

    /** The filter of a read: FilterExpression, else the legacy filter (read already), else none. */
    static Condition filter(JsonNode r, Condition legacyFilter, WriteExpressions expressions) {
        if (r.has("FilterExpression")) {
            return ConditionExpression.parse(r.get("FilterExpression").textValue(), "FilterExpression",
                    expressions.names, expressions.values);
        }
        return legacyFilter;
    }

    static List<LegacyConditions.Filter> legacyFilters(JsonNode node) {
        List<LegacyConditions.Filter> filters = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            filters.add(new LegacyConditions.Filter(e.getKey(),
                    e.getValue().get("ComparisonOperator").textValue(), valueList(e.getValue())));
        }
        return filters;
    }

    /** A legacy condition's AttributeValueList (empty when absent). */
    static List<AttributeValue> valueList(JsonNode condition) {
        List<AttributeValue> values = new ArrayList<>();
        if (condition.has("AttributeValueList")) {
            for (JsonNode v : condition.get("AttributeValueList")) {
                values.add(AttributeValueReader.read(v));
            }
        }
        return values;
    }

    /** The paths to return: ProjectionExpression, AttributesToGet, or null for all. */
    static List<DocumentPath> projection(JsonNode r, WriteExpressions expressions) {
        if (r.has("ProjectionExpression")) {
            return ProjectionExpression.parse(r.get("ProjectionExpression").textValue(), expressions.names);
        }
        return GetItem.attributesToGet(r);
    }

    /** ExclusiveStartKey, its values checked with DynamoDB's messages for a starting key. */
    static Map<String, AttributeValue> exclusiveStartKey(JsonNode r) {
        JsonNode node = r.get("ExclusiveStartKey");
        if (node == null) {
            return null;
        }
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                key.put(e.getKey(), AttributeValueReader.read(e.getValue()));
            } catch (DynamoException invalid) {
                String m = invalid.getMessage();
                boolean bare = m.matches(".*(contains duplicates|number set|numeric value|significant digits|number "
                        + "with magnitude).*");
                throw DynamoException.validation(bare ? m : "The provided starting key is invalid: " + m);
            }
        }
        return key;
    }

    /** Select, with DynamoDB's rules for combining it with a projection. */
    static Select select(JsonNode r, boolean hasIndex) {
        boolean projected = r.has("ProjectionExpression") || r.has("AttributesToGet");
        if (!r.has("Select")) {
            return projected ? Select.SPECIFIC_ATTRIBUTES
                    : hasIndex ? Select.ALL_PROJECTED_ATTRIBUTES : Select.ALL_ATTRIBUTES;
        }
        Select select = Select.valueOf(r.get("Select").textValue());
        if (projected && select != Select.SPECIFIC_ATTRIBUTES) {
            String member = r.has("ProjectionExpression") ? "ProjectionExpression" : "AttributesToGet";
            throw DynamoException.validation("Cannot specify the " + member + " when choosing to get "
                    + (select == Select.COUNT ? "only the Count" : select.name()));
        }
        if (!projected && select == Select.SPECIFIC_ATTRIBUTES) {
            throw DynamoException.validation("Must specify the AttributesToGet or ProjectionExpression when choosing "
                    + "to get SPECIFIC_ATTRIBUTES");
        }
        if (select == Select.ALL_PROJECTED_ATTRIBUTES && !hasIndex) {
            throw DynamoException.validation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an "
                    + "IndexName");
        }
        return select;
    }
}
