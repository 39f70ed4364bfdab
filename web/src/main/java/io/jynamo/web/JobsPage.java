package io.jynamo.web;

import com.fasterxml.jackson.core.JsonGenerator;
import io.jynamo.core.json.Json;
import io.jynamo.ejb.jobs.JobRuns;
import io.jynamo.ejb.jobs.MaintenanceScheduler;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.time.Instant;

/**
 * {@code GET /admin/jobs}: the maintenance jobs for operators, as JSON: each job's schedule (interval, last and next
 * run, as the cluster-wide job store has them) and its latest runs (node, times, outcome, what it did).
 */
@ApplicationScoped
public class JobsPage {
    /** Runs shown per job. */
    static final int RUNS_SHOWN = 5;

    @EJB
    private MaintenanceScheduler scheduler;

    @Inject
    private JobRuns runs;

    byte[] render() {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("node", scheduler.instanceId());
            g.writeArrayFieldStart("jobs");
            for (MaintenanceScheduler.Schedule s : scheduler.schedules()) {
                g.writeStartObject();
                g.writeStringField("name", s.name());
                g.writeStringField("description", s.description());
                g.writeNumberField("intervalSeconds", s.interval().toSeconds());
                time(g, "previousRun", s.previousRun());
                time(g, "nextRun", s.nextRun());
                g.writeArrayFieldStart("latestRuns");
                for (JobRuns.Run r : runs.latest(s.name(), RUNS_SHOWN)) {
                    g.writeStartObject();
                    g.writeStringField("node", r.node());
                    time(g, "scheduledAt", r.scheduledAt());
                    time(g, "startedAt", r.startedAt());
                    time(g, "finishedAt", r.finishedAt());
                    g.writeStringField("outcome", r.outcome() == null ? "RUNNING" : r.outcome());
                    if (r.summary() != null) {
                        g.writeStringField("summary", r.summary());
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void time(JsonGenerator g, String field, Instant instant) throws IOException {
        if (instant != null) {
            g.writeStringField(field, instant.toString());
        }
    }
}
