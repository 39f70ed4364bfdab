package io.jynamo.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** PutItem, GetItem and DeleteItem: data round-trips losslessly and each option does what DynamoDB documents. */
class ItemIT extends JynamoIT {
    private String table;

    @BeforeEach
    void table() {
        if (table == null) {
            table = Tables.createComposite(ddb, "items");
        }
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
    }

    @Test
    void everyDataTypeRoundTrips() {
        Map<String, AttributeValue> item = new HashMap<>(key("types", "1"));
        item.put("s", AttributeValue.fromS("héllo wörld 😀"));
        item.put("emptyS", AttributeValue.fromS(""));
        item.put("n", AttributeValue.fromN("-12.5"));
        item.put("big", AttributeValue.fromN("99999999999999999999999999999999999999"));
        item.put("tiny", AttributeValue.fromN("0." + "0".repeat(129) + "1"));
        item.put("b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, 1, (byte) 0xFF})));
        item.put("emptyB", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[0])));
        item.put("t", AttributeValue.fromBool(true));
        item.put("f", AttributeValue.fromBool(false));
        item.put("null", AttributeValue.fromNul(true));
        item.put("ss", AttributeValue.fromSs(List.of("a", "b", "c")));
        item.put("ns", AttributeValue.fromNs(List.of("1", "2.5", "-3")));
        item.put("bs", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("x"), SdkBytes.fromUtf8String("y"))));
        item.put("emptyL", AttributeValue.fromL(List.of()));
        item.put("emptyM", AttributeValue.fromM(Map.of()));
        item.put("l", AttributeValue.fromL(List.of(AttributeValue.fromS("x"), AttributeValue.fromN("1"),
                AttributeValue.fromL(List.of(AttributeValue.fromBool(false))))));
        item.put("m", AttributeValue.fromM(Map.of("inner", AttributeValue.fromM(Map.of("deep",
                AttributeValue.fromSs(List.of("z")))), "with.dot", AttributeValue.fromS("ok"))));
        item.put("nul\u0000name", AttributeValue.fromS("value with \u0000 inside"));

        ddb.putItem(b -> b.tableName(table).item(item));
        GetItemResponse got = ddb.getItem(b -> b.tableName(table).key(key("types", "1")).consistentRead(true));

        assertThat(got.item()).containsOnlyKeys(item.keySet());
        item.forEach((name, value) -> {
            if (value.ss().isEmpty() && value.ns().isEmpty() && value.bs().isEmpty()) {
                assertThat(got.item().get(name)).as(name).isEqualTo(value);
            }
        });
        assertThat(got.item().get("ss").ss()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(got.item().get("ns").ns()).containsExactlyInAnyOrder("1", "2.5", "-3");
        assertThat(got.item().get("bs").bs()).containsExactlyInAnyOrder(SdkBytes.fromUtf8String("x"),
                SdkBytes.fromUtf8String("y"));
    }

    @Test
    void numbersComeBackNormalised() {
        Map<String, AttributeValue> item = new HashMap<>(key("numbers", "1"));
        item.put("a", AttributeValue.fromN("1.50"));
        item.put("b", AttributeValue.fromN("1e3"));
        item.put("c", AttributeValue.fromN("-0"));
        item.put("d", AttributeValue.fromN("00042"));
        item.put("e", AttributeValue.fromN(".5"));
        item.put("f", AttributeValue.fromN("+7"));
        ddb.putItem(b -> b.tableName(table).item(item));
        Map<String, AttributeValue> got = ddb.getItem(b -> b.tableName(table).key(key("numbers", "1"))).item();
        assertThat(got.get("a").n()).isEqualTo("1.5");
        assertThat(got.get("b").n()).isEqualTo("1000");
        assertThat(got.get("c").n()).isEqualTo("0");
        assertThat(got.get("d").n()).isEqualTo("42");
        assertThat(got.get("e").n()).isEqualTo("0.5");
        assertThat(got.get("f").n()).isEqualTo("7");
    }

    @Test
    void equalNumericKeysWrittenDifferentlyAreTheSameItem() {
        String numeric = Tables.create(ddb, "numkeys", "id", ScalarAttributeType.N, "at", ScalarAttributeType.N);
        ddb.putItem(b -> b.tableName(numeric).item(Map.of("id", AttributeValue.fromN("1000"),
                "at", AttributeValue.fromN("1.5"), "v", AttributeValue.fromS("first"))));
        ddb.putItem(b -> b.tableName(numeric).item(Map.of("id", AttributeValue.fromN("1e3"),
                "at", AttributeValue.fromN("15E-1"), "v", AttributeValue.fromS("second"))));
        Map<String, AttributeValue> got = ddb.getItem(b -> b.tableName(numeric).key(Map.of(
                "id", AttributeValue.fromN("+1000.0"), "at", AttributeValue.fromN("1.50")))).item();
        assertThat(got.get("v").s()).isEqualTo("second");
        assertThat(got.get("id").n()).isEqualTo("1000");
        Tables.awaitItemCount(ddb, numeric, 1);
    }

    @Test
    void putReplacesTheWholeItemAndReturnsTheOldOneWhenAsked() {
        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("replace"),
                "sk", AttributeValue.fromS("1"), "old", AttributeValue.fromS("x"))));
        PutItemResponse none = ddb.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("replace"),
                "sk", AttributeValue.fromS("1"), "mid", AttributeValue.fromS("y"))));
        assertThat(none.hasAttributes()).isFalse();

        PutItemResponse old = ddb.putItem(b -> b.tableName(table).returnValues(ReturnValue.ALL_OLD)
                .item(Map.of("pk", AttributeValue.fromS("replace"), "sk", AttributeValue.fromS("1"),
                        "new", AttributeValue.fromS("z"))));
        assertThat(old.attributes()).containsOnlyKeys("pk", "sk", "mid");

        Map<String, AttributeValue> now = ddb.getItem(b -> b.tableName(table).key(key("replace", "1"))).item();
        assertThat(now).containsOnlyKeys("pk", "sk", "new");

        PutItemResponse first = ddb.putItem(b -> b.tableName(table).returnValues(ReturnValue.ALL_OLD)
                .item(key("fresh", "1")));
        assertThat(first.hasAttributes()).isFalse();
    }

    @Test
    void getItemOfAMissingItemHasNoItem() {
        GetItemResponse missing = ddb.getItem(b -> b.tableName(table).key(key("nobody", "here")));
        assertThat(missing.hasItem()).isFalse();
    }

    @Test
    void projectionsReturnOnlyTheNamedPaths() {
        Map<String, AttributeValue> item = new HashMap<>(key("proj", "1"));
        item.put("name", AttributeValue.fromS("n"));
        item.put("a", AttributeValue.fromM(Map.of("b", AttributeValue.fromL(List.of(AttributeValue.fromN("1"),
                AttributeValue.fromN("2"), AttributeValue.fromN("3"))), "c", AttributeValue.fromS("skip"))));
        item.put("other", AttributeValue.fromS("skip"));
        ddb.putItem(b -> b.tableName(table).item(item));

        Map<String, AttributeValue> got = ddb.getItem(b -> b.tableName(table).key(key("proj", "1"))
                .projectionExpression("#n, a.b[2], a.b[0], pk")
                .expressionAttributeNames(Map.of("#n", "name"))).item();
        assertThat(got).containsOnlyKeys("name", "a", "pk");
        assertThat(got.get("a").m().get("b").l()).extracting(AttributeValue::n).containsExactly("1", "3");

        Map<String, AttributeValue> legacy = ddb.getItem(b -> b.tableName(table).key(key("proj", "1"))
                .attributesToGet("other", "sk")).item();
        assertThat(legacy).containsOnlyKeys("other", "sk");

        Map<String, AttributeValue> nothing = ddb.getItem(b -> b.tableName(table).key(key("proj", "1"))
                .projectionExpression("absentattr")).item();
        assertThat(nothing).isEmpty();
    }

    @Test
    void deleteRemovesTheItemAndReturnsItWhenAsked() {
        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("del"),
                "sk", AttributeValue.fromS("1"), "v", AttributeValue.fromN("1"))));
        DeleteItemResponse deleted = ddb.deleteItem(b -> b.tableName(table).key(key("del", "1"))
                .returnValues(ReturnValue.ALL_OLD));
        assertThat(deleted.attributes()).containsEntry("v", AttributeValue.fromN("1"));
        assertThat(ddb.getItem(b -> b.tableName(table).key(key("del", "1"))).hasItem()).isFalse();

        DeleteItemResponse again = ddb.deleteItem(b -> b.tableName(table).key(key("del", "1"))
                .returnValues(ReturnValue.ALL_OLD));
        assertThat(again.hasAttributes()).isFalse();
    }

    @Test
    void consumedCapacityIsReportedWhenAsked() {
        Map<String, AttributeValue> item = new HashMap<>(key("cap", "1"));
        item.put("data", AttributeValue.fromS("x".repeat(5000)));
        ConsumedCapacity put = ddb.putItem(b -> b.tableName(table).item(item)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity();
        assertThat(put.tableName()).isEqualTo(table);
        assertThat(put.capacityUnits()).isEqualTo(5.0);

        ConsumedCapacity strong = ddb.getItem(b -> b.tableName(table).key(key("cap", "1")).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity();
        assertThat(strong.capacityUnits()).isEqualTo(2.0);
        assertThat(strong.table().capacityUnits()).isEqualTo(2.0);

        ConsumedCapacity eventual = ddb.getItem(b -> b.tableName(table).key(key("nothing", "1"))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity();
        assertThat(eventual.capacityUnits()).isEqualTo(0.5);

        assertThat(ddb.getItem(b -> b.tableName(table).key(key("cap", "1"))).consumedCapacity()).isNull();
    }

    @Test
    void anItemOfAlmost400KbIsStored() {
        Map<String, AttributeValue> item = new HashMap<>(key("large", "1"));
        item.put("data", AttributeValue.fromS("x".repeat(409_600 - 20)));
        ddb.putItem(b -> b.tableName(table).item(item));
        assertThat(ddb.getItem(b -> b.tableName(table).key(key("large", "1"))).item().get("data").s())
                .hasSize(409_600 - 20);
    }
}
