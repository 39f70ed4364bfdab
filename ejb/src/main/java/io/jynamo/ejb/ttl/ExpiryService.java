package io.jynamo.ejb.ttl;

import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.PrimaryKey;
import io.jynamo.ejb.storage.ItemLocks;
import io.jynamo.ejb.storage.ItemRef;
import io.jynamo.ejb.storage.ItemTable;
import io.jynamo.ejb.stream.ChangeRecorder;
import io.jynamo.ejb.write.ItemWriter;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Deletes expired items, a small batch per transaction, through the one write path ({@link ItemWriter}): index
 * entries go with the item, and the table's stream gets a REMOVE record made by the TTL service. An item a transaction is writing is
 * left for the next run; an item whose TTL value changed since it was found is checked again under its lock.
 */
@Stateless
public class ExpiryService {
    @Inject
    private ItemLocks locks;

    @Inject
    private ItemWriter writer;

    /** One transaction: deletes those of the items that are still expired; returns how many. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int expire(ItemTable table, String attribute, List<PrimaryKey> keys, BigDecimal notBefore,
                      BigDecimal notAfter) {
        List<ItemRef> items = keys.stream().map(k -> new ItemRef(table, k)).sorted().toList();
        boolean[] free = locks.tryForSingleWrites(items.stream().mapToLong(ItemRef::lockKey).toArray());
        int deleted = 0;
        for (int i = 0; i < items.size(); i++) {
            if (!free[i]) {
                continue;
            }
            ItemRef item = items.get(i);
            Map<String, AttributeValue> current = writer.read(table, item.key());
            if (current == null || !isExpired(current.get(attribute), notBefore, notAfter)) {
                continue;
            }
            writer.store(table, item.key(), current, null, ChangeRecorder.Origin.TTL);
            deleted++;
        }
        return deleted;
    }

    /** Whether a TTL value is a Number of epoch seconds in (notBefore, notAfter]. */
    static boolean isExpired(AttributeValue value, BigDecimal notBefore, BigDecimal notAfter) {
        if (!(value instanceof AttributeValue.N n)) {
            return false;
        }
        BigDecimal seconds = n.value().bigDecimal();
        return seconds.compareTo(notBefore) > 0 && seconds.compareTo(notAfter) <= 0;
    }
}
