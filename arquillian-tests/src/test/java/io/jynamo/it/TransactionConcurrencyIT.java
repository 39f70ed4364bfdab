package io.jynamo.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.BeanTableSchemaParams;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbVersionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.jynamo.it.TransactWriteItemsIT.n;
import static io.jynamo.it.TransactWriteItemsIT.s;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many clients at once, as applications use Jynamo: conditional counters lose no update, transfers between accounts
 * keep the total (and every reader sees it kept), the enhanced client's optimistic locking admits exactly one writer
 * per version, and concurrent retries of one ClientRequestToken apply the transaction once. Clients retry conflicts
 * the way DynamoDB applications do: a cancelled transaction or a TransactionConflictException is tried again.
 */
class TransactionConcurrencyIT extends JynamoIT {
    private static final int THREADS = 8;

    private String table;

    @BeforeEach
    void table() {
        if (table == null) {
            table = Tables.createHashOnly(ddb, "concurrency");
        }
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", s(pk));
    }

    private long number(String pk, String attribute) {
        return Long.parseLong(ddb.getItem(b -> b.tableName(table).key(key(pk)).consistentRead(true)).item()
                .get(attribute).n());
    }

    /** Runs the task on THREADS threads at once and returns their results. */
    private static <T> List<T> onAllThreads(Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(5, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Whether a cancellation was caused by conflicts only (so that trying again may succeed). */
    private static boolean conflictedOnly(TransactionCanceledException e) {
        return e.cancellationReasons().stream().map(CancellationReason::code)
                .allMatch(code -> code.equals("None") || code.equals("TransactionConflict"));
    }

    @Test
    void concurrentIncrementsLoseNoUpdate() throws Exception {
        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", s("counter"), "plain", n(0), "checked", n(0))));
        int perThread = 50;
        onAllThreads(() -> {
            for (int i = 0; i < perThread; i++) {
                // unconditional: ADD is applied to whatever the item holds when the write runs
                ddb.updateItem(b -> b.tableName(table).key(key("counter")).updateExpression("ADD plain :one")
                        .expressionAttributeValues(Map.of(":one", n(1))));
                // compare-and-set: read, then write only if nobody wrote in between
                while (true) {
                    long seen = number("counter", "checked");
                    try {
                        ddb.updateItem(b -> b.tableName(table).key(key("counter"))
                                .updateExpression("SET checked = :next").conditionExpression("checked = :seen")
                                .expressionAttributeValues(Map.of(":next", n(seen + 1), ":seen", n(seen))));
                        break;
                    } catch (ConditionalCheckFailedException lostRace) {
                        // someone else wrote first: read again
                    }
                }
            }
            return null;
        });
        assertThat(number("counter", "plain")).isEqualTo(THREADS * perThread);
        assertThat(number("counter", "checked")).isEqualTo(THREADS * perThread);
    }

    @Test
    void transfersKeepTheTotalAndEveryTransactionalReadSeesItKept() throws Exception {
        int accounts = 6;
        long opening = 1000;
        List<TransactGetItem> readAll = new ArrayList<>();
        for (int a = 0; a < accounts; a++) {
            String pk = "account-" + a;
            ddb.putItem(b -> b.tableName(table).item(Map.of("pk", s(pk), "balance", n(opening))));
            readAll.add(TransactGetItem.builder().get(g -> g.tableName(table).key(key(pk))).build());
        }
        long[] expected = new long[accounts];
        java.util.Arrays.fill(expected, opening);
        ConcurrentLinkedQueue<long[]> done = new ConcurrentLinkedQueue<>();
        AtomicInteger insufficient = new AtomicInteger();
        AtomicBoolean writing = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Long> totals = new ConcurrentLinkedQueue<>();

        ExecutorService readerThread = Executors.newSingleThreadExecutor();
        Future<?> reader = readerThread.submit(() -> {
            while (writing.get()) {
                var response = ddb.transactGetItems(b -> b.transactItems(readAll));
                totals.add(response.responses().stream().mapToLong(r -> Long.parseLong(r.item().get("balance").n()))
                        .sum());
            }
            return null;
        });
        try {
            onAllThreads(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < 40; i++) {
                    int from = random.nextInt(accounts);
                    int to = (from + 1 + random.nextInt(accounts - 1)) % accounts;
                    long amount = 1 + random.nextInt(300);
                    TransactWriteItem debit = TransactWriteItem.builder().update(u -> u.tableName(table)
                            .key(key("account-" + from)).updateExpression("SET balance = balance - :x")
                            .conditionExpression("balance >= :x")
                            .expressionAttributeValues(Map.of(":x", n(amount)))).build();
                    TransactWriteItem credit = TransactWriteItem.builder().update(u -> u.tableName(table)
                            .key(key("account-" + to)).updateExpression("SET balance = balance + :x")
                            .expressionAttributeValues(Map.of(":x", n(amount)))).build();
                    while (true) {
                        try {
                            ddb.transactWriteItems(b -> b.transactItems(debit, credit));
                            done.add(new long[] {from, to, amount});
                            break;
                        } catch (TransactionCanceledException e) {
                            if (!conflictedOnly(e)) {
                                insufficient.incrementAndGet();
                                break;
                            }
                            Thread.sleep(random.nextInt(5));
                        }
                    }
                }
                return null;
            });
        } finally {
            writing.set(false);
            readerThread.shutdown();
        }
        reader.get(1, TimeUnit.MINUTES); // the reader's own failures fail the test

        for (long[] t : done) {
            expected[(int) t[0]] -= t[2];
            expected[(int) t[1]] += t[2];
        }
        long total = 0;
        for (int a = 0; a < accounts; a++) {
            long balance = number("account-" + a, "balance");
            assertThat(balance).as("account-%s", a).isEqualTo(expected[a]).isNotNegative();
            total += balance;
        }
        assertThat(total).isEqualTo(accounts * opening);
        assertThat(totals).hasSizeGreaterThan(10).allMatch(t -> t == accounts * opening);
        assertThat(done).hasSize(THREADS * 40 - insufficient.get());
    }

    @Test
    void singleWritesAndTransactionsOnOneItemConflictButLoseNothing() throws Exception {
        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", s("shared"), "n", n(0))));
        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", s("partner"), "n", n(0))));
        int perThread = 25;
        AtomicInteger singleConflicts = new AtomicInteger();
        AtomicInteger cancelled = new AtomicInteger();
        AtomicInteger thread = new AtomicInteger();
        onAllThreads(() -> {
            boolean transactional = thread.getAndIncrement() % 2 == 0;
            for (int i = 0; i < perThread; i++) {
                while (true) {
                    try {
                        if (transactional) {
                            ddb.transactWriteItems(b -> b.transactItems(
                                    increment("shared"), increment("partner")));
                        } else {
                            ddb.updateItem(b -> b.tableName(table).key(key("shared")).updateExpression("ADD n :one")
                                    .expressionAttributeValues(Map.of(":one", n(1))));
                        }
                        break;
                    } catch (TransactionConflictException e) {
                        singleConflicts.incrementAndGet();
                    } catch (TransactionCanceledException e) {
                        assertThat(conflictedOnly(e)).as("cancelled for conflicts only").isTrue();
                        cancelled.incrementAndGet();
                    }
                }
            }
            return null;
        });
        assertThat(number("shared", "n")).isEqualTo(THREADS * perThread);
        assertThat(number("partner", "n")).isEqualTo(THREADS / 2 * perThread);
        // the load is high enough that both kinds of conflict occur; each was retried and lost nothing
        assertThat(singleConflicts.get() + cancelled.get()).isPositive();
    }

    private TransactWriteItem increment(String pk) {
        return TransactWriteItem.builder().update(u -> u.tableName(table).key(key(pk)).updateExpression("ADD n :one")
                .expressionAttributeValues(Map.of(":one", n(1)))).build();
    }

    @Test
    void optimisticLockingWithTheEnhancedClientAdmitsOneWriterPerVersion() throws Exception {
        DynamoDbTable<Document> documents = DynamoDbEnhancedClient.builder().dynamoDbClient(ddb).build()
                .table(table, TableSchema.fromBean(BeanTableSchemaParams.builder(Document.class)
                        .lookup(MethodHandles.lookup()).build()));
        Document created = new Document();
        created.setPk("document");
        created.setEdits(0);
        documents.putItem(created);
        int perThread = 20;
        onAllThreads(() -> {
            for (int i = 0; i < perThread; i++) {
                while (true) {
                    Document d = documents.getItem(r -> r.key(Key.builder().partitionValue("document").build())
                            .consistentRead(true));
                    d.setEdits(d.getEdits() + 1);
                    try {
                        documents.updateItem(d);
                        break;
                    } catch (ConditionalCheckFailedException stale) {
                        // another thread wrote this version first: read again
                    }
                }
            }
            return null;
        });
        Document last = documents.getItem(r -> r.key(Key.builder().partitionValue("document").build())
                .consistentRead(true));
        assertThat(last.getEdits()).isEqualTo(THREADS * perThread);
        // the first put wrote version 1; every successful update added one
        assertThat(last.getVersion()).isEqualTo(1L + THREADS * perThread);
    }

    @Test
    void concurrentRetriesOfOneTokenApplyTheTransactionOnce() throws Exception {
        // the SDK retries TransactionInProgressException by itself, as applications' clients do by default
        DynamoDbClient retrying = DynamoDbClient.builder().endpointOverride(endpoint)
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        Clients.administrator()))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD))
                .build();
        for (int round = 0; round < 5; round++) {
            String token = UUID.randomUUID().toString();
            TransactWriteItem increment = TransactWriteItem.builder().update(u -> u.tableName(table)
                    .key(key("once")).updateExpression("ADD n :one")
                    .expressionAttributeValues(Map.of(":one", n(1)))).build();
            onAllThreads(() -> retrying.transactWriteItems(b -> b.clientRequestToken(token).transactItems(increment)));
            assertThat(number("once", "n")).isEqualTo(round + 1);
        }
    }

    /** A document edited under optimistic locking: the enhanced client writes only if the version is unchanged. */
    @DynamoDbBean
    public static class Document {
        private String pk;
        private int edits;
        private Long version;

        @DynamoDbPartitionKey
        public String getPk() {
            return pk;
        }

        public void setPk(String pk) {
            this.pk = pk;
        }

        public int getEdits() {
            return edits;
        }

        public void setEdits(int edits) {
            this.edits = edits;
        }

        @DynamoDbVersionAttribute
        public Long getVersion() {
            return version;
        }

        public void setVersion(Long version) {
            this.version = version;
        }
    }
}
