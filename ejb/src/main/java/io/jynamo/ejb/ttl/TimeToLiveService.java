package io.jynamo.ejb.ttl;

import io.jynamo.core.operation.TimeToLive;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * UpdateTimeToLive and DescribeTimeToLive: the setting changes in a transaction of its own ({@link TtlSettings}); the
 * TTL index is built (or dropped) after it commits, concurrently with the table's writes, so that enabling TTL on a
 * large table does not hold its writes while the index builds. Until the index exists, the expiry job finds expired
 * items without it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TimeToLiveService {
    @EJB
    private TtlSettings settings;

    @Inject
    private ExpiredItems expired;

    public TimeToLive.Update updateTimeToLive(TimeToLive.Update r) {
        String partition = settings.change(r);
        if (r.enabled()) {
            expired.createIndex(partition, r.attributeName());
        } else {
            expired.dropIndex(partition);
        }
        return r;
    }

    public TimeToLive.Description describeTimeToLive(String tableName) {
        return settings.describe(tableName);
    }
}
