package io.jynamo.ejb.ttl;

import io.jynamo.core.error.DynamoException;
import io.jynamo.core.operation.TimeToLive;
import io.jynamo.ejb.config.Settings;
import io.jynamo.ejb.storage.Catalog;
import io.jynamo.ejb.storage.TableEntity;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;

/**
 * UpdateTimeToLive and DescribeTimeToLive, with DynamoDB's rules and messages (recorded from DynamoDB): TTL is
 * enabled on one attribute at a time, enabling what is enabled or disabling what is disabled is refused, and after a
 * change the setting cannot change again for a while ("It can take up to one hour for the change to fully process.
 * Any additional UpdateTimeToLive calls for the same table during this one hour duration result in a
 * ValidationException."; {@code JYNAMO_TTL_CHANGE_INTERVAL_SECONDS} sets the while, default one hour). As in
 * DynamoDB in practice, the status is ENABLED or DISABLED at once.
 */
@Stateless
public class TimeToLiveService {
    private static final Duration CHANGE_INTERVAL = Settings.seconds("jynamo.ttl.change-interval-seconds",
            "JYNAMO_TTL_CHANGE_INTERVAL_SECONDS", Duration.ofHours(1));

    @Inject
    private Catalog catalog;

    @Inject
    private ExpiredItems expired;

    public TimeToLive.Update updateTimeToLive(TimeToLive.Update r) {
        TableEntity t = catalog.findForUpdate(r.tableName())
                .orElseThrow(() -> DynamoException.tableNotFound(r.tableName()));
        String current = t.getTtlAttribute();
        if (r.enabled() && current != null) {
            throw DynamoException.validation(current.equals(r.attributeName()) ? "TimeToLive is already enabled"
                    : differentAttribute(current));
        }
        if (!r.enabled()) {
            if (current == null) {
                throw DynamoException.validation("TimeToLive is already disabled");
            }
            if (!current.equals(r.attributeName())) {
                throw DynamoException.validation(differentAttribute(current));
            }
        }
        Instant now = Instant.now();
        if (t.getTtlChangedAt() != null && t.getTtlChangedAt().plus(CHANGE_INTERVAL).isAfter(now)) {
            throw DynamoException.validation("Time to live has been modified multiple times within a fixed interval");
        }
        if (r.enabled()) {
            expired.createIndex(t.itemPartition(), r.attributeName());
            t.setTimeToLive(r.attributeName(), now);
        } else {
            expired.dropIndex(t.itemPartition());
            t.setTimeToLive(null, now);
        }
        return r;
    }

    public TimeToLive.Description describeTimeToLive(String tableName) {
        TableEntity t = catalog.find(tableName).orElseThrow(() -> DynamoException.tableNotFound(tableName));
        return t.isTtlEnabled() ? new TimeToLive.Description("ENABLED", t.getTtlAttribute())
                : new TimeToLive.Description("DISABLED", null);
    }

    private static String differentAttribute(String current) {
        return "TimeToLive is active on a different AttributeName: current AttributeName is " + current;
    }
}
