package io.jynamo.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static io.jynamo.it.TransactWriteItemsIT.n;
import static io.jynamo.it.TransactWriteItemsIT.s;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash safety: under a load of puts, counter updates and transfer transactions, the server JVM is killed with
 * SIGKILL, started again, and the data checked. Every write the server acknowledged must be there, and every
 * transaction must be there whole or not at all: the balances equal the opening balances plus exactly the transfers
 * whose records exist. Transfers whose outcome the client could not know (the connection died) are retried with
 * their ClientRequestToken after the restart, and must then be applied exactly once; one client gives up on its
 * calls after 3 ms, so that some transactions commit unbeknown to it and their retries are replays.
 *
 * <p>The server is a WildFly process of this test's own (port 8300) on a database of its own; the cycle runs
 * {@code jynamo.crash.cycles} times (default 2). Run it alone with:
 * {@code mvn install -DskipTests && mvn -pl arquillian-tests verify -Dit.test=CrashRecoveryIT}.
 */
class CrashRecoveryIT {
    private static final String DATABASE = "jynamo_crash";
    private static final String TABLE = "crash-test";
    private static final int ACCOUNTS = 10;
    private static final long OPENING_BALANCE = 1000;
    private static final Duration LOAD_BEFORE_KILL = Duration.ofSeconds(3);

    private static JynamoServer server;
    private static String crashDatabaseUrl;
    private static DynamoDbClient ddb;
    /**
     * A client that gives up on a call after a few milliseconds, so that some of its transactions commit on the server
     * without the client learning of it: their retries after the restart must be replays.
     */
    private static DynamoDbClient impatient;

    /** Puts the server acknowledged, by key. */
    private final Set<String> acknowledgedPuts = ConcurrentHashMap.newKeySet();
    /** Per counter: increments acknowledged, increments sent. */
    private final Map<String, AtomicLong[]> counters = new ConcurrentHashMap<>();
    /** Transfers by token: acknowledged, cancelled, and those whose outcome is unknown. */
    private final Map<String, Transfer> acknowledgedTransfers = new ConcurrentHashMap<>();
    private final Set<String> cancelledTransfers = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Transfer> unknownTransfers = new ConcurrentLinkedQueue<>();
    /** Puts that failed (the server died under them). */
    private final AtomicLong failedPuts = new AtomicLong();

    private record Transfer(String token, int from, int to, long amount) { }

    @BeforeAll
    static void startServer() throws Exception {
        String url = System.getProperty("jynamo.test.db.url");
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8'");
        }
        crashDatabaseUrl = url.replaceFirst("/[^/?]*(\\?|$)", "/" + DATABASE + "$1");
        server = new JynamoServer(Path.of("target", "crash-server").toAbsolutePath(), 300, crashDatabaseUrl)
                // restores in small steps, resumed soon after a restart: one can be killed halfway
                .property("jynamo.restore.batch-items", "50")
                .property("jynamo.job.table-restore.interval-seconds", "2")
                // exports in small files, resumed soon after a restart
                .property("jynamo.s3.endpoint", System.getProperty("jynamo.test.s3.endpoint"))
                .property("jynamo.s3.access-key-id", "suite")
                .property("jynamo.s3.secret-access-key", "suite")
                .property("jynamo.export.file-items", "200")
                .property("jynamo.job.table-export.interval-seconds", "2")
                .property("jynamo.job.backup-create.interval-seconds", "2");
        server.install();
        server.start();
        ddb = DynamoDbClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(Clients.administrator()))
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(20)).build())
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .build();
        impatient = DynamoDbClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(Clients.administrator()))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1))
                        .apiCallTimeout(Duration.ofMillis(3)))
                .build();
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (ddb != null) {
            ddb.close();
            impatient.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void acknowledgedWritesSurviveAKilledServerAndNoTransactionIsHalfApplied() throws Exception {
        ddb.createTable(Tables.hashOnlyRequest(TABLE));
        Tables.awaitActive(ddb, TABLE);
        for (int a = 0; a < ACCOUNTS; a++) {
            String pk = account(a);
            ddb.putItem(b -> b.tableName(TABLE).item(Map.of("pk", s(pk), "balance", n(OPENING_BALANCE))));
        }
        int cycles = Integer.getInteger("jynamo.crash.cycles", 2);
        int replayed = 0;
        for (int cycle = 1; cycle <= cycles; cycle++) {
            runLoadAndKill();
            int unknown = unknownTransfers.size();
            server.start();
            // those that committed before the kill must now be replayed, not applied again (verify would see it)
            int committed = committedTokens(unknownTransfers);
            replayed += committed;
            retryUnknownTransfers();
            verify();
            System.out.printf("cycle %d: after SIGKILL and restart, %d acknowledged puts, %d acknowledged transfers "
                            + "(%d of them retried after the crash, outcome unknown before; %d of those had committed "
                            + "and were replayed), %d counter increments acknowledged: all present, balances "
                            + "consistent%n", cycle, acknowledgedPuts.size(), acknowledgedTransfers.size(), unknown,
                    committed, counters.values().stream().mapToLong(c -> c[0].get()).sum());
        }
        assertThat(replayed).as("retries that were replays of committed transactions").isPositive();
    }

    @Test
    void aRestoreKilledHalfwayGoesOnFromItsLastStepAfterTheRestart() throws Exception {
        String source = "restore-source";
        ddb.createTable(Tables.hashOnlyRequest(source));
        Tables.awaitActive(ddb, source);
        Set<Map<String, AttributeValue>> items = load12000(source);
        String arn = ddb.createBackup(b -> b.tableName(source).backupName("before-crash")).backupDetails()
                .backupArn();
        Tables.eventually(Duration.ofSeconds(60), () -> ddb.describeBackup(b -> b.backupArn(arn)).backupDescription()
                .backupDetails().backupStatusAsString().equals("AVAILABLE"));

        String target = "restore-target";
        ddb.restoreTableFromBackup(b -> b.targetTableName(target).backupArn(arn));
        long copiedAtKill;
        try (Connection c = java.sql.DriverManager.getConnection(crashDatabaseUrl,
                System.getProperty("jynamo.test.db.user"), System.getProperty("jynamo.test.db.password"))) {
            Tables.eventually(Duration.ofSeconds(30), () -> copied(c, target) > 0);
            server.kill(() -> { });
            copiedAtKill = copied(c, target);
        }
        // killed halfway: some steps committed, not all
        assertThat(copiedAtKill).isPositive().isLessThan(12_000);

        server.start();
        // the restarted node may already have finished the last steps by now, so only the source is asserted here
        assertThat(ddb.describeTable(b -> b.tableName(target)).table().restoreSummary().sourceBackupArn())
                .isEqualTo(arn);
        Tables.eventually(Duration.ofSeconds(120), () -> ddb.describeTable(b -> b.tableName(target)).table()
                .tableStatusAsString().equals("ACTIVE"));
        Set<Map<String, AttributeValue>> restored = new java.util.HashSet<>();
        ddb.scanPaginator(b -> b.tableName(target)).items().forEach(restored::add);
        assertThat(restored).hasSize(12_000).isEqualTo(items);
        System.out.printf("restore killed after %d of 12,000 items, resumed after the restart: all 12,000 there%n",
                copiedAtKill);
    }

    @Test
    void anExportKilledHalfwayGoesOnFromItsLastFileAfterTheRestart() throws Exception {
        String source = "export-source";
        ddb.createTable(Tables.hashOnlyRequest(source));
        Tables.awaitActive(ddb, source);
        ddb.updateContinuousBackups(b -> b.tableName(source)
                .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
        Set<String> keys = new java.util.HashSet<>();
        load12000(source).forEach(i -> keys.add(i.get("pk").s()));
        String prefix = "crash/" + System.currentTimeMillis();
        String arn = ddb.exportTableToPointInTime(b -> b.tableArn("arn:aws:dynamodb:us-east-1:000000000000:table/"
                + source).s3Bucket(TestObjectStore.BUCKET).s3Prefix(prefix)).exportDescription().exportArn();
        long filesAtKill;
        try (Connection c = java.sql.DriverManager.getConnection(crashDatabaseUrl,
                System.getProperty("jynamo.test.db.user"), System.getProperty("jynamo.test.db.password"))) {
            Tables.eventually(Duration.ofSeconds(60), () -> exportFiles(c, arn) > 0);
            server.kill(() -> { });
            filesAtKill = exportFiles(c, arn);
        }
        // killed halfway: some files recorded, not all 60
        assertThat(filesAtKill).isPositive().isLessThan(60);

        server.start();
        Tables.eventually(Duration.ofSeconds(120), () -> ddb.describeExport(b -> b.exportArn(arn))
                .exportDescription().exportStatusAsString().equals("COMPLETED"));
        var d = ddb.describeExport(b -> b.exportArn(arn)).exportDescription();
        assertThat(d.itemCount()).isEqualTo(12_000);
        // every item in exactly one of the files the manifest names (a file written but not recorded before the kill
        // is named by no manifest)
        List<String> exported = new ArrayList<>();
        try (var s3 = TestObjectStore.client()) {
            String folder = d.exportManifest().substring(0, d.exportManifest().lastIndexOf('/') + 1);
            String files = s3.getObjectAsBytes(b -> b.bucket(TestObjectStore.BUCKET)
                    .key(folder + "manifest-files.json")).asUtf8String();
            for (String line : files.split("\n")) {
                String key = JSON.readTree(line).get("dataFileS3Key").asText();
                byte[] gz = s3.getObjectAsBytes(b -> b.bucket(TestObjectStore.BUCKET).key(key)).asByteArray();
                String text = new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz))
                        .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                for (String item : text.split("\n")) {
                    if (!item.isEmpty()) {
                        exported.add(JSON.readTree(item).at("/Item/pk/S").asText());
                    }
                }
            }
        }
        assertThat(exported).hasSize(12_000).doesNotHaveDuplicates();
        assertThat(new java.util.HashSet<>(exported)).isEqualTo(keys);
        System.out.printf("export killed after %d of 60 data files, resumed after the restart: all 12,000 items "
                + "exported once%n", filesAtKill);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** How many data files the export has recorded. */
    private static long exportFiles(Connection c, String arn) {
        try (Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM"
                + " table_export_file f JOIN table_export e ON e.id = f.export_id WHERE e.arn = '" + arn + "'")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes items item-0 to item-11999 into the table; returns them. */
    private Set<Map<String, AttributeValue>> load12000(String table) {
        Set<Map<String, AttributeValue>> items = new java.util.HashSet<>();
        List<software.amazon.awssdk.services.dynamodb.model.WriteRequest> batch = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            Map<String, AttributeValue> item = Map.of("pk", s("item-" + i), "n", n(i));
            items.add(item);
            batch.add(software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
                    .putRequest(p -> p.item(item)).build());
            if (batch.size() == 25) {
                List<software.amazon.awssdk.services.dynamodb.model.WriteRequest> requests = List.copyOf(batch);
                assertThat(ddb.batchWriteItem(b -> b.requestItems(Map.of(table, requests))).unprocessedItems())
                        .isEmpty();
                batch.clear();
            }
        }
        return items;
    }

    /** How many items the restore of a table has copied; -1 when it is not being restored (any more). */
    private static long copied(Connection c, String table) {
        try (Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery("SELECT r.copied FROM"
                + " table_restore r JOIN catalog_table t ON t.id = r.table_id WHERE t.name = '" + table + "'")) {
            return rs.next() ? rs.getLong(1) : -1;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String account(int a) {
        return "account-" + a;
    }

    /** Runs writers, counters and transfers on several threads, kills the server under them, and stops them. */
    private void runLoadAndKill() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            int thread = t;
            threads.add(new Thread(() -> putItems(running, thread)));
            threads.add(new Thread(() -> transfer(running, thread == 0 ? impatient : ddb)));
        }
        for (int t = 0; t < 2; t++) {
            String counter = "counter-" + t;
            counters.putIfAbsent(counter, new AtomicLong[] {new AtomicLong(), new AtomicLong()});
            threads.add(new Thread(() -> increment(running, counter)));
        }
        int putsBefore = acknowledgedPuts.size();
        int transfersBefore = acknowledgedTransfers.size();
        threads.forEach(Thread::start);
        Thread.sleep(LOAD_BEFORE_KILL.toMillis());
        // the clients stop sending once the kill is under way; the requests they have in flight meet it
        server.kill(() -> running.set(false));
        for (Thread t : threads) {
            t.join();
        }
        // the kill came in the middle of the load: writes were acknowledged before it, and some were under way
        assertThat(acknowledgedPuts.size()).isGreaterThan(putsBefore);
        assertThat(acknowledgedTransfers.size()).isGreaterThan(transfersBefore);
        long interrupted = failedPuts.get() + unknownTransfers.size()
                + counters.values().stream().mapToLong(c -> c[1].get() - c[0].get()).sum();
        assertThat(interrupted).as("requests under way when the server was killed").isPositive();
    }

    private void putItems(AtomicBoolean running, int thread) {
        String prefix = "put-" + UUID.randomUUID() + "-" + thread + "-";
        for (int i = 0; running.get(); i++) {
            String pk = prefix + i;
            try {
                ddb.putItem(b -> b.tableName(TABLE).item(Map.of("pk", s(pk), "payload", s("p".repeat(200)))));
                acknowledgedPuts.add(pk);
            } catch (RuntimeException serverGone) {
                failedPuts.incrementAndGet();
                pause();
            }
        }
    }

    private void increment(AtomicBoolean running, String counter) {
        AtomicLong[] counts = counters.get(counter);
        while (running.get()) {
            counts[1].incrementAndGet();
            try {
                ddb.updateItem(b -> b.tableName(TABLE).key(Map.of("pk", s(counter))).updateExpression("ADD n :one")
                        .expressionAttributeValues(Map.of(":one", n(1))));
                counts[0].incrementAndGet();
            } catch (RuntimeException serverGone) {
                pause();
            }
        }
    }

    private void transfer(AtomicBoolean running, DynamoDbClient client) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running.get()) {
            int from = random.nextInt(ACCOUNTS);
            Transfer t = new Transfer(UUID.randomUUID().toString(), from,
                    (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS, 1 + random.nextInt(100));
            try {
                send(client, t);
                acknowledgedTransfers.put(t.token(), t);
            } catch (TransactionCanceledException e) {
                cancelledTransfers.add(t.token());
            } catch (RuntimeException outcomeUnknown) {
                unknownTransfers.add(t);
                pause();
            }
        }
    }

    /** Moves the amount and records the transfer, in one transaction named by the transfer's token. */
    private static void send(DynamoDbClient client, Transfer t) {
        client.transactWriteItems(b -> b.clientRequestToken(t.token()).transactItems(
                TransactWriteItem.builder().update(u -> u.tableName(TABLE).key(Map.of("pk", s(account(t.from()))))
                        .updateExpression("SET balance = balance - :x").conditionExpression("balance >= :x")
                        .expressionAttributeValues(Map.of(":x", n(t.amount())))).build(),
                TransactWriteItem.builder().update(u -> u.tableName(TABLE).key(Map.of("pk", s(account(t.to()))))
                        .updateExpression("SET balance = balance + :x")
                        .expressionAttributeValues(Map.of(":x", n(t.amount())))).build(),
                TransactWriteItem.builder().put(p -> p.tableName(TABLE).item(Map.of("pk", s("transfer-" + t.token()),
                        "from", n(t.from()), "to", n(t.to()), "amount", n(t.amount())))).build()));
    }

    /** How many of the transfers committed (their token is recorded in the crash database). */
    private static int committedTokens(java.util.Collection<Transfer> transfers) throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection(crashDatabaseUrl,
                System.getProperty("jynamo.test.db.user"), System.getProperty("jynamo.test.db.password"));
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM transaction_token"
                     + " WHERE token = ANY (?)")) {
            byte[][] tokens = transfers.stream().map(t -> t.token().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .toArray(byte[][]::new);
            ps.setArray(1, c.createArrayOf("bytea", tokens));
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The client could not tell whether these committed: sending them again with their token settles it. */
    private void retryUnknownTransfers() {
        for (Transfer t; (t = unknownTransfers.poll()) != null; ) {
            try {
                send(ddb, t);
                acknowledgedTransfers.put(t.token(), t);
            } catch (TransactionCanceledException e) {
                assertThat(e.cancellationReasons()).extracting(CancellationReason::code).contains("ConditionalCheckFailed");
                cancelledTransfers.add(t.token());
            }
        }
    }

    private void verify() {
        Map<String, Map<String, AttributeValue>> stored = new HashMap<>();
        ddb.scanPaginator(b -> b.tableName(TABLE).consistentRead(true))
                .items().forEach(item -> stored.put(item.get("pk").s(), item));

        assertThat(stored.keySet()).as("acknowledged puts").containsAll(acknowledgedPuts);
        for (Map.Entry<String, AtomicLong[]> c : counters.entrySet()) {
            long value = stored.containsKey(c.getKey()) ? Long.parseLong(stored.get(c.getKey()).get("n").n()) : 0;
            assertThat(value).as(c.getKey()).isBetween(c.getValue()[0].get(), c.getValue()[1].get());
        }
        long[] expected = new long[ACCOUNTS];
        java.util.Arrays.fill(expected, OPENING_BALANCE);
        int records = 0;
        for (Map.Entry<String, Map<String, AttributeValue>> e : stored.entrySet()) {
            if (e.getKey().startsWith("transfer-")) {
                Map<String, AttributeValue> r = e.getValue();
                long amount = Long.parseLong(r.get("amount").n());
                expected[Integer.parseInt(r.get("from").n())] -= amount;
                expected[Integer.parseInt(r.get("to").n())] += amount;
                records++;
            }
        }
        for (String token : acknowledgedTransfers.keySet()) {
            assertThat(stored).as("acknowledged transfer").containsKey("transfer-" + token);
        }
        for (String token : cancelledTransfers) {
            assertThat(stored).as("cancelled transfer").doesNotContainKey("transfer-" + token);
        }
        // every transfer applied is applied whole: balances move by exactly the recorded transfers
        assertThat(records).isEqualTo(acknowledgedTransfers.size());
        long total = 0;
        for (int a = 0; a < ACCOUNTS; a++) {
            long balance = Long.parseLong(stored.get(account(a)).get("balance").n());
            assertThat(balance).as(account(a)).isEqualTo(expected[a]);
            total += balance;
        }
        assertThat(total).isEqualTo(ACCOUNTS * OPENING_BALANCE);
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
