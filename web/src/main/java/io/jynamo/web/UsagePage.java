package io.jynamo.web;

import com.fasterxml.jackson.core.JsonGenerator;
import io.jynamo.core.json.Json;
import io.jynamo.ejb.capacity.UsageReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code GET /admin/usage}: per table (its indexes included), over the last hour and the last day, the capacity
 * units consumed, the requests throttled, and the estimated cost of throughput and storage at the configured rates
 * (SQL: view {@code usage_cost}).
 */
@ApplicationScoped
public class UsagePage {
    @Inject
    private UsageReport report;

    byte[] render() {
        Instant now = Instant.now();
        return Json.write(g -> {
            g.writeStartObject();
            span(g, "LastHour", now.minus(Duration.ofHours(1)));
            span(g, "LastDay", now.minus(Duration.ofDays(1)));
            g.writeEndObject();
        });
    }

    private void span(JsonGenerator g, String name, Instant from) throws IOException {
        g.writeArrayFieldStart(name);
        for (UsageReport.TableUsage u : report.since(from)) {
            g.writeStartObject();
            g.writeStringField("TableName", u.tableName());
            g.writeNumberField("ConsumedReadCapacityUnits", u.consumedRead());
            g.writeNumberField("ConsumedWriteCapacityUnits", u.consumedWrite());
            g.writeNumberField("ReadThrottleEvents", u.throttledReads());
            g.writeNumberField("WriteThrottleEvents", u.throttledWrites());
            g.writeNumberField("ThroughputCost", u.throughputCost().setScale(6, RoundingMode.HALF_UP));
            g.writeNumberField("StorageCost", u.storageCost().setScale(6, RoundingMode.HALF_UP));
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
