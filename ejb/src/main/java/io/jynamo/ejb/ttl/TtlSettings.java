package io.jynamo.ejb.ttl;

import io.jynamo.core.error.DynamoException;
import io.jynamo.core.operation.TimeToLive;
import io.jynamo.ejb.config.Settings;
import io.jynamo.ejb.storage.Catalog;
import io.jynamo.ejb.storage.TableEntity;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;

/**
 * The Time to Live setting of tables, with DynamoDB's rules and messages (recorded from DynamoDB): TTL is
 * enabled on one attribute at a time, enabling what is enabled or disabling what is disabled is refused, and after a
 * change the setting cannot change again for a while ("It can take up to one hour for the change to fully process.
 * Any additional UpdateTimeToLive calls for the same table during this one hour duration result in a
 * ValidationException."; {@code JYNAMO_TTL_CHANGE_INTERVAL_SECONDS} sets the while, default one hour). As in
 * DynamoDB in practice, the status is ENABLED or DISABLED at once.
 */
@Stateless
public class TtlSettings {
    private static final Duration CHANGE_INTERVAL = Settings.seconds("jynamo.ttl.change-interval-seconds",
            "JYNAMO_TTL_CHANGE_INTERVAL_SECONDS", Duration.ofHours(1));

    @Inject
    private Catalog catalog;

    /** Changes the setting as asked, or refuses to; returns the table's item partition. */
    public String change(TimeToLive.Update r) {
        TableEntity t = catalog.findForUpdate(r.tableName())
                .orElseThrow(() -> DynamoException.tableNotFound(r.tableName()));
        if (r.attributeName().indexOf('\u0000') >= 0) {
            // Jynamo's own limit: the TTL index is SQL, which cannot hold the character
            throw DynamoException.invalidParameter("TimeToLive AttributeName cannot contain U+0000");
        }
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
        t.setTimeToLive(r.enabled() ? r.attributeName() : null, now);
        return t.itemPartition();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public TimeToLive.Description describe(String tableName) {
        TableEntity t = catalog.find(tableName).orElseThrow(() -> DynamoException.tableNotFound(tableName));
        return t.isTtlEnabled() ? new TimeToLive.Description("ENABLED", t.getTtlAttribute())
                : new TimeToLive.Description("DISABLED", null);
    }

    private static String differentAttribute(String current) {
        return "TimeToLive is active on a different AttributeName: current AttributeName is " + current;
    }
}
