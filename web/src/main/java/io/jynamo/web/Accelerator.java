package io.jynamo.web;

import io.jynamo.core.error.DynamoException;
import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.PrimaryKey;
import io.jynamo.core.item.StoredItem;
import io.jynamo.core.operation.BatchWriteItem;
import io.jynamo.core.operation.TransactWriteItems;
import io.jynamo.core.operation.WriteResponse;
import io.jynamo.ejb.cache.ItemCache;
import io.jynamo.ejb.cache.QueryCache;
import io.jynamo.ejb.config.Settings;
import io.jynamo.ejb.storage.ItemRef;
import io.jynamo.ejb.storage.ItemTable;
import io.jynamo.ejb.storage.ItemTables;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The accelerator: DynamoDB Accelerator's caching on a port of its own ({@code JYNAMO_ACCELERATOR_PORT}, 8111 as
 * DAX's), in front of the same operations, so that an application switches to it by its endpoint alone (developer
 * guide, "DAX and DynamoDB consistency models"):
 * <ul>
 *   <li>an item cache for eventually consistent GetItem and BatchGetItem (each key on its own), negative entries for
 *       items that do not exist;</li>
 *   <li>a query cache for eventually consistent Query and Scan, by request, which writes do not touch;</li>
 *   <li>writes pass through and, once committed, write the item (or its absence) through to the item cache; a
 *       write that fails leaves it as it was; TransactWriteItems makes its items be read again;</li>
 *   <li>strongly consistent reads, TransactGetItems and everything else pass through and are not cached;</li>
 *   <li>writes that do not go through the accelerator are not seen until an entry's time to live is over
 *       ({@code JYNAMO_ACCELERATOR_ITEM_TTL_MILLIS}, {@code JYNAMO_ACCELERATOR_QUERY_TTL_MILLIS}, 5 minutes each),
 *       as with DAX.</li>
 * </ul>
 * Each node has its caches (a write through one node's accelerator is not seen by another's before the time to
 * live): point an application at one node's accelerator, as a DAX client talks to one cluster.
 */
@ApplicationScoped
public class Accelerator {
    private static final long MB = 1024L * 1024;

    @Inject
    private ItemTables definitions;

    /** Writes through the accelerator in flight, per item, and whether two of them overlapped since the item had none. */
    private record Writing(int inFlight, boolean overlapped) { }

    private final ConcurrentHashMap<ByteBuffer, Writing> writing = new ConcurrentHashMap<>();

    private int port;
    private ItemCache items;
    private QueryCache queries;

    @PostConstruct
    void init() {
        // the listener's port, moved by the server's port offset as every socket binding is
        port = Integer.parseInt(Settings.get("jynamo.accelerator.port", "JYNAMO_ACCELERATOR_PORT", "8111"))
                + Integer.getInteger("jboss.socket.binding.port-offset", 0);
        long heap = Runtime.getRuntime().maxMemory();
        items = new ItemCache(Settings.millis("jynamo.accelerator.item-ttl-millis",
                "JYNAMO_ACCELERATOR_ITEM_TTL_MILLIS", Duration.ofMinutes(5)), megabytes(
                "jynamo.accelerator.item-cache-mb", "JYNAMO_ACCELERATOR_ITEM_CACHE_MB", heap / 8));
        queries = new QueryCache(Settings.millis("jynamo.accelerator.query-ttl-millis",
                "JYNAMO_ACCELERATOR_QUERY_TTL_MILLIS", Duration.ofMinutes(5)), megabytes(
                "jynamo.accelerator.query-cache-mb", "JYNAMO_ACCELERATOR_QUERY_CACHE_MB", heap / 16));
    }

    private static long megabytes(String property, String env, long fallbackBytes) {
        String value = Settings.get(property, env, null);
        return value == null ? fallbackBytes : Long.parseLong(value) * MB;
    }

    /** Whether a request came in on the accelerator's port. */
    boolean serves(int localPort) {
        return localPort == port;
    }

    /** The item cache, which eventually consistent GetItem and BatchGetItem read through. */
    ItemCache items() {
        return items;
    }

    /** The answer to an eventually consistent Query or Scan: the one kept for the same request, or a new one. */
    byte[] cachedAnswer(String operation, byte[] body, Supplier<byte[]> answer) {
        return queries.get(operation, new String(body, StandardCharsets.UTF_8), answer);
    }

    /**
     * Runs a PutItem, UpdateItem or DeleteItem of one item and, once it committed, writes the item as it now is (or
     * that there is none) through to the item cache, unless another write of the same item through this accelerator
     * overlapped it: their order of commit is not known here, so the item is read again instead. A write that fails
     * leaves the cache as it was, unless its outcome is unknown (then the item is read again too).
     *
     * @param keyOrItem the request's key (UpdateItem, DeleteItem) or item (PutItem), which names the item; checked
     *                  as the write checks it, so that a bad one is refused with the write's own error
     */
    WriteResponse write(String tableName, Map<String, AttributeValue> keyOrItem, boolean isItem,
                        Supplier<WriteResponse> write) {
        ItemTable table = definitions.get(tableName);
        PrimaryKey key = isItem ? PrimaryKey.ofItem(keyOrItem, table.keySchema())
                : PrimaryKey.ofKey(keyOrItem, table.keySchema());
        ByteBuffer id = new ItemRef(table, key).identity();
        Runnable readAgain = () -> items.invalidate(table, key);
        begin(id);
        WriteResponse written;
        try {
            written = write.get();
        } catch (DynamoException refused) {
            end(id, () -> { }, readAgain);
            throw refused;
        } catch (RuntimeException unknown) {
            end(id, readAgain, readAgain);
            throw unknown;
        }
        StoredItem item = written.item() == null ? null : StoredItem.of(written.item());
        end(id, () -> items.put(table, key, item), readAgain);
        return written;
    }

    /**
     * Runs a BatchWriteItem and writes each write it applied (not sent back unprocessed) through to the item cache, as
     * {@link #write} does for one.
     */
    BatchWriteItem.Response write(BatchWriteItem.Request request, Supplier<BatchWriteItem.Response> write) {
        // each write's item, named once, before the batch runs: the table it was written in, whatever happens next
        Map<ByteBuffer, ItemRef> refs = new LinkedHashMap<>();
        Map<ByteBuffer, BatchWriteItem.Write> writes = new HashMap<>();
        for (BatchWriteItem.Write w : request.writes()) {
            ItemRef ref = ref(w);
            ByteBuffer id = ref.identity();
            refs.put(id, ref);
            writes.put(id, w);
        }
        refs.keySet().forEach(this::begin);
        BatchWriteItem.Response written;
        try {
            written = write.get();
        } catch (DynamoException refused) {
            refs.forEach((id, ref) -> end(id, () -> { }, () -> items.invalidate(ref.table(), ref.key())));
            throw refused;
        } catch (RuntimeException unknown) {
            refs.forEach((id, ref) -> end(id, () -> items.invalidate(ref.table(), ref.key()),
                    () -> items.invalidate(ref.table(), ref.key())));
            throw unknown;
        }
        Set<ByteBuffer> unprocessed = new HashSet<>();
        for (BatchWriteItem.Write w : written.unprocessed()) {
            unprocessed.add(ref(w).identity());
        }
        refs.forEach((id, ref) -> end(id, () -> {
            if (!unprocessed.contains(id)) {
                BatchWriteItem.Write w = writes.get(id);
                items.put(ref.table(), ref.key(), w.isPut() ? StoredItem.of(w.item()) : null);
            }
        }, () -> items.invalidate(ref.table(), ref.key())));
        return written;
    }

    /** Another write of this item through the accelerator starts: note whether it overlaps one in flight. */
    private void begin(ByteBuffer id) {
        writing.compute(id, (k, w) -> w == null ? new Writing(1, false) : new Writing(w.inFlight() + 1, true));
    }

    /**
     * A write of this item ends: {@code through} when no other write of it overlapped this one, else
     * {@code readAgain}; atomically with respect to the next write's start.
     */
    private void end(ByteBuffer id, Runnable through, Runnable readAgain) {
        writing.compute(id, (k, w) -> {
            if (w.overlapped()) {
                readAgain.run();
            } else {
                through.run();
            }
            return w.inFlight() == 1 ? null : new Writing(w.inFlight() - 1, w.overlapped());
        });
    }

    /** After a TransactWriteItems committed: its items are read again when next asked for. */
    void wroteThrough(TransactWriteItems.Request request) {
        for (TransactWriteItems.Action a : request.actions()) {
            ItemTable table = definitions.get(a.tableName());
            Map<String, AttributeValue> key;
            if (a instanceof TransactWriteItems.Put p) {
                items.invalidate(table, PrimaryKey.ofItem(p.item(), table.keySchema()));
                continue;
            } else if (a instanceof TransactWriteItems.Update u) {
                key = u.key();
            } else if (a instanceof TransactWriteItems.Delete d) {
                key = d.key();
            } else {
                key = ((TransactWriteItems.ConditionCheck) a).key();
            }
            items.invalidate(table, PrimaryKey.ofKey(key, table.keySchema()));
        }
    }

    /** The item a write of a batch names, in its table as this node knows it now. */
    private ItemRef ref(BatchWriteItem.Write w) {
        ItemTable table = definitions.get(w.tableName());
        return new ItemRef(table, w.isPut() ? PrimaryKey.ofItem(w.item(), table.keySchema())
                : PrimaryKey.ofKey(w.key(), table.keySchema()));
    }

    /** The query cache, for the statistics page. */
    QueryCache queries() {
        return queries;
    }
}
