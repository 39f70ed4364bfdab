package io.jynamo.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.jynamo.it.DynamoAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** UpdateItem with update expressions and the legacy AttributeUpdates, through the SDK. */
class UpdateItemIT extends JynamoIT {
    private String table;

    @BeforeEach
    void table() {
        if (table == null) {
            table = Tables.createComposite(ddb, "update");
        }
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("1"));
    }

    private Map<String, AttributeValue> get(String pk) {
        return ddb.getItem(b -> b.tableName(table).key(key(pk)).consistentRead(true)).item();
    }

    private static AttributeValue n(String v) {
        return AttributeValue.fromN(v);
    }

    @Test
    void anUpdateCreatesTheItemWhenAbsentAndComputesFromItsOldValues() {
        ddb.updateItem(b -> b.tableName(table).key(key("counter"))
                .updateExpression("SET #c = if_not_exists(#c, :zero) + :one, tags = list_append(if_not_exists(tags, "
                        + ":empty), :t) ADD visits :one")
                .expressionAttributeNames(Map.of("#c", "count"))
                .expressionAttributeValues(Map.of(":zero", n("0"), ":one", n("1"),
                        ":empty", AttributeValue.fromL(List.of()), ":t", AttributeValue.fromL(List.of(
                                AttributeValue.fromS("first"))))));
        UpdateItemResponse second = ddb.updateItem(b -> b.tableName(table).key(key("counter"))
                .updateExpression("SET #c = #c + :one ADD visits :one")
                .expressionAttributeNames(Map.of("#c", "count"))
                .expressionAttributeValues(Map.of(":one", n("1")))
                .returnValues(ReturnValue.ALL_NEW));
        assertThat(second.attributes()).containsEntry("count", n("2")).containsEntry("visits", n("2"))
                .containsEntry("pk", AttributeValue.fromS("counter"));
        assertThat(get("counter").get("tags").l()).extracting(AttributeValue::s).containsExactly("first");
    }

    @Test
    void nestedDocumentsAndListsAreUpdatedInPlace() {
        Map<String, AttributeValue> item = new HashMap<>(key("doc"));
        item.put("profile", AttributeValue.fromM(Map.of("address", AttributeValue.fromM(Map.of(
                "city", AttributeValue.fromS("Oslo"))), "phones", AttributeValue.fromL(List.of(
                AttributeValue.fromS("1"), AttributeValue.fromS("2"), AttributeValue.fromS("3"))))));
        item.put("tags", AttributeValue.fromSs(List.of("a", "b")));
        ddb.putItem(b -> b.tableName(table).item(item));

        ddb.updateItem(b -> b.tableName(table).key(key("doc"))
                .updateExpression("SET profile.address.city = :c, profile.phones[5] = :p REMOVE profile.phones[0] "
                        + "ADD tags :more")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS("Bergen"), ":p", AttributeValue.fromS("9"),
                        ":more", AttributeValue.fromSs(List.of("c")))));
        ddb.updateItem(b -> b.tableName(table).key(key("doc")).updateExpression("DELETE tags :less")
                .expressionAttributeValues(Map.of(":less", AttributeValue.fromSs(List.of("a")))));
        Map<String, AttributeValue> after = get("doc");
        assertThat(after.get("profile").m().get("address").m().get("city").s()).isEqualTo("Bergen");
        assertThat(after.get("profile").m().get("phones").l()).extracting(AttributeValue::s)
                .containsExactly("2", "3", "9");
        assertThat(after.get("tags").ss()).containsExactlyInAnyOrder("b", "c");

        ddb.updateItem(b -> b.tableName(table).key(key("doc")).updateExpression("DELETE tags :all")
                .expressionAttributeValues(Map.of(":all", AttributeValue.fromSs(List.of("b", "c")))));
        assertThat(get("doc")).doesNotContainKey("tags");
    }

    @Test
    void returnValuesGiveTheOldOrNewAttributes() {
        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("rv"), "sk",
                AttributeValue.fromS("1"), "a", n("1"), "b", n("2"), "m", AttributeValue.fromM(Map.of(
                        "x", n("1"), "y", n("2"))))));
        UpdateItemResponse updatedOld = ddb.updateItem(b -> b.tableName(table).key(key("rv"))
                .updateExpression("SET a = :v, m.x = :v, c = :v REMOVE b").expressionAttributeValues(Map.of(":v",
                        n("9"))).returnValues(ReturnValue.UPDATED_OLD));
        assertThat(updatedOld.attributes()).isEqualTo(Map.of("a", n("1"), "b", n("2"), "m",
                AttributeValue.fromM(Map.of("x", n("1")))));

        UpdateItemResponse updatedNew = ddb.updateItem(b -> b.tableName(table).key(key("rv"))
                .updateExpression("SET a = :v, d = :v REMOVE c").expressionAttributeValues(Map.of(":v", n("7")))
                .returnValues(ReturnValue.UPDATED_NEW));
        assertThat(updatedNew.attributes()).isEqualTo(Map.of("a", n("7"), "d", n("7")));

        UpdateItemResponse allOld = ddb.updateItem(b -> b.tableName(table).key(key("rv"))
                .updateExpression("REMOVE d").returnValues(ReturnValue.ALL_OLD));
        assertThat(allOld.attributes()).containsKeys("pk", "sk", "a", "d", "m");

        UpdateItemResponse none = ddb.updateItem(b -> b.tableName(table).key(key("rv"))
                .updateExpression("REMOVE a"));
        assertThat(none.hasAttributes()).isFalse();
    }

    /**
     * UPDATED_OLD and UPDATED_NEW project the updated paths from the old or new item; paths that reach nothing drop
     * out, leaving no empty map behind, and with nothing left there are no Attributes (Alternator's tests).
     */
    @Test
    void updatedValuesOfNestedPathsThatDidNotExistAreLeftOut() {
        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("nested"), "sk",
                AttributeValue.fromS("1"), "m", AttributeValue.fromM(Map.of("x", n("1"))),
                "l", AttributeValue.fromL(List.of(n("0"))))));
        UpdateItemResponse old = ddb.updateItem(b -> b.tableName(table).key(key("nested"))
                .updateExpression("SET m.y = :v, l[5] = :v").expressionAttributeValues(Map.of(":v", n("9")))
                .returnValues(ReturnValue.UPDATED_OLD));
        assertThat(old.hasAttributes()).as("neither m.y nor l[5] existed").isFalse();
        UpdateItemResponse updated = ddb.updateItem(b -> b.tableName(table).key(key("nested"))
                .updateExpression("SET m.z = :v, l[7] = :v").expressionAttributeValues(Map.of(":v", n("8")))
                .returnValues(ReturnValue.UPDATED_NEW));
        // l[7] on a two-element list is appended as l[2]: the path l[7] reaches nothing in the new item
        assertThat(updated.attributes()).isEqualTo(Map.of("m", AttributeValue.fromM(Map.of("z", n("8")))));

        var projected = ddb.getItem(b -> b.tableName(table).key(key("nested"))
                .projectionExpression("m.nothing, l[9], l[0].x"));
        assertThat(projected.hasItem()).as("the item is there").isTrue();
        assertThat(projected.item()).as("nothing of it projected").isEmpty();
    }

    @Test
    void removingFromAMissingItemCreatesNothing() {
        UpdateItemResponse r = ddb.updateItem(b -> b.tableName(table).key(key("ghost")).updateExpression("REMOVE a")
                .returnValues(ReturnValue.ALL_NEW));
        assertThat(r.hasAttributes()).isFalse();
        assertThat(ddb.getItem(b -> b.tableName(table).key(key("ghost"))).hasItem()).isFalse();
    }

    @Test
    void aFailedConditionLeavesTheItemAndCanReturnIt() {
        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("cond"), "sk",
                AttributeValue.fromS("1"), "version", n("3"))));
        var error = assertError(() -> ddb.updateItem(b -> b.tableName(table).key(key("cond"))
                        .updateExpression("SET version = :new").conditionExpression("version = :expected")
                        .expressionAttributeValues(Map.of(":new", n("5"), ":expected", n("4")))
                        .returnValuesOnConditionCheckFailure("ALL_OLD")),
                "ConditionalCheckFailedException", "The conditional request failed");
        assertThat(((software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException) error).item())
                .containsEntry("version", n("3"));
        assertThat(get("cond").get("version")).isEqualTo(n("3"));

        ddb.updateItem(b -> b.tableName(table).key(key("cond"))
                .updateExpression("SET version = :new").conditionExpression("version = :expected")
                .expressionAttributeValues(Map.of(":new", n("4"), ":expected", n("3"))));
        assertThat(get("cond").get("version")).isEqualTo(n("4"));
    }

    @Test
    void invalidUpdatesAreRefusedWithDynamoDbsMessages() {
        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("bad"), "sk",
                AttributeValue.fromS("1"), "s", AttributeValue.fromS("text"))));
        assertError(() -> ddb.updateItem(b -> b.tableName(table).key(key("bad")).updateExpression("SET pk = :v")
                        .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("x")))), "ValidationException",
                "One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the "
                        + "key");
        assertError(() -> ddb.updateItem(b -> b.tableName(table).key(key("bad")).updateExpression("SET a = s + :v")
                        .expressionAttributeValues(Map.of(":v", n("1")))), "ValidationException",
                "An operand in the update expression has an incorrect data type");
        assertError(() -> ddb.updateItem(b -> b.tableName(table).key(key("bad")).updateExpression("SET a = gone")),
                "ValidationException", "The provided expression refers to an attribute that does not exist in the "
                        + "item");
        assertError(() -> ddb.updateItem(b -> b.tableName(table).key(key("bad")).updateExpression("SET gone.x = :v")
                        .expressionAttributeValues(Map.of(":v", n("1")))), "ValidationException",
                "The document path provided in the update expression is invalid for update");
        assertError(() -> ddb.updateItem(b -> b.tableName(table).key(key("bad")).updateExpression("SET a = :v")),
                "ValidationException", "Invalid UpdateExpression: An expression attribute value used in expression "
                        + "is not defined; attribute value: :v");
        assertError(() -> ddb.updateItem(b -> b.tableName(table).key(key("bad")).updateExpression("")),
                "ValidationException", "Invalid UpdateExpression: The expression can not be empty;");
        assertError(() -> ddb.updateItem(b -> b.tableName(table).key(key("bad")).updateExpression("SET a = :v")
                        .expressionAttributeValues(Map.of(":v", n("1"), ":unused", n("2")))), "ValidationException",
                "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}");
        assertError(() -> ddb.updateItem(b -> b.tableName(table).key(key("bad")).updateExpression("SET a = :v")
                        .expressionAttributeValues(Map.of(":v", n("1")))
                        .attributeUpdates(Map.of("a", AttributeValueUpdate.builder().value(n("1"))
                                .action(AttributeAction.PUT).build()))), "ValidationException",
                "Can not use both expression and non-expression parameters in the same request: Non-expression "
                        + "parameters: {AttributeUpdates} Expression parameters: {UpdateExpression}");
        assertError(() -> ddb.updateItem(b -> b.tableName(table).key(key("bad")).updateExpression("SET big = :v")
                        .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("x".repeat(409_600))))),
                "ValidationException", "Item size to update has exceeded the maximum allowed size");
        assertThat(get("bad")).containsOnlyKeys("pk", "sk", "s");
    }

    @Test
    void legacyAttributeUpdatesPutAddAndDelete() {
        ddb.updateItem(b -> b.tableName(table).key(key("legacy")).attributeUpdates(Map.of(
                "name", AttributeValueUpdate.builder().value(AttributeValue.fromS("n")).build(),
                "count", AttributeValueUpdate.builder().value(n("2")).action(AttributeAction.ADD).build(),
                "list", AttributeValueUpdate.builder().value(AttributeValue.fromL(List.of(n("1"))))
                        .action(AttributeAction.ADD).build())));
        ddb.updateItem(b -> b.tableName(table).key(key("legacy")).attributeUpdates(Map.of(
                "count", AttributeValueUpdate.builder().value(n("3")).action(AttributeAction.ADD).build(),
                "list", AttributeValueUpdate.builder().value(AttributeValue.fromL(List.of(n("2"))))
                        .action(AttributeAction.ADD).build(),
                "name", AttributeValueUpdate.builder().action(AttributeAction.DELETE).build())));
        Map<String, AttributeValue> after = get("legacy");
        assertThat(after.get("count")).isEqualTo(n("5"));
        assertThat(after.get("list").l()).containsExactly(n("1"), n("2"));
        assertThat(after).doesNotContainKey("name");

        assertError(() -> ddb.updateItem(b -> b.tableName(table).key(key("legacy")).attributeUpdates(Map.of(
                        "count", AttributeValueUpdate.builder().value(AttributeValue.fromSs(List.of("x")))
                                .action(AttributeAction.ADD).build()))), "ValidationException",
                "Type mismatch for attribute to update");
        assertError(() -> ddb.updateItem(b -> b.tableName(table).key(key("legacy")).attributeUpdates(Map.of(
                        "s", AttributeValueUpdate.builder().value(AttributeValue.fromS("x"))
                                .action(AttributeAction.ADD).build()))), "ValidationException",
                "One or more parameter values were invalid: ADD action is not supported for the type S");
    }
}
