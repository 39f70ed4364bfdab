package io.jynamo.ejb.service;

import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.ErrorType;
import io.jynamo.core.operation.CreateTable;
import io.jynamo.core.operation.ListTables;
import io.jynamo.core.operation.StreamSpecifications;
import io.jynamo.core.operation.ResourcePolicyRules;
import io.jynamo.core.operation.TableArn;
import io.jynamo.core.operation.Throughput;
import io.jynamo.core.operation.Tagging;
import io.jynamo.core.operation.Tags;
import io.jynamo.core.operation.UpdateTable;
import io.jynamo.core.table.AttributeDefinition;
import io.jynamo.core.table.BillingMode;
import io.jynamo.core.table.IndexSpec;
import io.jynamo.core.table.OnDemandThroughput;
import io.jynamo.core.table.ProvisionedThroughput;
import io.jynamo.core.table.ThroughputLimits;
import io.jynamo.core.table.RestoreSummary;
import io.jynamo.core.table.SecondaryIndex;
import io.jynamo.core.table.TableClass;
import io.jynamo.core.table.TableDescription;
import io.jynamo.core.table.TableStatus;
import io.jynamo.ejb.config.ServiceIdentity;
import io.jynamo.ejb.storage.BackupCatalog;
import io.jynamo.ejb.storage.Catalog;
import io.jynamo.ejb.storage.TableClassStorage;
import io.jynamo.ejb.storage.TableEntity;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;

import java.time.Instant;
import java.util.List;

/**
 * The control plane: CreateTable, DescribeTable, ListTables, UpdateTable, DeleteTable. Each call is one transaction.
 *
 * <p>Tables pass through DynamoDB's states: a new table is CREATING, and a deleted one DELETING, for a short while
 * ({@code JYNAMO_TABLE_TRANSITION_MILLIS}, see {@link Catalog#status}), during which item requests find no table and
 * control-plane changes are refused as DynamoDB refuses them. UpdateTable answers UPDATING and is done, except for a
 * new global secondary index, which is CREATING until the index-backfill job has filled it.
 */
@Stateless
public class TableService {
    @Inject
    private Catalog catalog;

    @Inject
    private ServiceIdentity identity;

    @Inject
    private BackupCatalog backups;

    @Inject
    private TableClassStorage classStorage;

    /** DynamoDB's limit on class changes: this many in this trailing window. */
    static final int CLASS_CHANGES = 2;
    static final java.time.Duration CLASS_WINDOW = java.time.Duration.ofDays(30);

    public TableDescription createTable(CreateTable.Request r) {
        return catalog.describe(create(r, null));
    }

    /**
     * Creates a table: CreateTable's, or a restore's ({@code restore} not null), which stays CREATING until the
     * restore has filled it. A restore's target that exists is DynamoDB's TableAlreadyExistsException, or
     * TableInUseException while it is being created or deleted; CreateTable's is a ResourceInUseException.
     */
    public TableEntity create(CreateTable.Request r, RestoreSummary restore) {
        return create(r, restore, restore != null);
    }

    /**
     * Creates a table; {@code filled}: it stays CREATING until a job has filled it (a restore's, with its
     * RestoreSummary; an import's, without one), and {@link TableEntity#restored} makes it ACTIVE.
     */
    public TableEntity create(CreateTable.Request r, RestoreSummary restore, boolean filled) {
        TableEntity existing = catalog.find(r.tableName()).orElse(null);
        if (existing != null) {
            TableStatus status = catalog.status(existing);
            if (restore != null) {
                throw status == TableStatus.ACTIVE || status == TableStatus.UPDATING
                        ? restoreTargetExists(r.tableName())
                        : new DynamoException(ErrorType.TABLE_IN_USE, "Table is being "
                        + (status == TableStatus.DELETING ? "deleted" : "created") + ": " + r.tableName());
            }
            throw status == TableStatus.CREATING ? beingCreated(r.tableName()) : tableExists(r.tableName());
        }
        if (r.provisionedThroughput() != null) {
            ThroughputLimits.checkTableMaximum(r.provisionedThroughput(), identity.region());
        }
        if (r.onDemandThroughput() != null) {
            ThroughputLimits.checkTableMaximum(r.onDemandThroughput(), "table", identity.region());
        }
        for (IndexSpec index : r.indexes()) {
            if (index.onDemandThroughput() != null) {
                ThroughputLimits.checkTableMaximum(index.onDemandThroughput(), "index : " + index.name(),
                        identity.region());
            }
        }
        TableEntity t;
        try {
            List<SecondaryIndex> indexes = r.indexes().stream()
                    .map(spec -> spec.withId(catalog.nextIndexId(), "ACTIVE")).toList();
            // the new table's indexes are ACTIVE with it: they are CREATING only while it is
            Instant now = Instant.now();
            t = catalog.create(r.tableName(), r.attributeDefinitions(), r.keySchema(), indexes, r.billingMode(),
                    r.provisionedThroughput(), r.onDemandThroughput(), r.tableClass(), r.tags(),
                    r.deletionProtectionEnabled(),
                    r.streamViewType(), now);
            if (r.tableClass() == TableClass.STANDARD_INFREQUENT_ACCESS) {
                classStorage.apply(catalog.partitions(t), r.tableClass());
            }
            if (r.resourcePolicy() != null) {
                // its revision is the table's creation time, as DynamoDB's
                t.getResourcePolicy().set(ResourcePolicyRules.normalised(r.resourcePolicy()),
                        Long.toString(now.toEpochMilli()));
            }
            if (filled) {
                t.restoring(restore);
                t.enter(TableStatus.CREATING, now);
            }
        } catch (PersistenceException e) {
            // another node created the same table since our check: the unique name decides
            if (catalog.isUniqueViolation(e)) {
                throw restore != null ? restoreTargetExists(r.tableName()) : tableExists(r.tableName());
            }
            throw e;
        }
        return t;
    }

    private static DynamoException restoreTargetExists(String name) {
        return new DynamoException(ErrorType.TABLE_ALREADY_EXISTS, "Table already exists: " + name);
    }

    private static DynamoException tableExists(String name) {
        return new DynamoException(ErrorType.RESOURCE_IN_USE, "Table already exists: " + name);
    }

    private static DynamoException inUse(String detail) {
        return new DynamoException(ErrorType.RESOURCE_IN_USE, "Attempt to change a resource which is still in use: "
                + detail);
    }

    private static DynamoException beingCreated(String name) {
        return inUse("Table is being created: " + name);
    }

    /** A change to a table that is being created or deleted is refused, as DynamoDB refuses it. */
    private void checkChangeable(TableEntity t) {
        TableStatus status = catalog.status(t);
        if (status == TableStatus.CREATING) {
            throw beingCreated(t.getName());
        }
        if (status == TableStatus.DELETING) {
            throw inUse("Table is being deleted: " + t.getName());
        }
    }

    public TableDescription describeTable(String name) {
        return catalog.describe(catalog.find(name).orElseThrow(() -> DynamoException.tableNotFound(name)));
    }

    public ListTables.Response listTables(ListTables.Request r) {
        String after = r.exclusiveStartTableName() == null ? "" : r.exclusiveStartTableName();
        // one more than asked for tells whether there is a next page
        List<String> names = catalog.namesAfter(after, r.limit() + 1);
        if (names.size() > r.limit()) {
            List<String> page = names.subList(0, r.limit());
            return new ListTables.Response(List.copyOf(page), page.get(page.size() - 1));
        }
        return new ListTables.Response(names, null);
    }

    public TableDescription deleteTable(String name) {
        TableEntity t = catalog.findForUpdate(name).orElseThrow(() -> DynamoException.tableNotFound(name));
        checkChangeable(t);
        if (t.isDeletionProtection()) {
            throw DynamoException.validation("Resource cannot be deleted as it is currently protected against "
                    + "deletion. Disable deletion protection first.");
        }
        if (Catalog.indexes(t).stream().anyMatch(i -> !i.status().equals("ACTIVE"))) {
            throw inUse("Cannot delete table while indexes are being created, updated, or deleted.");
        }
        if (t.getTableClassPending() != null) {
            throw inUse("Table: " + name + " is in the process of being updated.");
        }
        // "you can't ... delete the source table of the backup" while a backup is in progress
        if (backups.anyCreating(t.getId())) {
            throw inUse("Table is being backed up: " + name);
        }
        TableDescription description = catalog.describe(t);
        catalog.drop(t);
        return description.withStatus(TableStatus.DELETING);
    }

    public TableDescription updateTable(UpdateTable.Request r) {
        TableEntity t = catalog.findForUpdate(r.tableName())
                .orElseThrow(() -> DynamoException.tableNotFound(r.tableName()));
        checkChangeable(t);
        checkNoClassChange(t, r);
        Instant now = Instant.now();
        if (r.tableClass() != null) {
            // the only change of its request (UpdateTable.parse)
            return changeTableClass(t, r.tableClass(), now);
        }
        BillingMode current = BillingMode.valueOf(t.getBillingMode());
        BillingMode target = r.billingMode() != null ? r.billingMode() : current;
        ProvisionedThroughput requested = r.provisionedThroughput();

        if (requested != null && target == BillingMode.PAY_PER_REQUEST) {
            throw DynamoException.invalidParameter("Neither ReadCapacityUnits nor WriteCapacityUnits can be specified "
                    + "when BillingMode is PAY_PER_REQUEST");
        }
        if (target == BillingMode.PROVISIONED && current == BillingMode.PAY_PER_REQUEST && requested == null) {
            throw DynamoException.invalidParameter(
                    "ProvisionedThroughput must be specified when BillingMode is PROVISIONED");
        }
        if (requested != null && current == BillingMode.PROVISIONED
                && requested.readCapacityUnits() == t.getReadCapacity()
                && requested.writeCapacityUnits() == t.getWriteCapacity()) {
            throw DynamoException.validation("The provisioned throughput for the table will not change. The requested "
                    + "value equals the current value. Current ReadCapacityUnits provisioned for the table: "
                    + t.getReadCapacity() + ". Requested ReadCapacityUnits: " + requested.readCapacityUnits()
                    + ". Current WriteCapacityUnits provisioned for the table: " + t.getWriteCapacity()
                    + ". Requested WriteCapacityUnits: " + requested.writeCapacityUnits() + ". Refer to the Amazon "
                    + "DynamoDB Developer Guide for current limits and how to request higher limits.");
        }

        OnDemandThroughput maxima = r.onDemandThroughput();
        if (maxima != null) {
            if (target == BillingMode.PROVISIONED) {
                throw Throughput.onDemandOnProvisioned(maxima, "", "when the table BillingMode is PROVISIONED");
            }
            ThroughputLimits.checkTableMaximum(maxima, "table", identity.region());
        }

        boolean changed = false;
        OnDemandThroughput maximaBefore = t.getOnDemandThroughput();
        if (target != current) {
            switchBillingMode(t, target, now);
            changed = true;
        }
        if (requested != null) {
            ThroughputLimits.checkTableMaximum(requested, identity.region());
            applyThroughput(t, requested, current == BillingMode.PROVISIONED, now);
            changed = true;
        }
        // maxima change at once: the table stays ACTIVE, as DynamoDB's does
        if (maxima != null) {
            t.setOnDemandThroughput(OnDemandThroughput.updated(maximaBefore, maxima));
        }
        if (r.deletionProtectionEnabled() != null) {
            t.setDeletionProtection(r.deletionProtectionEnabled());
        }
        if (r.streamChange() != null) {
            changeStream(t, r.streamChange(), now);
            changed = true;
        }
        String created = null;
        for (UpdateTable.IndexUpdate update : r.indexUpdates()) {
            applyIndexUpdate(t, update, r.attributeDefinitions(), target, now);
            changed |= !(update instanceof UpdateTable.UpdateIndex u && u.throughput() == null);
            if (update instanceof UpdateTable.CreateIndex) {
                created = update.indexName();
            }
        }
        TableDescription description = catalog.describe(t);
        if (created != null) {
            description = withIndexCreating(description, created);
        }
        if (maxima != null) {
            description = description.withOnDemandThroughput(OnDemandThroughput.echoed(maximaBefore, maxima));
        }
        return changed ? description.withStatus(TableStatus.UPDATING) : description;
    }

    /**
     * Starts a change of the table's class, which the table-class job carries out (the table shows UPDATING until
     * then): at most {@link #CLASS_CHANGES} in {@link #CLASS_WINDOW}, as DynamoDB allows, a request for the class the
     * table has included once they are spent. The answer shows the class before, as DynamoDB's does.
     */
    private TableDescription changeTableClass(TableEntity t, TableClass target, Instant now) {
        long recent = t.getTableClassChanges().stream().filter(at -> at.isAfter(now.minus(CLASS_WINDOW))).count();
        if (recent >= CLASS_CHANGES) {
            throw new DynamoException(ErrorType.LIMIT_EXCEEDED, "Subscriber limit exceeded: Updates to TableClass are "
                    + "limited to " + CLASS_CHANGES + " times in " + CLASS_WINDOW.toDays() + " day(s).");
        }
        TableDescription before = catalog.describe(t);
        String current = t.getTableClass() == null ? TableClass.STANDARD.name() : t.getTableClass();
        if (!current.equals(target.name())) {
            t.requestTableClass(target.name(), now, CLASS_WINDOW);
        }
        return before.withStatus(TableStatus.UPDATING);
    }

    /** Refuses the changes DynamoDB refuses while a table's class is changing, with its messages. */
    private static void checkNoClassChange(TableEntity t, UpdateTable.Request r) {
        String pending = t.getTableClassPending();
        if (pending == null) {
            return;
        }
        String where = " Table: " + t.getName() + " TableClassUpdateInProgress: " + pending;
        if (r.tableClass() != null) {
            throw inUse("Can't update table class when a table class update is in progress." + where);
        }
        if (r.streamChange() != null) {
            throw inUse("Can't change stream status when a table class update is in progress." + where);
        }
        if (r.onDemandThroughput() != null) {
            throw inUse("OnDemandThroughput cannot be updated while TableClass update is in progress. "
                    + "TableClassUpdateInProgress: " + pending);
        }
        if (r.provisionedThroughput() != null || r.billingMode() != null || !r.indexUpdates().isEmpty()) {
            throw inUse("Can't update table when a table class update is in progress." + where);
        }
    }

    /**
     * Applies a table's pending class change (the table-class job): the class's storage settings on the table's
     * partitions, then the class itself, with its LastUpdateDateTime.
     *
     * @return whether there was a change to apply
     */
    public boolean applyTableClass(long tableId) {
        TableEntity t = catalog.byIdForUpdate(tableId).orElse(null);
        if (t == null || t.getTableClassPending() == null) {
            return false;
        }
        TableClass target = TableClass.valueOf(t.getTableClassPending());
        classStorage.apply(catalog.partitions(t), target);
        t.tableClassApplied(Instant.now());
        return true;
    }

    /**
     * Switches the table's billing mode. Capacity belongs to provisioned tables and maxima to on-demand ones, so the
     * switch drops the table's and its global indexes' (DynamoDB drops the maxima of a table switched to PROVISIONED).
     */
    private void switchBillingMode(TableEntity t, BillingMode target, Instant now) {
        t.setBillingMode(target.name());
        if (target == BillingMode.PAY_PER_REQUEST) {
            t.setPayPerRequestSince(now);
            t.setCapacity(0, 0);
        } else {
            t.setOnDemandThroughput(null);
        }
        for (SecondaryIndex index : Catalog.indexes(t)) {
            if (index.global()) {
                catalog.replaceIndex(t, index.withThroughput(null, null));
            }
        }
    }

    /**
     * Sets one kind of a provisioned table's (or global index's) capacity, as Application Auto Scaling does: through
     * UpdateTable, its checks and quotas, in a transaction of its own (a refusal is the scaling activity's failure, not
     * its caller's).
     *
     * @param indexName null for the table itself
     * @return the capacity before
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public long setCapacity(String tableName, String indexName, boolean write, long units) {
        TableEntity t = catalog.findForUpdate(tableName).orElseThrow(() -> DynamoException.tableNotFound(tableName));
        if (!"PROVISIONED".equals(t.getBillingMode())) {
            throw DynamoException.validation("Table " + tableName + " is not in PROVISIONED billing mode");
        }
        ProvisionedThroughput current = Catalog.provisioned(t, indexName);
        if (current == null) {
            throw indexNotFound(indexName, tableName);
        }
        long before = write ? current.writeCapacityUnits() : current.readCapacityUnits();
        if (before != units) {
            ProvisionedThroughput changed = new ProvisionedThroughput(write ? current.readCapacityUnits() : units,
                    write ? units : current.writeCapacityUnits());
            updateTable(indexName == null
                    ? new UpdateTable.Request(tableName, List.of(), null, changed, null, null, null, List.of(), null)
                    : new UpdateTable.Request(tableName, List.of(), null, null, null, null, null,
                    List.of(new UpdateTable.UpdateIndex(indexName, changed, null)), null));
        }
        return before;
    }

    /** TagResource: adds tags to a table, or gives existing keys new values. */
    public void tagResource(Tagging.TagRequest r) {
        TableEntity t = taggedTable(r.resourceArn(), "TagResource", true);
        checkChangeable(t);
        catalog.setTags(t, Tags.merged(Catalog.tags(t), r.tags()));
    }

    /** UntagResource: removes tags from a table (keys it does not have are no error). */
    public void untagResource(Tagging.UntagRequest r) {
        TableEntity t = taggedTable(r.resourceArn(), "UntagResource", true);
        checkChangeable(t);
        List<io.jynamo.core.table.Tag> kept = new java.util.ArrayList<>(Catalog.tags(t));
        kept.removeIf(tag -> r.keys().contains(tag.key()));
        catalog.setTags(t, kept);
    }

    public List<io.jynamo.core.table.Tag> listTagsOfResource(String resourceArn) {
        return Catalog.tags(taggedTable(resourceArn, "ListTagsOfResource", false));
    }

    /** The table a tagging request names (its catalog row locked {@code forChange}); DynamoDB's errors for others. */
    private TableEntity taggedTable(String arn, String operation, boolean forChange) {
        String name = TableArn.tableName(arn, identity.region(), identity.accountId(), operation);
        return (forChange ? catalog.findForUpdate(name) : catalog.find(name)).orElseThrow(() -> TableArn.notFound(arn));
    }

    /** Enables or disables the table's stream; a view type cannot change while the stream is enabled. */
    private void changeStream(TableEntity t, StreamSpecifications.Change change, Instant now) {
        if (change.enabled()) {
            if (t.getStreamId() != null) {
                throw DynamoException.validation("Table already has an enabled stream: TableName: " + t.getName());
            }
            catalog.enableStream(t, change.viewType(), now);
        } else {
            if (t.getStreamId() == null) {
                throw DynamoException.validation("Table has no stream to disable: TableName: " + t.getName());
            }
            catalog.disableStream(t, now);
        }
    }

    /**
     * UpdateTable's answer shows a new index as DynamoDB's first phase does: CREATING, not yet backfilling (the
     * backfill starts as the request commits).
     */
    private static TableDescription withIndexCreating(TableDescription d, String name) {
        List<TableDescription.IndexDescription> indexes = d.indexes().stream().map(i -> i.index().name().equals(name)
                ? new TableDescription.IndexDescription(i.index(), i.arn(), i.itemCount(), i.sizeBytes(), false)
                : i).toList();
        return d.withIndexes(indexes);
    }

    private void applyIndexUpdate(TableEntity t, UpdateTable.IndexUpdate update, List<AttributeDefinition> definitions,
                                  BillingMode billingMode, Instant now) {
        List<SecondaryIndex> existing = Catalog.indexes(t);
        SecondaryIndex named = existing.stream().filter(i -> i.name().equals(update.indexName())).findFirst()
                .orElse(null);
        if (update instanceof UpdateTable.CreateIndex create) {
            IndexSpec spec = create.spec();
            if (named != null) {
                throw DynamoException.invalidParameter("Index with name: " + spec.name() + " already exists");
            }
            if (existing.stream().anyMatch(i -> !i.status().equals("ACTIVE"))) {
                throw onlyOneOnlineIndex();
            }
            if (existing.stream().filter(SecondaryIndex::global).count() >= 20) {
                throw new DynamoException(ErrorType.LIMIT_EXCEEDED, "Subscriber limit exceeded: Number of global "
                        + "secondary indexes exceeds per-table limit of 20");
            }
            if (billingMode == BillingMode.PAY_PER_REQUEST && spec.throughput() != null) {
                throw DynamoException.invalidParameter("ProvisionedThroughput should not be specified for index: "
                        + spec.name() + " when BillingMode is PAY_PER_REQUEST");
            }
            if (billingMode == BillingMode.PROVISIONED && spec.throughput() == null) {
                throw DynamoException.invalidParameter("ProvisionedThroughput must be specified for index: "
                        + spec.name());
            }
            checkIndexMaxima(spec.onDemandThroughput(), spec.name(), billingMode);
            catalog.mergeDefinitions(t, definitions, spec);
            SecondaryIndex added = spec.withId(catalog.nextIndexId(), "CREATING");
            catalog.addIndex(t, added, now);
            if (TableClass.STANDARD_INFREQUENT_ACCESS.name().equals(t.getTableClass())) {
                // stored as the rest of its table
                classStorage.apply(List.of(io.jynamo.ejb.storage.IndexStore.partition(added)),
                        TableClass.STANDARD_INFREQUENT_ACCESS);
            }
        } else if (update instanceof UpdateTable.DeleteIndex) {
            if (named == null) {
                throw indexNotFound(update.indexName(), t.getName());
            }
            if (!named.global()) {
                throw DynamoException.invalidParameter("Local secondary index " + named.name() + " can not be "
                        + "deleted");
            }
            if (existing.stream().anyMatch(i -> i != named && !i.status().equals("ACTIVE"))) {
                throw onlyOneOnlineIndex();
            }
            // an index being backfilled may be deleted, as DynamoDB allows during its backfilling phase
            catalog.removeIndex(t, named);
        } else {
            UpdateTable.UpdateIndex change = (UpdateTable.UpdateIndex) update;
            if (named == null || !named.global()) {
                throw indexNotFound(update.indexName(), t.getName());
            }
            checkIndexMaxima(change.onDemandThroughput(), named.name(), billingMode);
            if (billingMode == BillingMode.PAY_PER_REQUEST) {
                if (change.throughput() != null) {
                    throw DynamoException.invalidParameter("Neither ReadCapacityUnits nor WriteCapacityUnits can be "
                            + "specified when BillingMode is PAY_PER_REQUEST");
                }
                if (change.onDemandThroughput() == null) {
                    throw DynamoException.validation("The only Updates for index: " + named.name() + " when "
                            + "TableThroughputMode is PAY_PER_REQUEST can be to OnDemandThroughput, WarmThroughput");
                }
                catalog.replaceIndex(t, named.withThroughput(null,
                        OnDemandThroughput.updated(named.onDemandThroughput(), change.onDemandThroughput())));
            } else {
                if (change.throughput() == null) {
                    throw DynamoException.invalidParameter("ProvisionedThroughput must be specified for index: "
                            + named.name());
                }
                catalog.replaceIndex(t, named.withThroughput(change.throughput(), null));
            }
        }
    }

    /** A global index's maxima (null: none given) are for an on-demand table, within the table maximum. */
    private void checkIndexMaxima(OnDemandThroughput maxima, String index, BillingMode billingMode) {
        if (maxima == null) {
            return;
        }
        if (billingMode == BillingMode.PROVISIONED) {
            throw Throughput.onDemandOnProvisioned(maxima, " for index : " + index,
                    "when the table BillingMode is PROVISIONED");
        }
        ThroughputLimits.checkTableMaximum(maxima, "index : " + index, identity.region());
    }

    private static DynamoException indexNotFound(String index, String table) {
        return new DynamoException(ErrorType.RESOURCE_NOT_FOUND, "Requested resource not found: Index " + index
                + " for table " + table);
    }

    private static DynamoException onlyOneOnlineIndex() {
        return new DynamoException(ErrorType.LIMIT_EXCEEDED, "Subscriber limit exceeded: Only 1 online index can be "
                + "created or deleted simultaneously per table");
    }

    /** Records a throughput change; increases and decreases are dated, decreases counted per day. */
    private static void applyThroughput(TableEntity t, ProvisionedThroughput requested, boolean wasProvisioned,
                                        Instant now) {
        if (wasProvisioned) {
            boolean increase = requested.readCapacityUnits() > t.getReadCapacity()
                    || requested.writeCapacityUnits() > t.getWriteCapacity();
            boolean decrease = requested.readCapacityUnits() < t.getReadCapacity()
                    || requested.writeCapacityUnits() < t.getWriteCapacity();
            int today = ThroughputLimits.decreasesOn(now, t.getDecreasesToday(), t.getLastDecreaseAt());
            if (decrease) {
                ThroughputLimits.checkDecrease(today, t.getLastDecreaseAt(), now);
            }
            if (increase) {
                t.setLastIncreaseAt(now);
            }
            if (decrease) {
                t.setDecreasesToday(today + 1);
                t.setLastDecreaseAt(now);
            }
        }
        t.setCapacity(requested.readCapacityUnits(), requested.writeCapacityUnits());
    }
}
