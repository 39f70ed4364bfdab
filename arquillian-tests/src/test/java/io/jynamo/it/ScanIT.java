package io.jynamo.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.ConditionalOperator;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.jynamo.it.DynamoAssertions.assertError;
import static io.jynamo.it.DynamoAssertions.assertErrorCode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scan: Limit and LastEvaluatedKey paging over the whole table, FilterExpression with Count and ScannedCount,
 * parallel scans with Segment and TotalSegments, Select COUNT, the legacy ScanFilter, and DynamoDB's messages.
 */
class ScanIT extends JynamoIT {
    private static final String INVALID = "One or more parameter values were invalid: ";
    private static final int ITEMS = 30;
    private static final String[] TAGS = {"red", "green", "blue"};

    /** Keyed by the string "pk": item-00 … item-29 with the number n, a tag, and "opt" on every fifth item. */
    private String table;

    @BeforeEach
    void table() {
        if (table != null) {
            return;
        }
        table = Tables.createHashOnly(ddb, "scan");
        for (int i = 0; i < ITEMS; i++) {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put("pk", AttributeValue.fromS(key(i)));
            item.put("n", AttributeValue.fromN(Integer.toString(i)));
            item.put("tag", AttributeValue.fromS(TAGS[i % 3]));
            if (i % 5 == 0) {
                item.put("opt", AttributeValue.fromS("here"));
            }
            ddb.putItem(b -> b.tableName(table).item(item));
        }
    }

    private static String key(int i) {
        return String.format("item-%02d", i);
    }

    private static List<String> allKeys() {
        return IntStream.range(0, ITEMS).mapToObj(ScanIT::key).collect(Collectors.toList());
    }

    private static List<String> keys(List<Map<String, AttributeValue>> items) {
        return items.stream().map(i -> i.get("pk").s()).collect(Collectors.toList());
    }

    private static boolean hasMore(ScanResponse page) {
        return page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty();
    }

    /** Every item key one segment returns, read in pages of the given Limit. */
    private List<String> scanSegment(Integer segment, Integer totalSegments, int limit) {
        List<String> seen = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        int pages = 0;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = ddb.scan(b -> b.tableName(table).limit(limit).segment(segment)
                    .totalSegments(totalSegments).exclusiveStartKey(from));
            assertThat(page.items().size()).isLessThanOrEqualTo(limit);
            assertThat(page.scannedCount()).isEqualTo(page.items().size());
            seen.addAll(keys(page.items()));
            start = hasMore(page) ? page.lastEvaluatedKey() : null;
            if (start != null) {
                assertThat(start).containsOnlyKeys("pk");
            }
            assertThat(++pages).as("pages").isLessThanOrEqualTo(ITEMS + 1);
        } while (start != null);
        return seen;
    }

    @Test
    void aScanWithoutLimitReturnsTheWholeTable() {
        ScanResponse r = ddb.scan(b -> b.tableName(table));
        assertThat(keys(r.items())).containsExactlyInAnyOrderElementsOf(allKeys());
        assertThat(r.count()).isEqualTo(ITEMS);
        assertThat(r.scannedCount()).isEqualTo(ITEMS);
        assertThat(hasMore(r)).isFalse();
    }

    @Test
    void limitAndLastEvaluatedKeyPageThroughEveryItemExactlyOnce() {
        List<String> seen = scanSegment(null, null, 7);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(allKeys());

        ScanResponse first = ddb.scan(b -> b.tableName(table).limit(7));
        assertThat(first.items()).hasSize(7);
        assertThat(first.lastEvaluatedKey()).as("the key of the last item read")
                .isEqualTo(Map.of("pk", first.items().get(6).get("pk")));
    }

    @Test
    void filterExpressionReturnsMatchingItemsAndCountsTheItemsRead() {
        ScanResponse r = ddb.scan(b -> b.tableName(table).filterExpression("n >= :min")
                .expressionAttributeValues(Map.of(":min", AttributeValue.fromN("20"))));
        assertThat(r.count()).isEqualTo(10);
        assertThat(r.scannedCount()).isEqualTo(ITEMS);
        assertThat(r.items()).hasSize(10)
                .allSatisfy(i -> assertThat(Integer.parseInt(i.get("n").n())).isGreaterThanOrEqualTo(20));

        ScanResponse byKey = ddb.scan(b -> b.tableName(table).filterExpression("begins_with(pk, :p) AND #t = :t")
                .expressionAttributeNames(Map.of("#t", "tag"))
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("item-1"),
                        ":t", AttributeValue.fromS("red"))));
        assertThat(keys(byKey.items())).as("a Scan filter may use the key")
                .containsExactlyInAnyOrder("item-12", "item-15", "item-18");

        int matched = 0;
        int scanned = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = ddb.scan(b -> b.tableName(table).limit(10).filterExpression("n >= :min")
                    .expressionAttributeValues(Map.of(":min", AttributeValue.fromN("20"))).exclusiveStartKey(from));
            assertThat(page.scannedCount()).isLessThanOrEqualTo(10);
            assertThat(page.count()).isEqualTo(page.items().size());
            matched += page.count();
            scanned += page.scannedCount();
            start = hasMore(page) ? page.lastEvaluatedKey() : null;
        } while (start != null);
        assertThat(matched).isEqualTo(10);
        assertThat(scanned).isEqualTo(ITEMS);
    }

    @Test
    void parallelScanSegmentsAreDisjointAndTogetherCoverTheTable() {
        List<String> union = new ArrayList<>();
        List<Set<String>> segments = new ArrayList<>();
        for (int segment = 0; segment < 4; segment++) {
            List<String> seen = scanSegment(segment, 4, 5);
            assertThat(seen).as("segment %d", segment).doesNotHaveDuplicates();
            segments.add(new HashSet<>(seen));
            union.addAll(seen);
        }
        assertThat(union).as("no item is in two segments").doesNotHaveDuplicates();
        assertThat(union).containsExactlyInAnyOrderElementsOf(allKeys());
        for (int a = 0; a < 4; a++) {
            for (int b = a + 1; b < 4; b++) {
                assertThat(segments.get(a)).as("segments %d and %d", a, b).doesNotContainAnyElementsOf(segments.get(b));
            }
        }

        for (int segment = 0; segment < 4; segment++) {
            int s = segment;
            ScanResponse whole = ddb.scan(b -> b.tableName(table).segment(s).totalSegments(4));
            assertThat(keys(whole.items())).as("segment %d without Limit", s)
                    .containsExactlyInAnyOrderElementsOf(segments.get(s));
        }

        assertThat(scanSegment(0, 1, 50)).containsExactlyInAnyOrderElementsOf(allKeys());
    }

    @Test
    void segmentAndTotalSegmentsAreChecked() {
        assertError(() -> ddb.scan(b -> b.tableName(table).segment(0)), "ValidationException",
                "The TotalSegments parameter is required but was not present in the request when Segment parameter "
                        + "is present");
        assertError(() -> ddb.scan(b -> b.tableName(table).totalSegments(4)), "ValidationException",
                "The Segment parameter is required but was not present in the request when parameter TotalSegments "
                        + "is present");
        assertError(() -> ddb.scan(b -> b.tableName(table).segment(5).totalSegments(5)), "ValidationException",
                "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 5 is "
                        + "not less than TotalSegments: 5");
        String negative = assertErrorCode(() -> ddb.scan(b -> b.tableName(table).segment(-1).totalSegments(2)),
                "ValidationException").awsErrorDetails().errorMessage();
        assertThat(negative).contains("Value '-1' at 'segment'").contains("greater than or equal to 0");
        String zero = assertErrorCode(() -> ddb.scan(b -> b.tableName(table).segment(0).totalSegments(0)),
                "ValidationException").awsErrorDetails().errorMessage();
        assertThat(zero).contains("greater than or equal to 1");
        String tooMany = assertErrorCode(() -> ddb.scan(b -> b.tableName(table).segment(0)
                .totalSegments(1_000_001)), "ValidationException").awsErrorDetails().errorMessage();
        assertThat(tooMany).contains("Segment");

        ScanResponse most = ddb.scan(b -> b.tableName(table).segment(999_999).totalSegments(1_000_000));
        assertThat(most.count()).isLessThanOrEqualTo(ITEMS);
    }

    /** A start key of the wrong shape, as DynamoDB reports it for a Scan (dynalite's and Alternator's recordings). */
    @Test
    void startKeysMustBeTheTablesKey() {
        assertError(() -> ddb.scan(b -> b.tableName(table).exclusiveStartKey(Map.of("pk", AttributeValue.fromS("x"),
                        "extra", AttributeValue.fromS("y")))), "ValidationException",
                "The provided starting key is invalid: The provided key element does not match the schema");
        assertError(() -> ddb.scan(b -> b.tableName(table).exclusiveStartKey(Map.of("pk", AttributeValue.fromN("1")))),
                "ValidationException",
                "The provided starting key is invalid: The provided key element does not match the schema");
    }

    /** A segment's start key is where its previous page ended: one from another segment is refused as DynamoDB does. */
    @Test
    void aParallelScanMayNotStartAtAKeyOfAnotherSegment() {
        ScanResponse first = ddb.scan(b -> b.tableName(table).segment(0).totalSegments(2).limit(1));
        assertThat(first.hasLastEvaluatedKey()).isTrue();
        ScanResponse next = ddb.scan(b -> b.tableName(table).segment(0).totalSegments(2)
                .exclusiveStartKey(first.lastEvaluatedKey()));
        assertThat(next.items()).doesNotContainAnyElementsOf(first.items());
        assertError(() -> ddb.scan(b -> b.tableName(table).segment(1).totalSegments(2)
                        .exclusiveStartKey(first.lastEvaluatedKey())), "ValidationException",
                "The provided starting key is invalid: Invalid ExclusiveStartKey. Please use ExclusiveStartKey with "
                        + "correct Segment. TotalSegments: 2 Segment: 1");
    }

    @Test
    void selectCountReturnsTheCountsAndNoItems() {
        ScanResponse count = ddb.scan(b -> b.tableName(table).select(Select.COUNT));
        assertThat(count.hasItems()).as("no Items member").isFalse();
        assertThat(count.count()).isEqualTo(ITEMS);
        assertThat(count.scannedCount()).isEqualTo(ITEMS);

        ScanResponse filtered = ddb.scan(b -> b.tableName(table).select(Select.COUNT).filterExpression("#t = :t")
                .expressionAttributeNames(Map.of("#t", "tag"))
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromS("blue"))));
        assertThat(filtered.hasItems()).isFalse();
        assertThat(filtered.count()).isEqualTo(10);
        assertThat(filtered.scannedCount()).isEqualTo(ITEMS);

        ScanResponse limited = ddb.scan(b -> b.tableName(table).select(Select.COUNT).limit(4));
        assertThat(limited.count()).isEqualTo(4);
        assertThat(hasMore(limited)).as("LastEvaluatedKey with COUNT too").isTrue();
    }

    @Test
    void projectionsAndSelectFollowTheQueryRules() {
        ScanResponse projected = ddb.scan(b -> b.tableName(table).projectionExpression("#t")
                .expressionAttributeNames(Map.of("#t", "tag")));
        assertThat(projected.items()).hasSize(ITEMS).allSatisfy(i -> assertThat(i).containsOnlyKeys("tag"));

        ScanResponse legacy = ddb.scan(b -> b.tableName(table).attributesToGet("opt"));
        assertThat(legacy.items()).as("items without the attribute come back empty").hasSize(ITEMS);
        assertThat(legacy.items().stream().filter(i -> !i.isEmpty()).count()).isEqualTo(6);

        assertError(() -> ddb.scan(b -> b.tableName(table).select(Select.ALL_PROJECTED_ATTRIBUTES)),
                "ValidationException", "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
        assertError(() -> ddb.scan(b -> b.tableName(table).select(Select.ALL_ATTRIBUTES).projectionExpression("n")),
                "ValidationException", "Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES");
        assertError(() -> ddb.scan(b -> b.tableName(table).limit(0)), "ValidationException",
                "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have "
                        + "value greater than or equal to 1");
    }

    private static Condition condition(ComparisonOperator operator, AttributeValue... values) {
        return Condition.builder().comparisonOperator(operator).attributeValueList(values).build();
    }

    private List<String> scanFilter(Map<String, Condition> filter, ConditionalOperator operator) {
        return keys(ddb.scan(b -> b.tableName(table).scanFilter(filter).conditionalOperator(operator)).items());
    }

    @Test
    void legacyScanFilterComparisonOperatorsSelectTheItems() {
        assertThat(scanFilter(Map.of("n", condition(ComparisonOperator.GT, AttributeValue.fromN("25"))), null))
                .containsExactlyInAnyOrder("item-26", "item-27", "item-28", "item-29");
        assertThat(scanFilter(Map.of("pk", condition(ComparisonOperator.BEGINS_WITH, AttributeValue.fromS("item-2"))),
                null)).containsExactlyInAnyOrderElementsOf(IntStream.range(20, 30).mapToObj(ScanIT::key)
                .collect(Collectors.toList()));
        assertThat(scanFilter(Map.of("n", condition(ComparisonOperator.IN, AttributeValue.fromN("3"),
                AttributeValue.fromN("7"), AttributeValue.fromN("100"))), null))
                .containsExactlyInAnyOrder("item-03", "item-07");
        assertThat(scanFilter(Map.of("opt", condition(ComparisonOperator.NOT_NULL)), null))
                .containsExactlyInAnyOrder("item-00", "item-05", "item-10", "item-15", "item-20", "item-25");
        assertThat(scanFilter(Map.of("opt", condition(ComparisonOperator.NULL)), null)).hasSize(ITEMS - 6);
        assertThat(scanFilter(Map.of("n", condition(ComparisonOperator.BETWEEN, AttributeValue.fromN("10"),
                AttributeValue.fromN("12"))), null)).containsExactlyInAnyOrder("item-10", "item-11", "item-12");

        Map<String, Condition> both = Map.of(
                "n", condition(ComparisonOperator.LT, AttributeValue.fromN("10")),
                "opt", condition(ComparisonOperator.NOT_NULL));
        assertThat(scanFilter(both, null)).as("AND by default").containsExactlyInAnyOrder("item-00", "item-05");
        assertThat(scanFilter(both, ConditionalOperator.AND)).containsExactlyInAnyOrder("item-00", "item-05");
        assertThat(scanFilter(both, ConditionalOperator.OR)).hasSize(10 + 4);
    }

    @Test
    void legacyScanFilterArgumentsAreChecked() {
        assertError(() -> ddb.scan(b -> b.tableName(table).scanFilter(Map.of("n",
                        condition(ComparisonOperator.EQ, AttributeValue.fromN("1"), AttributeValue.fromN("2"))))),
                "ValidationException", INVALID + "Invalid number of argument(s) for the EQ ComparisonOperator");
        assertError(() -> ddb.scan(b -> b.tableName(table).scanFilter(Map.of("n",
                        condition(ComparisonOperator.EQ)))),
                "ValidationException", INVALID + "Invalid number of argument(s) for the EQ ComparisonOperator");
        assertError(() -> ddb.scan(b -> b.tableName(table).scanFilter(Map.of("n",
                        condition(ComparisonOperator.BETWEEN, AttributeValue.fromN("1"))))),
                "ValidationException", INVALID + "Invalid number of argument(s) for the BETWEEN ComparisonOperator");
        assertError(() -> ddb.scan(b -> b.tableName(table).filterExpression("n > :v")
                        .expressionAttributeValues(Map.of(":v", AttributeValue.fromN("1")))
                        .scanFilter(Map.of("n", condition(ComparisonOperator.NOT_NULL)))),
                "ValidationException", "Can not use both expression and non-expression parameters in the same "
                        + "request: Non-expression parameters: {ScanFilter} Expression parameters: {FilterExpression}");
    }

    @Test
    void aScanOfAMissingTableIsResourceNotFound() {
        String missing = Tables.uniqueName("missing");
        assertError(() -> ddb.scan(b -> b.tableName(missing)), "ResourceNotFoundException",
                "Requested resource not found");
    }
}
