package io.jynamo.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The maintenance scheduler: jobs registered at deployment and visible to operators at {@code GET /admin/jobs}, and,
 * with a second server sharing the database (a second node of the cluster), every scheduled run of a job happening
 * exactly once. The token purge job runs every 2 s in the tests (arquillian.xml).
 */
class MaintenanceSchedulerIT extends JynamoIT {
    private static final String JOB = "transaction-token-purge";

    private static JsonNode get(URI uri) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(SignedHttp.get(uri),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    @Test
    void operatorsSeeEachJobsScheduleAndLatestRuns() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        JsonNode job;
        do {
            Thread.sleep(500);
            job = jobNamed(get(endpoint.resolve("/admin/jobs")), JOB);
        } while (job.path("latestRuns").isEmpty() && System.nanoTime() < deadline);

        assertThat(job.path("intervalSeconds").asLong()).isEqualTo(2);
        assertThat(job.path("description").asText()).contains("ClientRequestTokens");
        assertThat(Instant.parse(job.path("nextRun").asText())).isAfter(Instant.parse(job.path("previousRun").asText()));
        JsonNode run = job.path("latestRuns").get(0);
        assertThat(run.path("outcome").asText()).isIn("OK", "RUNNING");
        assertThat(run.path("node").asText()).isNotBlank();
        assertThat(run.has("startedAt")).isTrue();
    }

    private static JsonNode jobNamed(JsonNode page, String name) {
        for (JsonNode job : page.path("jobs")) {
            if (job.path("name").asText().equals(name)) {
                return job;
            }
        }
        throw new AssertionError("no job " + name + " in " + page);
    }

    @Test
    void twoNodesSharingTheJobStoreRunEachScheduledRunOnce() throws Exception {
        JynamoServer second = new JynamoServer(Path.of("target", "second-node").toAbsolutePath(), 400,
                System.getProperty("jynamo.test.db.url"))
                // the schedule of the first node (arquillian.xml): a node started with others would change it
                .property("jynamo.job." + JOB + ".interval-seconds", "2")
                .property("jynamo.job.stream-trim.interval-seconds", "2")
                .property("jynamo.job.ttl-expiry.interval-seconds", "2");
        second.install();
        second.start();
        Instant since;
        try (Connection c = TestDatabase.connect()) {
            assertThat(count(c, "SELECT count(*) FROM qrtz_scheduler_state WHERE sched_name = 'Jynamo'"
                    + " AND last_checkin_time > extract(epoch from now()) * 1000 - 20000")).isGreaterThanOrEqualTo(2);
            since = Instant.now();
            Thread.sleep(12_000);
            List<Instant[]> runs = runsSince(c, since);
            // every 2 s for 12 s: about six scheduled runs, each run by one node only
            assertThat(runs).hasSizeGreaterThanOrEqualTo(4);
            assertThat(runs.stream().map(r -> r[0]).distinct().count()).isEqualTo(runs.size());
        } finally {
            second.stop();
        }
    }

    private static List<Instant[]> runsSince(Connection c, Instant since) throws Exception {
        List<Instant[]> runs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT scheduled_at, started_at FROM job_run"
                + " WHERE job_name = ? AND scheduled_at >= ? ORDER BY scheduled_at")) {
            ps.setString(1, JOB);
            ps.setTimestamp(2, Timestamp.from(since));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    runs.add(new Instant[] {rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()});
                }
            }
        }
        return runs;
    }

    private static long count(Connection c, String sql) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
