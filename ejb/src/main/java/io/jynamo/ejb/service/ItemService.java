package io.jynamo.ejb.service;

import io.jynamo.core.expression.Projection;
import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.ItemSize;
import io.jynamo.core.item.PrimaryKey;
import io.jynamo.core.operation.ConsumedCapacity;
import io.jynamo.core.operation.DeleteItem;
import io.jynamo.core.operation.GetItem;
import io.jynamo.core.operation.PutItem;
import io.jynamo.core.operation.ReturnValues;
import io.jynamo.ejb.storage.Catalog;
import io.jynamo.ejb.storage.ItemStore;
import io.jynamo.ejb.storage.ItemTable;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * Single-item reads and writes: PutItem, GetItem, DeleteItem. Each call is one transaction; the table is looked up
 * in it, so a table deleted concurrently is either seen whole or not at all.
 */
@Stateless
public class ItemService {
    @Inject
    private Catalog catalog;

    @Inject
    private ItemStore store;

    public PutItem.Response putItem(PutItem.Request r) {
        ItemTable table = catalog.itemTable(r.tableName());
        PrimaryKey key = PrimaryKey.ofItem(r.item(), table.keySchema());
        Map<String, AttributeValue> old = null;
        if (r.returnValues() == ReturnValues.ALL_OLD) {
            old = replaceReturningOld(table, key, r.item(), r.itemSize());
        } else {
            store.put(table, key, r.item(), r.itemSize());
        }
        double units = ConsumedCapacity.writeUnits(old == null ? 0 : ItemSize.of(old), r.itemSize());
        return new PutItem.Response(old, table.name(), r.consumedCapacity(), units);
    }

    /**
     * Writes the item and returns the one it replaced. The old row is locked before it is read, and an insert that
     * loses a race with a concurrent first insert retries as a replacement, so the old image is exact.
     */
    private Map<String, AttributeValue> replaceReturningOld(ItemTable table, PrimaryKey key,
                                                            Map<String, AttributeValue> item, int size) {
        while (true) {
            Map<String, AttributeValue> old = store.getForUpdate(table, key);
            if (old != null) {
                store.replace(table, key, item, size);
                return old;
            }
            if (store.insertIfAbsent(table, key, item, size)) {
                return null;
            }
        }
    }

    public GetItem.Response getItem(GetItem.Request r) {
        ItemTable table = catalog.itemTable(r.tableName());
        PrimaryKey key = PrimaryKey.ofKey(r.key(), table.keySchema());
        Map<String, AttributeValue> item = store.get(table, key);
        // a read costs by the whole item, whatever the projection returns
        double units = ConsumedCapacity.readUnits(item == null ? 0 : ItemSize.of(item), r.consistentRead());
        if (item != null && r.projection() != null) {
            item = Projection.apply(item, r.projection());
        }
        return new GetItem.Response(item, table.name(), r.consumedCapacity(), units);
    }

    public DeleteItem.Response deleteItem(DeleteItem.Request r) {
        ItemTable table = catalog.itemTable(r.tableName());
        PrimaryKey key = PrimaryKey.ofKey(r.key(), table.keySchema());
        Map<String, AttributeValue> old = store.delete(table, key);
        double units = ConsumedCapacity.writeUnits(old == null ? 0 : ItemSize.of(old), 0);
        return new DeleteItem.Response(r.returnValues() == ReturnValues.ALL_OLD ? old : null, table.name(),
                r.consumedCapacity(), units);
    }
}
