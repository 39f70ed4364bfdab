package io.jynamo.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.ConditionalOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.jynamo.it.DynamoAssertions.assertError;
import static io.jynamo.it.DynamoAssertions.assertErrorCode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Query: sort-key conditions on string and number keys in DynamoDB's order, ScanIndexForward, Limit and
 * LastEvaluatedKey paging (Limit counted before the filter, 1 MB pages), Select COUNT, projections, the legacy
 * KeyConditions and QueryFilter, and the validation messages DynamoDB gives.
 */
class QueryIT extends JynamoIT {
    /** Keyed by the string "pk" and the number "sk"; partition "p" holds sk 1..12, partition "q" sk 1..2. */
    private String table;

    @BeforeEach
    void table() {
        if (table != null) {
            return;
        }
        table = Tables.create(ddb, "query", "pk", ScalarAttributeType.S, "sk", ScalarAttributeType.N);
        for (int i = 1; i <= 12; i++) {
            int k = i;
            ddb.putItem(b -> b.tableName(table).item(Map.of("pk", s("p"), "sk", n(Integer.toString(k)),
                    "kind", s(k % 2 == 0 ? "even" : "odd"), "name", s("item " + k), "extra", s("x"))));
        }
        for (int i = 1; i <= 2; i++) {
            int k = i;
            ddb.putItem(b -> b.tableName(table).item(Map.of("pk", s("q"), "sk", n(Integer.toString(k)),
                    "kind", s("other"))));
        }
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(String v) {
        return AttributeValue.fromN(v);
    }

    private static List<String> sortKeys(List<Map<String, AttributeValue>> items) {
        return items.stream().map(i -> i.get("sk").n()).collect(Collectors.toList());
    }

    private static List<String> numbers(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> Integer.toString(i)).collect(Collectors.toList());
    }

    /** The sort keys of partition "p" that satisfy the sort-key part of a key condition. */
    private List<String> query(String sortKeyCondition, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":p", s("p"));
        return sortKeys(ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p AND " + sortKeyCondition)
                .expressionAttributeValues(all)).items());
    }

    private static boolean hasMore(QueryResponse page) {
        return page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty();
    }

    @Test
    void aPartitionComesInNumericSortKeyOrder() {
        QueryResponse r = ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p"))));
        assertThat(sortKeys(r.items())).containsExactlyElementsOf(numbers(1, 12));
        assertThat(r.count()).isEqualTo(12);
        assertThat(r.scannedCount()).isEqualTo(12);
        assertThat(hasMore(r)).as("no LastEvaluatedKey without Limit").isFalse();
        assertThat(r.items().get(0)).containsOnlyKeys("pk", "sk", "kind", "name", "extra");
    }

    @Test
    void sortKeyComparisonsOnANumberKeyCompareByValue() {
        assertThat(query("sk = :v", Map.of(":v", n("10")))).containsExactly("10");
        assertThat(query("sk = :v", Map.of(":v", n("10.0")))).containsExactly("10");
        assertThat(query("sk < :v", Map.of(":v", n("10")))).containsExactlyElementsOf(numbers(1, 9));
        assertThat(query("sk <= :v", Map.of(":v", n("2")))).containsExactly("1", "2");
        assertThat(query("sk > :v", Map.of(":v", n("9")))).containsExactly("10", "11", "12");
        assertThat(query("sk >= :v", Map.of(":v", n("11")))).containsExactly("11", "12");
        assertThat(query("sk BETWEEN :lo AND :hi", Map.of(":lo", n("2"), ":hi", n("10"))))
                .containsExactlyElementsOf(numbers(2, 10));
        assertThat(query("sk BETWEEN :lo AND :hi", Map.of(":lo", n("2.5"), ":hi", n("3.5")))).containsExactly("3");
        assertThat(query(":v < sk", Map.of(":v", n("10")))).as("value on the left").containsExactly("11", "12");
        assertThat(query("sk > :v", Map.of(":v", n("100")))).isEmpty();
    }

    @Test
    void sortKeyComparisonsOnAStringKeyCompareByBytes() {
        String words = Tables.createComposite(ddb, "querywords");
        for (String sk : List.of("ORDER#2026-01-10", "PROFILE", "item2", "ORDER#2025-12-31", "item10", "Z",
                "ORDER#2026-01-02")) {
            ddb.putItem(b -> b.tableName(words).item(Map.of("pk", s("c1"), "sk", s(sk))));
        }
        ddb.putItem(b -> b.tableName(words).item(Map.of("pk", s("c2"), "sk", s("ORDER#2026-01-01"))));

        List<String> all = ddb.query(b -> b.tableName(words).keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("c1")))).items().stream()
                .map(i -> i.get("sk").s()).collect(Collectors.toList());
        assertThat(all).containsExactly("ORDER#2025-12-31", "ORDER#2026-01-02", "ORDER#2026-01-10", "PROFILE", "Z",
                "item10", "item2");

        List<String> orders = ddb.query(b -> b.tableName(words)
                        .keyConditionExpression("pk = :p AND begins_with(sk, :prefix)")
                        .expressionAttributeValues(Map.of(":p", s("c1"), ":prefix", s("ORDER#")))).items().stream()
                .map(i -> i.get("sk").s()).collect(Collectors.toList());
        assertThat(orders).containsExactly("ORDER#2025-12-31", "ORDER#2026-01-02", "ORDER#2026-01-10");

        List<String> after = ddb.query(b -> b.tableName(words).keyConditionExpression("pk = :p AND sk > :v")
                        .expressionAttributeValues(Map.of(":p", s("c1"), ":v", s("item1")))).items().stream()
                .map(i -> i.get("sk").s()).collect(Collectors.toList());
        assertThat(after).containsExactly("item10", "item2");

        List<String> january = ddb.query(b -> b.tableName(words)
                        .keyConditionExpression("pk = :p AND sk BETWEEN :lo AND :hi")
                        .expressionAttributeValues(Map.of(":p", s("c1"), ":lo", s("ORDER#2026-01-01"),
                                ":hi", s("ORDER#2026-01-31")))).items().stream()
                .map(i -> i.get("sk").s()).collect(Collectors.toList());
        assertThat(january).containsExactly("ORDER#2026-01-02", "ORDER#2026-01-10");
    }

    @Test
    void scanIndexForwardFalseReturnsTheItemsInDescendingOrder() {
        QueryResponse all = ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p"))).scanIndexForward(false));
        List<String> expected = numbers(1, 12);
        Collections.reverse(expected);
        assertThat(sortKeys(all.items())).containsExactlyElementsOf(expected);

        QueryResponse below = ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p AND sk < :v")
                .expressionAttributeValues(Map.of(":p", s("p"), ":v", n("4"))).scanIndexForward(false));
        assertThat(sortKeys(below.items())).containsExactly("3", "2", "1");
    }

    @Test
    void limitAndLastEvaluatedKeyPageThroughEveryItemExactlyOnce() {
        for (boolean forward : List.of(true, false)) {
            List<String> seen = new ArrayList<>();
            List<Integer> pageSizes = new ArrayList<>();
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                QueryResponse page = ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("p"))).limit(5).scanIndexForward(forward)
                        .exclusiveStartKey(from));
                seen.addAll(sortKeys(page.items()));
                pageSizes.add(page.items().size());
                start = hasMore(page) ? page.lastEvaluatedKey() : null;
                if (start != null) {
                    Map<String, AttributeValue> last = page.items().get(page.items().size() - 1);
                    assertThat(start).as("LastEvaluatedKey is the key of the last item read")
                            .isEqualTo(Map.of("pk", last.get("pk"), "sk", last.get("sk")));
                }
            } while (start != null);
            List<String> expected = numbers(1, 12);
            if (!forward) {
                Collections.reverse(expected);
            }
            assertThat(seen).as("forward %s", forward).containsExactlyElementsOf(expected);
            assertThat(pageSizes).as("forward %s", forward).containsExactly(5, 5, 2);
        }
    }

    @Test
    void aPageThatReachesItsLimitHasALastEvaluatedKeyEvenAtTheEndOfThePartition() {
        QueryResponse first = ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("q"))).limit(2));
        assertThat(first.count()).isEqualTo(2);
        assertThat(first.lastEvaluatedKey()).isEqualTo(Map.of("pk", s("q"), "sk", n("2")));

        QueryResponse next = ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("q"))).limit(2)
                .exclusiveStartKey(first.lastEvaluatedKey()));
        assertThat(next.items()).isEmpty();
        assertThat(next.count()).isZero();
        assertThat(hasMore(next)).isFalse();

        QueryResponse roomy = ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("q"))).limit(3));
        assertThat(roomy.count()).isEqualTo(2);
        assertThat(hasMore(roomy)).isFalse();
    }

    @Test
    void anExclusiveStartKeyNeedNotExist() {
        QueryResponse r = ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p")))
                .exclusiveStartKey(Map.of("pk", s("p"), "sk", n("9.5"))));
        assertThat(sortKeys(r.items())).containsExactly("10", "11", "12");
    }

    @Test
    void limitCountsTheItemsReadBeforeTheFilter() {
        QueryResponse first = ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                .filterExpression("kind = :k").expressionAttributeValues(Map.of(":p", s("p"), ":k", s("even")))
                .limit(4));
        assertThat(sortKeys(first.items())).containsExactly("2", "4");
        assertThat(first.count()).isEqualTo(2);
        assertThat(first.scannedCount()).isEqualTo(4);
        assertThat(first.lastEvaluatedKey()).isEqualTo(Map.of("pk", s("p"), "sk", n("4")));

        QueryResponse second = ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                .filterExpression("kind = :k").expressionAttributeValues(Map.of(":p", s("p"), ":k", s("even")))
                .limit(4).exclusiveStartKey(first.lastEvaluatedKey()));
        assertThat(sortKeys(second.items())).containsExactly("6", "8");
        assertThat(second.scannedCount()).isEqualTo(4);

        QueryResponse emptyPage = ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                .filterExpression("kind = :k").expressionAttributeValues(Map.of(":p", s("p"), ":k", s("none")))
                .limit(3));
        assertThat(emptyPage.items()).isEmpty();
        assertThat(emptyPage.count()).isZero();
        assertThat(emptyPage.scannedCount()).isEqualTo(3);
        assertThat(emptyPage.lastEvaluatedKey()).as("an empty page still says where to go on")
                .isEqualTo(Map.of("pk", s("p"), "sk", n("3")));

        QueryResponse unlimited = ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                .filterExpression("kind = :k").expressionAttributeValues(Map.of(":p", s("p"), ":k", s("odd"))));
        assertThat(unlimited.count()).isEqualTo(6);
        assertThat(unlimited.scannedCount()).isEqualTo(12);
    }

    @Test
    void selectCountReturnsTheCountsAndNoItems() {
        QueryResponse count = ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p"))).select(Select.COUNT));
        assertThat(count.hasItems()).as("no Items member").isFalse();
        assertThat(count.count()).isEqualTo(12);
        assertThat(count.scannedCount()).isEqualTo(12);

        QueryResponse filtered = ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p AND sk <= :v")
                .filterExpression("kind = :k")
                .expressionAttributeValues(Map.of(":p", s("p"), ":v", n("10"), ":k", s("odd")))
                .select(Select.COUNT));
        assertThat(filtered.hasItems()).isFalse();
        assertThat(filtered.count()).isEqualTo(5);
        assertThat(filtered.scannedCount()).isEqualTo(10);

        QueryResponse limited = ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p"))).select(Select.COUNT).limit(5));
        assertThat(limited.count()).isEqualTo(5);
        assertThat(limited.lastEvaluatedKey()).isEqualTo(Map.of("pk", s("p"), "sk", n("5")));
    }

    @Test
    void projectionExpressionReturnsOnlyTheNamedAttributes() {
        QueryResponse r = ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p AND sk <= :v")
                .projectionExpression("#n, sk").expressionAttributeNames(Map.of("#n", "name"))
                .expressionAttributeValues(Map.of(":p", s("p"), ":v", n("2"))));
        assertThat(r.items()).hasSize(2).allSatisfy(i -> assertThat(i).containsOnlyKeys("name", "sk"));
        assertThat(r.items().get(0).get("name")).isEqualTo(s("item 1"));

        QueryResponse withFilter = ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                .filterExpression("#k = :k").projectionExpression("#n")
                .expressionAttributeNames(Map.of("#n", "name", "#k", "kind"))
                .expressionAttributeValues(Map.of(":p", s("p"), ":k", s("even"))));
        assertThat(withFilter.items()).hasSize(6)
                .allSatisfy(i -> assertThat(i).as("the filter's attribute need not be projected")
                        .containsOnlyKeys("name"));

        QueryResponse legacy = ddb.query(b -> b.tableName(table)
                .keyConditions(Map.of("pk", Condition.builder().comparisonOperator(ComparisonOperator.EQ)
                        .attributeValueList(s("q")).build()))
                .attributesToGet("kind", "missing"));
        assertThat(legacy.items()).hasSize(2).allSatisfy(i -> assertThat(i).containsOnlyKeys("kind"));
    }

    @Test
    void legacyKeyConditionsAndQueryFilterSelectTheSameItems() {
        QueryResponse r = ddb.query(b -> b.tableName(table)
                .keyConditions(Map.of(
                        "pk", Condition.builder().comparisonOperator(ComparisonOperator.EQ)
                                .attributeValueList(s("p")).build(),
                        "sk", Condition.builder().comparisonOperator(ComparisonOperator.BETWEEN)
                                .attributeValueList(n("3"), n("9")).build()))
                .queryFilter(Map.of("kind", Condition.builder().comparisonOperator(ComparisonOperator.EQ)
                        .attributeValueList(s("odd")).build())));
        assertThat(sortKeys(r.items())).containsExactly("3", "5", "7", "9");
        assertThat(r.count()).isEqualTo(4);
        assertThat(r.scannedCount()).isEqualTo(7);

        QueryResponse greater = ddb.query(b -> b.tableName(table).scanIndexForward(false)
                .keyConditions(Map.of(
                        "pk", Condition.builder().comparisonOperator(ComparisonOperator.EQ)
                                .attributeValueList(s("p")).build(),
                        "sk", Condition.builder().comparisonOperator(ComparisonOperator.GT)
                                .attributeValueList(n("9")).build()))
                .attributesToGet("sk"));
        assertThat(greater.items()).extracting(i -> i.get("sk").n()).containsExactly("12", "11", "10");
        assertThat(greater.items()).allSatisfy(i -> assertThat(i).containsOnlyKeys("sk"));

        QueryResponse onlyHash = ddb.query(b -> b.tableName(table)
                .keyConditions(Map.of("pk", Condition.builder().comparisonOperator(ComparisonOperator.EQ)
                        .attributeValueList(s("q")).build()))
                .queryFilter(Map.of("kind", Condition.builder().comparisonOperator(ComparisonOperator.NOT_NULL)
                        .build())));
        assertThat(sortKeys(onlyHash.items())).containsExactly("1", "2");
    }

    @Test
    void aKeyConditionMustConstrainThePartitionKey() {
        assertError(() -> ddb.query(b -> b.tableName(table).keyConditionExpression("sk = :v")
                        .expressionAttributeValues(Map.of(":v", n("1")))), "ValidationException",
                "Query condition missed key schema element: pk");
        assertError(() -> ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p AND kind = :k")
                        .expressionAttributeValues(Map.of(":p", s("p"), ":k", s("odd")))), "ValidationException",
                "Query condition missed key schema element: sk");
        assertError(() -> ddb.query(b -> b.tableName(table)), "ValidationException",
                "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        assertError(() -> ddb.query(b -> b.tableName(table).filterExpression("kind = :k")
                        .expressionAttributeValues(Map.of(":k", s("odd")))), "ValidationException",
                "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
    }

    @Test
    void keyConditionsAllowOnlyOneConditionPerKeyJoinedByAnd() {
        assertError(() -> ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p OR sk = :v")
                        .expressionAttributeValues(Map.of(":p", s("p"), ":v", n("1")))), "ValidationException",
                "Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: OR");
        assertError(() -> ddb.query(b -> b.tableName(table)
                        .keyConditionExpression("pk = :p AND sk > :a AND sk < :b")
                        .expressionAttributeValues(Map.of(":p", s("p"), ":a", n("1"), ":b", n("5")))),
                "ValidationException", "Invalid KeyConditionExpression: KeyConditionExpressions must only contain one "
                        + "condition per key");
        assertError(() -> ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p AND sk = :v")
                        .expressionAttributeValues(Map.of(":p", s("p"), ":v", s("1")))), "ValidationException",
                "One or more parameter values were invalid: Condition parameter type does not match schema type");
        assertError(() -> ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                        .keyConditions(Map.of("pk", Condition.builder().comparisonOperator(ComparisonOperator.EQ)
                                .attributeValueList(s("p")).build()))
                        .expressionAttributeValues(Map.of(":p", s("p")))), "ValidationException",
                "Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {KeyConditions} Expression parameters: {KeyConditionExpression}");
    }

    /** KeyConditions conflicts only with KeyConditionExpression (DynamoDB's rule, recorded by Alternator and ExtendDB). */
    @Test
    void legacyKeyConditionsGoWithFilterAndProjectionExpressions() {
        Map<String, Condition> partition = Map.of("pk", Condition.builder().comparisonOperator(ComparisonOperator.EQ)
                .attributeValueList(s("p")).build());
        QueryResponse r = ddb.query(b -> b.tableName(table).keyConditions(partition).filterExpression("#n IN (:a, :b)")
                .projectionExpression("sk").expressionAttributeNames(Map.of("#n", "name"))
                .expressionAttributeValues(Map.of(":a", s("item 1"), ":b", s("item 2"))));
        assertThat(r.items()).containsExactly(Map.of("sk", n("1")), Map.of("sk", n("2")));
        assertThat(r.scannedCount()).isEqualTo(12);

        assertError(() -> ddb.query(b -> b.tableName(table).keyConditions(partition).projectionExpression("sk")
                        .queryFilter(Map.of("kind", Condition.builder().comparisonOperator(ComparisonOperator.NOT_NULL)
                                .build()))), "ValidationException",
                "Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {QueryFilter} Expression parameters: {ProjectionExpression}");
        assertError(() -> ddb.query(b -> b.tableName(table).keyConditions(partition)
                        .conditionalOperator(ConditionalOperator.OR)), "ValidationException",
                "ConditionalOperator cannot be used without Filter or Expected");
        assertError(() -> ddb.query(b -> b.tableName(table).keyConditions(partition)
                        .conditionalOperator(ConditionalOperator.AND)
                        .queryFilter(Map.of("kind", Condition.builder().comparisonOperator(ComparisonOperator.NOT_NULL)
                                .build()))), "ValidationException",
                "ConditionalOperator can only be used when Filter or Expected has two or more elements");
    }

    @Test
    void keyConditionsOnNestedAttributesOrInRedundantParenthesesAreRefused() {
        assertError(() -> ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p AND sk.x > :v")
                        .expressionAttributeValues(Map.of(":p", s("p"), ":v", n("1")))), "ValidationException",
                "Invalid KeyConditionExpression: KeyConditionExpressions cannot have conditions on nested attributes");
        assertError(() -> ddb.query(b -> b.tableName(table).keyConditionExpression("((pk = :p))")
                        .expressionAttributeValues(Map.of(":p", s("p")))), "ValidationException",
                "Invalid KeyConditionExpression: The expression has redundant parentheses;");
    }

    /** A start key of the wrong shape, as DynamoDB reports it for a Query (dynalite's and Alternator's recordings). */
    @Test
    void startKeysMustBeTheTablesKey() {
        assertError(() -> ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("p"))).exclusiveStartKey(Map.of("pk", s("p")))),
                "ValidationException", "The provided starting key is invalid");
        assertError(() -> ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("p")))
                        .exclusiveStartKey(Map.of("pk", s("p"), "sk", s("1")))), "ValidationException",
                "The provided key element does not match the schema");
        assertError(() -> ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("p")))
                        .exclusiveStartKey(Map.of("pk", s("other"), "sk", n("1")))), "ValidationException",
                "The provided starting key is outside query boundaries based on provided conditions");
    }

    @Test
    void aFilterMayNotUseTheKeyAttributes() {
        assertError(() -> ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                        .filterExpression("sk > :v").expressionAttributeValues(Map.of(":p", s("p"), ":v", n("1")))),
                "ValidationException",
                "Filter Expression can only contain non-primary key attributes: Primary key attribute: sk");
        assertError(() -> ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                        .filterExpression("kind = :k AND pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("p"), ":k", s("odd")))),
                "ValidationException",
                "Filter Expression can only contain non-primary key attributes: Primary key attribute: pk");
        assertError(() -> ddb.query(b -> b.tableName(table)
                        .keyConditions(Map.of("pk", Condition.builder().comparisonOperator(ComparisonOperator.EQ)
                                .attributeValueList(s("p")).build()))
                        .queryFilter(Map.of("sk", Condition.builder().comparisonOperator(ComparisonOperator.GT)
                                .attributeValueList(n("1")).build()))), "ValidationException",
                "QueryFilter can only contain non-primary key attributes: Primary key attribute: sk");
    }

    @Test
    void selectMustAgreeWithTheProjection() {
        assertError(() -> ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("p"))).select(Select.ALL_ATTRIBUTES)
                        .projectionExpression("kind")), "ValidationException",
                "Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES");
        assertError(() -> ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("p"))).select(Select.COUNT)
                        .projectionExpression("kind")), "ValidationException",
                "Cannot specify the ProjectionExpression when choosing to get only the Count");
        assertError(() -> ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("p"))).select(Select.ALL_PROJECTED_ATTRIBUTES)),
                "ValidationException", "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
        assertErrorCode(() -> ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("p"))).select(Select.SPECIFIC_ATTRIBUTES)),
                "ValidationException");
        assertError(() -> ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("p"))).select("INVALID_VALUE")),
                "ValidationException", "1 validation error detected: Value 'INVALID_VALUE' at 'select' failed to "
                        + "satisfy constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, "
                        + "ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]");
    }

    @Test
    void requestParametersAreCheckedBeforeAnythingIsRead() {
        assertError(() -> ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("p"), ":unused", s("x")))), "ValidationException",
                "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}");
        assertError(() -> ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("p"))).limit(0)), "ValidationException",
                "1 validation error detected: Value at 'Limit' failed to satisfy constraint: Member must have value "
                        + "greater than or equal to 1");
        assertError(() -> ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("p")))
                        .exclusiveStartKey(Map.of("pk", s("q"), "sk", n("1")))), "ValidationException",
                "The provided starting key is outside query boundaries based on provided conditions");
    }

    @Test
    void aQueryOnAMissingTableIsResourceNotFound() {
        String missing = Tables.uniqueName("missing");
        assertError(() -> ddb.query(b -> b.tableName(missing).keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("p")))), "ResourceNotFoundException",
                "Requested resource not found");
    }

    @Test
    void aPageEndsAfterOneMegabyteRead() {
        String large = Tables.createComposite(ddb, "querylarge");
        String data = "x".repeat(300 * 1024);
        for (int i = 1; i <= 5; i++) {
            String sk = "item" + i;
            ddb.putItem(b -> b.tableName(large).item(Map.of("pk", s("big"), "sk", s(sk), "data", s(data))));
        }
        ddb.putItem(b -> b.tableName(large).item(Map.of("pk", s("small"), "sk", s("only"))));

        QueryResponse first = ddb.query(b -> b.tableName(large).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("big"))));
        // 3 items are 900 KB; the 4th crosses 1 MB and is still returned, then the page ends
        assertThat(first.items()).hasSize(4);
        assertThat(first.scannedCount()).isEqualTo(4);
        assertThat(first.lastEvaluatedKey()).isEqualTo(Map.of("pk", s("big"), "sk", s("item4")));

        List<String> seen = new ArrayList<>();
        first.items().forEach(i -> seen.add(i.get("sk").s()));
        Map<String, AttributeValue> start = first.lastEvaluatedKey();
        int pages = 1;
        while (start != null) {
            Map<String, AttributeValue> from = start;
            QueryResponse page = ddb.query(b -> b.tableName(large).keyConditionExpression("pk = :p")
                    .expressionAttributeValues(Map.of(":p", s("big"))).exclusiveStartKey(from));
            page.items().forEach(i -> seen.add(i.get("sk").s()));
            assertThat(page.items()).allSatisfy(i -> assertThat(i.get("data").s()).hasSize(300 * 1024));
            start = hasMore(page) ? page.lastEvaluatedKey() : null;
            pages++;
            assertThat(pages).as("pages").isLessThanOrEqualTo(5);
        }
        assertThat(seen).containsExactly("item1", "item2", "item3", "item4", "item5");
    }
}
