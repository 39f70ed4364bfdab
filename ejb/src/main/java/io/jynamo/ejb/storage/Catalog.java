package io.jynamo.ejb.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.item.AttributeType;
import io.jynamo.core.json.Json;
import io.jynamo.core.table.AttributeDefinition;
import io.jynamo.core.table.BillingMode;
import io.jynamo.core.table.KeyAttribute;
import io.jynamo.core.table.KeySchema;
import io.jynamo.core.table.OnDemandThroughput;
import io.jynamo.core.table.ProvisionedThroughput;
import io.jynamo.core.table.SecondaryIndex;
import io.jynamo.core.table.StreamViewType;
import io.jynamo.core.table.TableClass;
import io.jynamo.core.table.TableDescription;
import io.jynamo.core.table.TableStatus;
import io.jynamo.core.table.Tag;
import io.jynamo.ejb.config.ServiceIdentity;
import io.jynamo.ejb.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The table catalog: table definitions (JPA) and the item partitions that go with them. Runs inside the caller's
 * transaction, so a table and its partition appear and disappear together.
 */
@ApplicationScoped
public class Catalog {
    @PersistenceContext(unitName = "jynamo")
    private EntityManager em;

    @Inject
    private ServiceIdentity identity;

    @Inject
    private ItemStore items;

    @Inject
    private ReportingViews reporting;

    @Inject
    private IndexStore indexEntries;

    @Inject
    private Event<TableChanged> changes;

    @Inject
    private TableStatistics statistics;

    @Inject
    private IndexBackfills backfills;

    @Inject
    private Event<IndexAdded> added;

    @Inject
    private ItemHistory history;

    /**
     * How long a new table is CREATING and a deleted one DELETING, as DynamoDB's are (for seconds): requests for its
     * items meanwhile find no table, so code that does not wait for ACTIVE fails here as it would there.
     */
    private final Duration transition = Settings.millis("jynamo.table.transition-millis",
            "JYNAMO_TABLE_TRANSITION_MILLIS", Duration.ofMillis(500));

    /** The table of this name; empty when there is none (or it was deleted, and its DELETING while is over). */
    public Optional<TableEntity> find(String name) {
        return em.createNamedQuery(TableEntity.BY_NAME, TableEntity.class)
                .setParameter("name", name)
                .getResultStream()
                .findFirst()
                .filter(t -> status(t) != null);
    }

    /**
     * The table's status now: CREATING for the first {@link #transition} of its life, then ACTIVE; DELETING for as
     * long after DeleteTable, then null (it is gone).
     */
    public TableStatus status(TableEntity t) {
        TableStatus stored = TableStatus.valueOf(t.getStatus());
        boolean transitionOver = !Instant.now().isBefore(t.getStatusAt().plus(transition));
        return switch (stored) {
            // a restored table stays CREATING until the restore job has copied its items
            case CREATING -> transitionOver && !t.isRestoreInProgress() ? TableStatus.ACTIVE : TableStatus.CREATING;
            case DELETING -> transitionOver ? null : TableStatus.DELETING;
            default -> stored;
        };
    }

    /** The table with this id, if it still exists. */
    public Optional<TableEntity> byId(long id) {
        return Optional.ofNullable(em.find(TableEntity.class, id)).filter(t -> status(t) != null);
    }

    /** The table with this id, its catalog row locked for a change (see {@link #findForUpdate}). */
    public Optional<TableEntity> byIdForUpdate(long id) {
        Optional<TableEntity> t = Optional.ofNullable(em.find(TableEntity.class, id,
                jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)).filter(e -> status(e) != null);
        t.ifPresent(e -> changes.fire(new TableChanged(e.getName())));
        return t;
    }

    /** The tables that exist (not being deleted), for maintenance jobs. */
    public List<TableEntity> liveTables() {
        return em.createNamedQuery(TableEntity.ALL_LIVE, TableEntity.class).getResultList();
    }

    /** Forgets the tables whose DELETING while is over; returns how many. */
    public int purgeDeleted() {
        return em.createNativeQuery("DELETE FROM catalog_table WHERE status = 'DELETING' AND status_at < ?")
                .setParameter(1, Instant.now().minus(transition)).executeUpdate();
    }

    /**
     * Locks the table's catalog row for a change, serialising control-plane changes to one table across nodes. This
     * node's cached definition of the table is dropped when the transaction ends.
     */
    public Optional<TableEntity> findForUpdate(String name) {
        changes.fire(new TableChanged(name));
        return em.createNamedQuery(TableEntity.BY_NAME, TableEntity.class)
                .setParameter("name", name)
                .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .findFirst()
                .filter(t -> status(t) != null);
    }

    /** Table names in ascending (byte) order after {@code after} ("" for the first page). */
    public List<String> namesAfter(String after, int limit) {
        return em.createNamedQuery(TableEntity.NAMES_AFTER, String.class)
                .setParameter("after", after)
                .setParameter("deletedBefore", Instant.now().minus(transition))
                .setMaxResults(limit)
                .getResultList();
    }

    /** A table with Time to Live enabled, and the attribute holding its items' expiry. */
    public record TtlTable(String name, String attribute) { }

    /** The tables with Time to Live enabled. */
    public List<TtlTable> tablesWithTtl() {
        return em.createNamedQuery(TableEntity.WITH_TTL, Object[].class).getResultStream()
                .map(row -> new TtlTable((String) row[0], (String) row[1])).toList();
    }

    /** A new, unique identifier for a secondary index's storage. */
    public long nextIndexId() {
        return ((Number) em.createNativeQuery("select nextval('catalog_index_seq')").getSingleResult()).longValue();
    }

    /** Registers a table and creates its item partition and those of its indexes. */
    public TableEntity create(String name, List<AttributeDefinition> definitions, KeySchema key,
                              List<SecondaryIndex> indexes, BillingMode billingMode, ProvisionedThroughput throughput,
                              OnDemandThroughput onDemandThroughput, TableClass tableClass, List<Tag> tags,
                              boolean deletionProtection, StreamViewType streamViewType, Instant now) {
        // a table of this name deleted earlier may still be remembered, though gone
        em.createNativeQuery("DELETE FROM catalog_table WHERE name = ? AND status = 'DELETING'").setParameter(1, name)
                .executeUpdate();
        long id = ((Number) em.createNativeQuery("select nextval('catalog_table_seq')").getSingleResult()).longValue();
        TableEntity t = new TableEntity(id, name);
        t.enter(transition.isZero() ? TableStatus.ACTIVE : TableStatus.CREATING, now);
        t.setCreatedAt(now);
        t.setKey(key.hash().name(), key.hash().type().name(),
                key.hasRange() ? key.range().name() : null, key.hasRange() ? key.range().type().name() : null);
        t.setAttributeDefinitions(writeDefinitions(definitions));
        t.setBillingMode(billingMode.name());
        t.setCapacity(throughput == null ? 0 : throughput.readCapacityUnits(),
                throughput == null ? 0 : throughput.writeCapacityUnits());
        t.setOnDemandThroughput(onDemandThroughput);
        if (billingMode == BillingMode.PAY_PER_REQUEST) {
            t.setPayPerRequestSince(now);
        }
        t.setTableClass(tableClass == null ? null : tableClass.name());
        t.setDeletionProtection(deletionProtection);
        t.setTags(writeTags(tags));
        t.setIndexes(IndexDefinitions.write(indexes));
        em.persist(t);
        em.flush();
        items.createPartition(t.itemPartition(), id);
        reporting.create(name, id, t.itemPartition(), key);
        for (SecondaryIndex index : indexes) {
            indexEntries.createPartition(index);
            reporting.createIndex(name, index, key);
        }
        if (streamViewType != null) {
            enableStream(t, streamViewType, now);
        }
        return t;
    }

    /**
     * Gives the table a new stream (a table keeps its earlier streams, disabled, as DynamoDB does). Writes in
     * progress finish first, and later ones wait for this transaction (see {@link ItemStore#lockWrites}): every write
     * committed after the change records into the new stream, none committed before does.
     */
    public StreamEntity enableStream(TableEntity t, StreamViewType viewType, Instant now) {
        items.lockWrites(t.itemPartition());
        long id = ((Number) em.createNativeQuery("select nextval('stream_seq')").getSingleResult()).longValue();
        Instant created = now;
        // labels name a table's streams: two enabled within one millisecond get distinct ones
        while (stream(t.getName(), StreamEntity.labelOf(created)).isPresent()) {
            created = created.plusMillis(1);
        }
        StreamEntity stream = new StreamEntity(id, t, viewType.name(), writeKeySchema(keySchema(t)), created);
        em.persist(stream);
        t.setStream(stream);
        return stream;
    }

    /**
     * Disables the table's stream; its records stay readable until they are trimmed. Like enabling, it waits for the
     * writes in progress, so that no record reaches the stream after its shard was shown closed.
     */
    public void disableStream(TableEntity t, Instant now) {
        items.lockWrites(t.itemPartition());
        em.find(StreamEntity.class, t.getStreamId()).disable(now);
        t.setStream(null);
    }

    /**
     * Turns point-in-time recovery on. Like enabling a stream, it waits for the writes in progress, and later ones wait
     * for this transaction: every write committed after it records its change in the history, and the base, copied
     * once this has committed ({@link ItemHistory#copyBase}), holds every write committed before.
     */
    public void enablePointInTimeRecovery(TableEntity t, int recoveryDays, Instant now) {
        items.lockWrites(t.itemPartition());
        t.setPointInTimeRecovery(recoveryDays, now);
        history.createBase(t.getId());
        long today = ItemHistory.dayOf(now);
        history.createPartitions(today, today + 3);
    }

    /** Turns point-in-time recovery off: the base goes at once, the history with its days (see the pitr-prune job). */
    public void disablePointInTimeRecovery(TableEntity t) {
        t.setPointInTimeRecovery(null, null);
        history.dropBase(t.getId());
    }

    /** The stream of this table with this label, if it is still known. */
    public Optional<StreamEntity> stream(String tableName, String label) {
        return em.createNamedQuery(StreamEntity.BY_LABEL, StreamEntity.class).setParameter("table", tableName)
                .setParameter("label", label).getResultStream().findFirst();
    }

    /** The same, its row locked for a change of its resource-based policy. */
    public Optional<StreamEntity> streamForUpdate(String tableName, String label) {
        return em.createNamedQuery(StreamEntity.BY_LABEL, StreamEntity.class).setParameter("table", tableName)
                .setParameter("label", label).setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst();
    }

    /** The stream with this id, if it is still known. */
    public Optional<StreamEntity> stream(long id) {
        return Optional.ofNullable(em.find(StreamEntity.class, id));
    }

    /** The streams still known, of one table (oldest first) or, when {@code tableName} is null, of all tables. */
    public List<StreamEntity> streams(String tableName) {
        return tableName == null
                ? em.createNamedQuery(StreamEntity.ALL, StreamEntity.class).getResultList()
                : em.createNamedQuery(StreamEntity.OF_TABLE, StreamEntity.class).setParameter("table", tableName)
                .getResultList();
    }

    private static String writeKeySchema(KeySchema key) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (io.jynamo.core.table.KeySchemaElement e : key.elements()) {
            array.addObject().put("AttributeName", e.attributeName()).put("KeyType", e.keyType().name());
        }
        return array.toString();
    }

    public static List<SecondaryIndex> indexes(TableEntity t) {
        return IndexDefinitions.read(t.getIndexes());
    }

    /**
     * Adds the definitions a new index needs to the table's. An attribute cannot change type: DynamoDB's error names
     * the existing and the new schema.
     */
    public void mergeDefinitions(TableEntity t, List<AttributeDefinition> given, io.jynamo.core.table.IndexSpec spec) {
        List<AttributeDefinition> current = new ArrayList<>(readDefinitions(t.getAttributeDefinitions()));
        for (io.jynamo.core.table.KeyAttribute k : spec.keySchema().attributes()) {
            AttributeDefinition existing = current.stream().filter(d -> d.attributeName().equals(k.name()))
                    .findFirst().orElse(null);
            if (existing == null) {
                current.add(new AttributeDefinition(k.name(), k.type()));
            } else if (existing.attributeType() != k.type()) {
                String role = k.equals(spec.keySchema().hash()) ? "HASH" : "RANGE";
                throw DynamoException.invalidParameter("Attributes cannot be redefined. Please check that your "
                        + "attribute has the same type as previously defined. Existing schema: Schema:[SchemaElement: "
                        + "key{" + k.name() + ":" + existing.attributeType() + ":" + role + "}] New schema: "
                        + "Schema:[SchemaElement: key{" + k.name() + ":" + k.type() + ":" + role + "}]");
            }
        }
        t.setAttributeDefinitions(writeDefinitions(current));
    }

    /**
     * Adds a global secondary index to a table, CREATING, for the index-backfill job to fill from the table's items
     * ({@link IndexBackfills}). Item writes in progress finish first, and later ones wait for this transaction (see
     * {@link ItemStore#lockWrites}): every write committed after it maintains the new index, and the backfill sees
     * every item committed before.
     */
    public void addIndex(TableEntity t, SecondaryIndex index, Instant now) {
        items.lockWrites(t.itemPartition());
        List<SecondaryIndex> all = new ArrayList<>(indexes(t));
        all.add(index);
        t.setIndexes(IndexDefinitions.write(all));
        indexEntries.createPartition(index);
        reporting.createIndex(t.getName(), index, keySchema(t));
        backfills.start(t.getId(), index.id(), now);
        added.fire(new IndexAdded(t.getName(), index.id()));
    }

    /** Marks a backfilled index ACTIVE: queries may read it. */
    public void activateIndex(TableEntity t, long indexId) {
        List<SecondaryIndex> all = new ArrayList<>(indexes(t));
        all.replaceAll(i -> i.id() == indexId ? i.withStatus("ACTIVE") : i);
        t.setIndexes(IndexDefinitions.write(all));
    }

    /** Removes a secondary index and its entries (and its backfill, if it was being filled). */
    public void removeIndex(TableEntity t, SecondaryIndex index) {
        items.lockWrites(t.itemPartition());
        List<SecondaryIndex> all = new ArrayList<>(indexes(t));
        all.removeIf(i -> i.id() == index.id());
        t.setIndexes(IndexDefinitions.write(all));
        // the backfill's row before its entries, in the order a backfill step takes them
        backfills.forget(index.id());
        reporting.dropIndex(t.getName(), index);
        indexEntries.dropPartition(index);
        statistics.forgetPartition(IndexStore.partition(index));
    }

    /** Replaces an index's definition (its throughput, its on-demand maxima). */
    public void replaceIndex(TableEntity t, SecondaryIndex index) {
        List<SecondaryIndex> all = new ArrayList<>(indexes(t));
        all.replaceAll(i -> i.id() == index.id() ? index : i);
        t.setIndexes(IndexDefinitions.write(all));
    }

    /** Makes the reporting views of a table that has none (a table older than the reporting schema), its indexes'. */
    public void createReportingViews(long tableId) {
        byId(tableId).ifPresent(t -> {
            reporting.create(t.getName(), t.getId(), t.itemPartition(), keySchema(t));
            indexes(t).forEach(index -> reporting.createIndex(t.getName(), index, keySchema(t)));
        });
    }

    /**
     * Deletes a table: drops its items and indexes at once, and keeps its catalog row, DELETING, for the transition
     * (with none, removes it). Its stream is disabled, not forgotten.
     */
    public void drop(TableEntity t) {
        // locks in the order writes take them: the table's items first, then its indexes' entries; writes in progress
        // finish, later ones wait and then find no table
        items.lockExclusively(t.itemPartition());
        if (t.getStreamId() != null) {
            disableStream(t, Instant.now());
        }
        for (SecondaryIndex index : indexes(t)) {
            reporting.dropIndex(t.getName(), index);
            indexEntries.dropPartition(index);
            backfills.forget(index.id());
        }
        reporting.drop(t.getName(), t.getId());
        items.dropPartition(t.itemPartition());
        if (t.isPitrEnabled()) {
            history.dropBase(t.getId());
        }
        statistics.forgetTable(t.getId());
        if (transition.isZero()) {
            em.remove(t);
        } else {
            t.enter(TableStatus.DELETING, Instant.now());
        }
        em.flush();
    }

    /** The partitions of a table whose sizes DescribeTable reports: its items', then each index's. */
    public List<String> partitions(TableEntity t) {
        List<String> partitions = new ArrayList<>();
        partitions.add(t.itemPartition());
        indexes(t).forEach(i -> partitions.add(IndexStore.partition(i)));
        return partitions;
    }

    /** Whether a failed write broke a unique constraint (e.g. a table name another node just took). */
    public boolean isUniqueViolation(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The table as item operations see it. */
    public ItemTable itemTable(TableEntity t) {
        ItemTable.Stream stream = t.getStreamId() == null ? null
                : new ItemTable.Stream(t.getStreamId(), StreamViewType.valueOf(t.getStreamViewType()));
        return new ItemTable(t.getId(), t.getName(), keySchema(t), t.itemPartition(), indexes(t), t.getVersion(),
                stream, t.isPitrEnabled(), "PROVISIONED".equals(t.getBillingMode())
                ? new ProvisionedThroughput(t.getReadCapacity(), t.getWriteCapacity()) : null,
                t.getOnDemandThroughput());
    }

    /**
     * The provisioned throughput of the table ({@code indexName} null) or of its global index of that name; null when
     * the table is on demand or has no such index.
     */
    public static ProvisionedThroughput provisioned(TableEntity t, String indexName) {
        if (!"PROVISIONED".equals(t.getBillingMode())) {
            return null;
        }
        if (indexName == null) {
            return new ProvisionedThroughput(t.getReadCapacity(), t.getWriteCapacity());
        }
        return indexes(t).stream().filter(i -> i.name().equals(indexName) && i.throughput() != null)
                .map(SecondaryIndex::throughput).findFirst().orElse(null);
    }

    public static KeySchema keySchema(TableEntity t) {
        KeyAttribute hash = new KeyAttribute(t.getHashKeyName(), AttributeType.valueOf(t.getHashKeyType()));
        KeyAttribute range = t.getRangeKeyName() == null ? null
                : new KeyAttribute(t.getRangeKeyName(), AttributeType.valueOf(t.getRangeKeyType()));
        return new KeySchema(hash, range);
    }

    /** The table as DescribeTable shows it, with its item count and sizes as last measured. */
    public TableDescription describe(TableEntity t) {
        Map<String, TableStatistics.Measured> measured = statistics.of(t.getId());
        TableStatistics.Measured stats = TableStatistics.in(measured, t.itemPartition());
        TableStatus status = status(t);
        // while a class change is carried out the table serves as ever, but shows UPDATING, as DynamoDB's does
        TableStatus shown = status == TableStatus.ACTIVE && t.getTableClassPending() != null
                ? TableStatus.UPDATING : status;
        return new TableDescription(
                t.getName(),
                t.getTableUuid().toString(),
                identity.tableArn(t.getName()),
                shown,
                t.getCreatedAt(),
                readDefinitions(t.getAttributeDefinitions()),
                keySchema(t),
                BillingMode.valueOf(t.getBillingMode()),
                new ProvisionedThroughput(t.getReadCapacity(), t.getWriteCapacity()),
                t.getOnDemandThroughput(),
                t.getLastIncreaseAt(),
                t.getLastDecreaseAt(),
                t.getDecreasesToday(),
                t.getPayPerRequestSince(),
                t.getTableClass() == null ? null : TableClass.valueOf(t.getTableClass()),
                t.getTableClassChangedAt(),
                t.isDeletionProtection(),
                stats.itemCount(),
                stats.sizeBytes(),
                indexDescriptions(t, status, measured),
                t.getStreamViewType() == null ? null : StreamViewType.valueOf(t.getStreamViewType()),
                t.getLatestStreamId() == null ? null : em.find(StreamEntity.class, t.getLatestStreamId()).getLabel(),
                t.getRestoreSummary());
    }

    /**
     * The indexes as DescribeTable shows them: while the table is CREATING its global indexes are too; an index being
     * backfilled is CREATING with {@code Backfilling: true}.
     */
    private List<TableDescription.IndexDescription> indexDescriptions(TableEntity t, TableStatus tableStatus,
                                                                     Map<String, TableStatistics.Measured> measured) {
        List<TableDescription.IndexDescription> list = new ArrayList<>();
        for (SecondaryIndex index : indexes(t)) {
            TableStatistics.Measured stats = TableStatistics.in(measured, IndexStore.partition(index));
            boolean backfilling = index.backfilling();
            SecondaryIndex shown = tableStatus == TableStatus.CREATING && index.global()
                    ? index.withStatus("CREATING") : index;
            list.add(new TableDescription.IndexDescription(shown, identity.tableArn(t.getName()) + "/index/"
                    + index.name(), stats.itemCount(), stats.sizeBytes(), backfilling ? Boolean.TRUE : null));
        }
        return list;
    }

    private static String writeDefinitions(List<AttributeDefinition> definitions) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (AttributeDefinition d : definitions) {
            array.addObject().put("AttributeName", d.attributeName()).put("AttributeType", d.attributeType().name());
        }
        return array.toString();
    }

    private static List<AttributeDefinition> readDefinitions(String json) {
        List<AttributeDefinition> list = new ArrayList<>();
        for (JsonNode d : readTree(json)) {
            list.add(new AttributeDefinition(d.get("AttributeName").textValue(),
                    AttributeType.valueOf(d.get("AttributeType").textValue())));
        }
        return list;
    }

    /** The table's tags, in the order they were given. */
    public static List<Tag> tags(TableEntity t) {
        List<Tag> tags = new ArrayList<>();
        for (JsonNode tag : readTree(t.getTags())) {
            tags.add(new Tag(tag.get("Key").textValue(), tag.get("Value").textValue()));
        }
        return tags;
    }

    public void setTags(TableEntity t, List<Tag> tags) {
        t.setTags(writeTags(tags));
    }

    private static String writeTags(List<Tag> tags) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (Tag t : tags) {
            array.addObject().put("Key", t.key()).put("Value", t.value());
        }
        return array.toString();
    }

    private static JsonNode readTree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
