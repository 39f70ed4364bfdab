package io.jynamo.web;

import io.jynamo.core.error.ConditionalCheckFailedException;
import io.jynamo.core.error.ThroughputExceededException;
import io.jynamo.core.error.TransactionCanceledException;
import io.jynamo.core.operation.BatchGetItem;
import io.jynamo.core.operation.BatchWriteItem;
import io.jynamo.core.operation.Consumption;
import io.jynamo.core.operation.TransactGetItems;
import io.jynamo.core.operation.TransactWriteItems;
import io.jynamo.core.operation.WriteResponse;
import io.jynamo.ejb.capacity.CapacityMeter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The data operations' passage through capacity ({@link CapacityMeter}): each is let in only while the tables and
 * indexes it reads or writes have capacity left, and spends what it consumed. As in DynamoDB, a batch leaves the
 * tables that are out of capacity unprocessed (ProvisionedThroughputExceededException only when all are), a
 * transaction is cancelled with the reason on the items of such a table, and a failed condition is charged too.
 */
@ApplicationScoped
class CapacityGate {
    @Inject
    private CapacityMeter meter;

    /** A single-item read of the table or one of its indexes (null: none), run if let in; its consumption spent. */
    <T> T read(String tableName, String indexName, Supplier<T> read, Function<T, Consumption> consumed) {
        meter.admitRead(tableName, indexName);
        T response = read.get();
        meter.charge(consumed.apply(response));
        return response;
    }

    /** PutItem, UpdateItem or DeleteItem, run if let in; its consumption spent, a failed condition's included. */
    WriteResponse write(String tableName, Supplier<WriteResponse> write) {
        meter.admitWrite(tableName);
        try {
            WriteResponse written = write.get();
            meter.charge(written.consumed());
            return written;
        } catch (ConditionalCheckFailedException e) {
            meter.charge(e.consumed());
            throw e;
        }
    }

    /** BatchGetItem over the tables that have read capacity; the others' keys left unprocessed. */
    BatchGetItem.Response batchGet(BatchGetItem.Request r, Function<BatchGetItem.Request, BatchGetItem.Response> run) {
        Map<String, ThroughputExceededException> refused = refused(
                r.tables().stream().map(BatchGetItem.TableRequest::tableName).toList(), false);
        List<BatchGetItem.TableRequest> admitted = r.tables().stream()
                .filter(t -> !refused.containsKey(t.tableName())).toList();
        if (admitted.isEmpty()) {
            throw refused.values().iterator().next();
        }
        BatchGetItem.Response found = run.apply(refused.isEmpty() ? r
                : new BatchGetItem.Request(admitted, r.consumedCapacity()));
        meter.charge(found.consumed());
        if (refused.isEmpty()) {
            return found;
        }
        Map<String, BatchGetItem.TableRequest> unprocessed = new LinkedHashMap<>(found.unprocessed());
        r.tables().stream().filter(t -> refused.containsKey(t.tableName()))
                .forEach(t -> unprocessed.put(t.tableName(), t));
        return new BatchGetItem.Response(found.responses(), unprocessed, found.consumedCapacity(), found.consumed());
    }

    /** BatchWriteItem of the writes to tables that have write capacity; the others left unprocessed. */
    BatchWriteItem.Response batchWrite(BatchWriteItem.Request r,
                                       Function<BatchWriteItem.Request, BatchWriteItem.Response> run) {
        Map<String, ThroughputExceededException> refused = refused(
                r.writes().stream().map(BatchWriteItem.Write::tableName).toList(), true);
        List<BatchWriteItem.Write> admitted = r.writes().stream().filter(w -> !refused.containsKey(w.tableName()))
                .toList();
        if (admitted.isEmpty()) {
            throw refused.values().iterator().next();
        }
        BatchWriteItem.Response written = run.apply(refused.isEmpty() ? r
                : new BatchWriteItem.Request(admitted, r.consumedCapacity()));
        meter.charge(written.consumed());
        if (refused.isEmpty()) {
            return written;
        }
        List<BatchWriteItem.Write> unprocessed = new ArrayList<>(written.unprocessed());
        r.writes().stream().filter(w -> refused.containsKey(w.tableName())).forEach(unprocessed::add);
        return new BatchWriteItem.Response(unprocessed, written.consumedCapacity(), written.consumed());
    }

    /** TransactWriteItems, cancelled on the items of a table (or its global indexes) out of write capacity. */
    TransactWriteItems.Response transactWrite(TransactWriteItems.Request r,
                                              Supplier<TransactWriteItems.Response> run) {
        admitTransaction(r.actions().stream().map(TransactWriteItems.Action::tableName).toList(), true);
        TransactWriteItems.Response written = run.get();
        meter.charge(written.consumed());
        return written;
    }

    /** TransactGetItems, cancelled on the items of a table out of read capacity. */
    TransactGetItems.Response transactGet(TransactGetItems.Request r, Supplier<TransactGetItems.Response> run) {
        admitTransaction(r.gets().stream().map(TransactGetItems.Get::tableName).toList(), false);
        TransactGetItems.Response found = run.get();
        meter.charge(found.consumed());
        return found;
    }

    private void admitTransaction(List<String> itemTables, boolean write) {
        Map<String, ThroughputExceededException> refused = refused(itemTables, write);
        if (!refused.isEmpty()) {
            throw new TransactionCanceledException(itemTables.stream().map(table -> {
                ThroughputExceededException e = refused.get(table);
                return e == null ? TransactionCanceledException.Reason.NONE
                        : new TransactionCanceledException.Reason(e.cancellationCode(), e.getMessage(), null);
            }).toList());
        }
    }

    /** The tables (each once, in order) out of read or write capacity, each with the refusal it got. */
    private Map<String, ThroughputExceededException> refused(List<String> tables, boolean write) {
        Map<String, ThroughputExceededException> refused = new LinkedHashMap<>();
        for (String table : new LinkedHashSet<>(tables)) {
            try {
                if (write) {
                    meter.admitWrite(table);
                } else {
                    meter.admitRead(table, null);
                }
            } catch (ThroughputExceededException e) {
                refused.put(table, e);
            }
        }
        return refused;
    }
}
