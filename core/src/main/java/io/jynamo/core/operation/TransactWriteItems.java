package io.jynamo.core.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jynamo.core.api.RequestChecker;
import io.jynamo.core.api.Shape;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.expression.UpdateExpression;
import io.jynamo.core.expression.ast.Condition;
import io.jynamo.core.expression.ast.UpdateAction;
import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.ItemSize;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.jynamo.core.api.Shape.attributeMap;
import static io.jynamo.core.api.Shape.list;
import static io.jynamo.core.api.Shape.map;
import static io.jynamo.core.api.Shape.member;
import static io.jynamo.core.api.Shape.string;
import static io.jynamo.core.api.Shape.struct;

/**
 * TransactWriteItems: up to 100 Put, Update, Delete and ConditionCheck actions, applied all or none.
 *
 * <p>What this class checks is what DynamoDB refuses with a ValidationException for the request as a whole, before it
 * looks at any table: the request's shape, exactly one action per entry, every action's expressions, item sizes of
 * the Puts and the size of the whole transaction. What needs the tables (key schemas, duplicate items) is checked by
 * the service; some of it is answered as a cancellation reason (see TransactionService).
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html">TransactWriteItems</a>
 */
public final class TransactWriteItems {
    private TransactWriteItems() {
    }

    /** Actions per request (TransactItems length; raised from 25 in September 2022). */
    public static final int MAX_ACTIONS = 100;
    /** "The aggregate size of the items in the transaction cannot exceed 4 MB." */
    static final long MAX_TRANSACTION_BYTES = 4L * 1024 * 1024;
    /** ClientRequestToken length. */
    static final int MAX_TOKEN_LENGTH = 36;

    /** One action of a transaction; {@code condition} is {@code True} when it has none. */
    public sealed interface Action {
        String tableName();

        Condition condition();

        /** Whether a failed condition returns the item as it was (ReturnValuesOnConditionCheckFailure=ALL_OLD). */
        boolean returnOldOnCondition();
    }

    public record Put(String tableName, Map<String, AttributeValue> item, int itemSize, Condition condition,
                      boolean returnOldOnCondition) implements Action { }

    public record Update(String tableName, Map<String, AttributeValue> key, List<UpdateAction> actions,
                         Condition condition, boolean returnOldOnCondition) implements Action { }

    public record Delete(String tableName, Map<String, AttributeValue> key, Condition condition,
                         boolean returnOldOnCondition) implements Action { }

    public record ConditionCheck(String tableName, Map<String, AttributeValue> key, Condition condition,
                                 boolean returnOldOnCondition) implements Action { }

    /**
     * @param clientRequestToken null when the request has none
     * @param fingerprint        what tells a repeated request from a different one under the same token
     */
    public record Request(List<Action> actions, String clientRequestToken, RequestFingerprint fingerprint,
                          ConsumedCapacity.Mode consumedCapacity) { }

    /** @param capacity per table, in the order the tables first appear in the request */
    public record Response(ConsumedCapacity.Mode consumedCapacity, Consumption consumed) { }

    private static Shape action(String typeName, Shape.Member... keyMembers) {
        List<Shape.Member> members = new ArrayList<>(List.of(keyMembers));
        members.add(member("ExpressionAttributeNames", map(string())));
        members.add(member("ExpressionAttributeValues", attributeMap()));
        members.add(member("ReturnValuesOnConditionCheckFailure", WriteExpressions.returnOnConditionFailureShape()));
        return struct(typeName, members.toArray(Shape.Member[]::new));
    }

    // Members in the order of DynamoDB's model, which is the order its messages list violations in.
    static final Shape CONDITION_CHECK = action("ConditionCheck",
            member("Key", attributeMap().notNull()),
            member("TableName", Shape.dataPlaneTableName()),
            member("ConditionExpression", string().notNull()));
    static final Shape PUT = action("Put",
            member("Item", attributeMap().notNull()),
            member("TableName", Shape.dataPlaneTableName()),
            member("ConditionExpression", string()));
    static final Shape DELETE = action("Delete",
            member("Key", attributeMap().notNull()),
            member("TableName", Shape.dataPlaneTableName()),
            member("ConditionExpression", string()));
    static final Shape UPDATE = action("Update",
            member("Key", attributeMap().notNull()),
            member("UpdateExpression", string().notNull()),
            member("TableName", Shape.dataPlaneTableName()),
            member("ConditionExpression", string()));

    static final Shape SHAPE = struct("TransactWriteItemsInput",
            member("TransactItems", list(struct("TransactWriteItem",
                    member("ConditionCheck", CONDITION_CHECK),
                    member("Put", PUT),
                    member("Delete", DELETE),
                    member("Update", UPDATE))).notNull().length(1, MAX_ACTIONS)),
            member("ReturnConsumedCapacity", string().oneOf(ConsumedCapacity.MODES)),
            member("ReturnItemCollectionMetrics", string().oneOf(ItemRequests.RETURN_ITEM_COLLECTION_METRICS)),
            member("ClientRequestToken", string().length(1, MAX_TOKEN_LENGTH)));

    private static final List<String> KINDS = List.of("ConditionCheck", "Put", "Delete", "Update");

    public static Request parse(byte[] body) {
        ObjectNode r = RequestChecker.check(body, SHAPE);
        List<Action> actions = new ArrayList<>();
        long transactionBytes = 0;
        for (JsonNode entry : r.get("TransactItems")) {
            List<String> kinds = KINDS.stream().filter(entry::has).toList();
            if (kinds.isEmpty()) {
                throw DynamoException.validation("1 validation error detected: Value '' at 'transactItems' failed to "
                        + "satisfy constraint: TransactWriteRequest should contain Delete or Put or Update or "
                        + "ConditionCheck");
            }
            if (kinds.size() > 1) {
                throw DynamoException.validation("TransactItems can only contain one of Check, Put, Update or Delete");
            }
            JsonNode a = entry.get(kinds.get(0));
            Action action = action(kinds.get(0), a);
            actions.add(action);
            transactionBytes += payloadBytes(action, a);
        }
        if (transactionBytes > MAX_TRANSACTION_BYTES) {
            // DynamoDB's wording is not documented; this much of it is known: "... size cannot exceed ..."
            throw DynamoException.validation("Transaction payload size cannot exceed 4 MB");
        }
        String token = r.has("ClientRequestToken") ? r.get("ClientRequestToken").textValue() : null;
        return new Request(actions, token, RequestFingerprint.of(r.get("TransactItems")), ConsumedCapacity.mode(r));
    }

    private static Action action(String kind, JsonNode a) {
        boolean update = kind.equals("Update");
        ItemRequests.checkExpressionParameters(a,
                update ? List.of("UpdateExpression", "ConditionExpression") : List.of("ConditionExpression"),
                List.of());
        WriteExpressions expressions = WriteExpressions.of(a);
        String table = a.get("TableName").textValue();
        boolean returnOld = WriteExpressions.returnOldOnConditionFailure(a);
        Action action = switch (kind) {
            case "Put" -> {
                Map<String, AttributeValue> item = ItemRequests.attributeMap(a, "Item");
                int size = ItemSize.of(item);
                PutItem.checkItemSize(size);
                yield new Put(table, item, size, expressions.condition(a), returnOld);
            }
            case "Update" -> {
                Map<String, AttributeValue> key = ItemRequests.attributeMap(a, "Key");
                List<UpdateAction> updates = UpdateExpression.parse(a.get("UpdateExpression").textValue(),
                        expressions.names, expressions.values);
                yield new Update(table, key, updates, expressions.condition(a), returnOld);
            }
            case "Delete" -> new Delete(table, ItemRequests.attributeMap(a, "Key"), expressions.condition(a),
                    returnOld);
            default -> new ConditionCheck(table, ItemRequests.attributeMap(a, "Key"), expressions.condition(a),
                    returnOld);
        };
        expressions.checkAllUsed();
        return action;
    }

    /**
     * What an action adds to the transaction's size. DynamoDB limits the request's payload, not the items it touches
     * (a small transaction may delete 5 MB of items): a Put counts its item, the others their key, and every action
     * its expression attribute values.
     */
    private static long payloadBytes(Action action, JsonNode a) {
        long bytes = action instanceof Put put ? put.itemSize() : ItemSize.of(ItemRequests.attributeMap(a, "Key"));
        Map<String, AttributeValue> values = WriteExpressions.values(a);
        return values == null ? bytes : bytes + ItemSize.of(values);
    }

    public static void write(JsonGenerator g, Response response) throws IOException {
        g.writeStartObject();
        ConsumedCapacity.writeList(g, response.consumedCapacity(), response.consumed(), true);
        g.writeEndObject();
    }
}
