package io.jynamo.ejb.storage;

import io.jynamo.core.table.OnDemandThroughput;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/**
 * A DynamoDB table in the catalog. Its items live in the partition {@link #itemPartition()} of the {@code item}
 * table; JSON columns hold the lists DynamoDB echoes back (attribute definitions, tags) as DynamoDB spells them.
 */
@Entity
@Table(name = "catalog_table")
@NamedQuery(name = TableEntity.BY_NAME, query = "select t from TableEntity t where t.name = :name")
@NamedQuery(name = TableEntity.WITH_TTL, query = "select t.name, t.ttlAttribute from TableEntity t"
        + " where t.ttlEnabled = true and t.status <> 'DELETING' order by t.name")
@NamedQuery(name = TableEntity.NAMES_AFTER, query = "select t.name from TableEntity t where t.name > :after"
        + " and (t.status <> 'DELETING' or t.statusAt > :deletedBefore) order by t.name")
@NamedQuery(name = TableEntity.ALL_LIVE, query = "select t from TableEntity t where t.status <> 'DELETING'"
        + " order by t.id")
public class TableEntity {
    static final String BY_NAME = "TableEntity.byName";
    static final String NAMES_AFTER = "TableEntity.namesAfter";
    static final String WITH_TTL = "TableEntity.withTtl";
    static final String ALL_LIVE = "TableEntity.allLive";

    @Id
    private long id;

    @Column(nullable = false, unique = true)
    private String name;

    @Column(name = "table_uuid", nullable = false)
    private UUID tableUuid;

    @Column(nullable = false)
    private String status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "status_at", nullable = false)
    private Instant statusAt;

    @Column(name = "hash_key_name", nullable = false)
    private String hashKeyName;

    @Column(name = "hash_key_type", nullable = false)
    private String hashKeyType;

    @Column(name = "range_key_name")
    private String rangeKeyName;

    @Column(name = "range_key_type")
    private String rangeKeyType;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "attribute_definitions", nullable = false)
    private String attributeDefinitions;

    @Column(name = "billing_mode", nullable = false)
    private String billingMode;

    @Column(name = "read_capacity", nullable = false)
    private long readCapacity;

    @Column(name = "write_capacity", nullable = false)
    private long writeCapacity;

    /** Null when the table has no maximum of that kind (see {@link OnDemandThroughput}). */
    @Column(name = "max_read_request_units")
    private Long maxReadRequestUnits;

    @Column(name = "max_write_request_units")
    private Long maxWriteRequestUnits;

    @Column(name = "last_increase_at")
    private Instant lastIncreaseAt;

    @Column(name = "last_decrease_at")
    private Instant lastDecreaseAt;

    @Column(name = "decreases_today", nullable = false)
    private int decreasesToday;

    @Column(name = "pay_per_request_since")
    private Instant payPerRequestSince;

    /** The class a change is moving the table to; null when none is under way. */
    @Column(name = "table_class_pending")
    private String tableClassPending;

    /** When the last class change was applied (TableClassSummary.LastUpdateDateTime); null if never. */
    @Column(name = "table_class_changed_at")
    private Instant tableClassChangedAt;

    /** When the class changes of the last 30 days were requested. */
    @Column(name = "table_class_changes", nullable = false)
    private Instant[] tableClassChanges = new Instant[0];

    /** Null when the table class was never set (DescribeTable then omits TableClassSummary). */
    @Column(name = "table_class")
    private String tableClass;

    @Column(name = "deletion_protection", nullable = false)
    private boolean deletionProtection;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private String tags;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private String indexes = "[]";

    /** The table's enabled stream; null when it has none. */
    @Column(name = "stream_id")
    private Long streamId;

    /** The view type of the enabled stream (kept here: every write needs it). */
    @Column(name = "stream_view_type")
    private String streamViewType;

    /** The table's latest stream, enabled or not; null if it never had one. */
    @Column(name = "latest_stream_id")
    private Long latestStreamId;

    /** The TTL attribute while TTL is enabled; null otherwise. */
    @Column(name = "ttl_attribute")
    private String ttlAttribute;

    @Column(name = "ttl_enabled", nullable = false)
    private boolean ttlEnabled;

    /** When TTL was last enabled or disabled; null if never. */
    @Column(name = "ttl_changed_at")
    private Instant ttlChangedAt;

    @Embedded
    private ResourcePolicySlot resourcePolicy;

    @Column(name = "restore_source_backup_arn")
    private String restoreSourceBackupArn;

    @Column(name = "restore_source_table_arn")
    private String restoreSourceTableArn;

    @Column(name = "restore_date_time")
    private Instant restoreDateTime;

    @Column(name = "restore_in_progress", nullable = false)
    private boolean restoreInProgress;

    @Column(name = "pitr_enabled", nullable = false)
    private boolean pitrEnabled;

    @Column(name = "pitr_recovery_days")
    private Integer pitrRecoveryDays;

    @Column(name = "pitr_enabled_at")
    private Instant pitrEnabledAt;

    /** Written by {@link ItemHistory} only (with the base's snapshot, which JPA does not map). */
    @Column(name = "pitr_base_at", insertable = false, updatable = false)
    private Instant pitrBaseAt;

    @Version
    private long version;

    protected TableEntity() {
        // for JPA
    }

    TableEntity(long id, String name) {
        this.id = id;
        this.name = name;
        this.tableUuid = UUID.randomUUID();
    }

    /** The PostgreSQL partition holding this table's items. */
    public String itemPartition() {
        return "item_" + id;
    }

    public long getId() {
        return id;
    }

    /** Raised by every change to the row (JPA optimistic version); item writes compare it (see ItemTables). */
    public long getVersion() {
        return version;
    }

    public String getName() {
        return name;
    }

    public UUID getTableUuid() {
        return tableUuid;
    }

    public String getStatus() {
        return status;
    }

    /** Puts the table in {@code status} from {@code at} on. */
    public void enter(io.jynamo.core.table.TableStatus newStatus, Instant at) {
        this.status = newStatus.name();
        this.statusAt = at;
    }

    public Instant getStatusAt() {
        return statusAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    public String getHashKeyName() {
        return hashKeyName;
    }

    public String getHashKeyType() {
        return hashKeyType;
    }

    public String getRangeKeyName() {
        return rangeKeyName;
    }

    public String getRangeKeyType() {
        return rangeKeyType;
    }

    public void setKey(String hashName, String hashType, String rangeName, String rangeType) {
        this.hashKeyName = hashName;
        this.hashKeyType = hashType;
        this.rangeKeyName = rangeName;
        this.rangeKeyType = rangeType;
    }

    public String getAttributeDefinitions() {
        return attributeDefinitions;
    }

    public void setAttributeDefinitions(String attributeDefinitions) {
        this.attributeDefinitions = attributeDefinitions;
    }

    public String getBillingMode() {
        return billingMode;
    }

    public void setBillingMode(String billingMode) {
        this.billingMode = billingMode;
    }

    public long getReadCapacity() {
        return readCapacity;
    }

    public long getWriteCapacity() {
        return writeCapacity;
    }

    public void setCapacity(long read, long write) {
        this.readCapacity = read;
        this.writeCapacity = write;
    }

    /** The table's on-demand maxima; null when none is set. */
    public OnDemandThroughput getOnDemandThroughput() {
        return OnDemandThroughput.of(maxReadRequestUnits, maxWriteRequestUnits);
    }

    /** @param maxima null to remove both */
    public void setOnDemandThroughput(OnDemandThroughput maxima) {
        this.maxReadRequestUnits = maxima == null ? null : maxima.maxReadRequestUnits();
        this.maxWriteRequestUnits = maxima == null ? null : maxima.maxWriteRequestUnits();
    }

    public Instant getLastIncreaseAt() {
        return lastIncreaseAt;
    }

    public void setLastIncreaseAt(Instant lastIncreaseAt) {
        this.lastIncreaseAt = lastIncreaseAt;
    }

    public Instant getLastDecreaseAt() {
        return lastDecreaseAt;
    }

    public void setLastDecreaseAt(Instant lastDecreaseAt) {
        this.lastDecreaseAt = lastDecreaseAt;
    }

    public int getDecreasesToday() {
        return decreasesToday;
    }

    public void setDecreasesToday(int decreasesToday) {
        this.decreasesToday = decreasesToday;
    }

    public Instant getPayPerRequestSince() {
        return payPerRequestSince;
    }

    public void setPayPerRequestSince(Instant payPerRequestSince) {
        this.payPerRequestSince = payPerRequestSince;
    }

    public String getTableClass() {
        return tableClass;
    }

    public void setTableClass(String tableClass) {
        this.tableClass = tableClass;
    }

    public String getTableClassPending() {
        return tableClassPending;
    }

    public Instant getTableClassChangedAt() {
        return tableClassChangedAt;
    }

    public java.util.List<Instant> getTableClassChanges() {
        return java.util.List.of(tableClassChanges);
    }

    /** A change to {@code target} requested at {@code now}; the changes older than 30 days are forgotten. */
    public void requestTableClass(String target, Instant now, java.time.Duration window) {
        java.util.List<Instant> recent = new java.util.ArrayList<>();
        for (Instant at : tableClassChanges) {
            if (at.isAfter(now.minus(window))) {
                recent.add(at);
            }
        }
        recent.add(now);
        this.tableClassChanges = recent.toArray(new Instant[0]);
        this.tableClassPending = target;
    }

    /** The pending change applied: the table is of its new class from {@code now}. */
    public void tableClassApplied(Instant now) {
        this.tableClass = tableClassPending;
        this.tableClassPending = null;
        this.tableClassChangedAt = now;
    }

    public boolean isDeletionProtection() {
        return deletionProtection;
    }

    public void setDeletionProtection(boolean deletionProtection) {
        this.deletionProtection = deletionProtection;
    }

    public String getIndexes() {
        return indexes;
    }

    public void setIndexes(String indexes) {
        this.indexes = indexes;
    }

    public String getTags() {
        return tags;
    }

    public void setTags(String tags) {
        this.tags = tags;
    }

    public Long getStreamId() {
        return streamId;
    }

    public String getStreamViewType() {
        return streamViewType;
    }

    public Long getLatestStreamId() {
        return latestStreamId;
    }

    /** Enables the stream (made the latest), or disables the enabled one (which stays the latest) when null. */
    public void setStream(StreamEntity stream) {
        this.streamId = stream == null ? null : stream.getId();
        this.streamViewType = stream == null ? null : stream.getViewType();
        if (stream != null) {
            this.latestStreamId = stream.getId();
        }
    }

    public String getTtlAttribute() {
        return ttlAttribute;
    }

    public boolean isTtlEnabled() {
        return ttlEnabled;
    }

    public Instant getTtlChangedAt() {
        return ttlChangedAt;
    }

    /** Enables TTL on the attribute, or disables it when {@code attribute} is null. */
    public void setTimeToLive(String attribute, Instant now) {
        this.ttlAttribute = attribute;
        this.ttlEnabled = attribute != null;
        this.ttlChangedAt = now;
    }

    /** The resource-based policy (JPA leaves an embeddable of null columns null: an empty one is made here). */
    public ResourcePolicySlot getResourcePolicy() {
        if (resourcePolicy == null) {
            resourcePolicy = new ResourcePolicySlot();
        }
        return resourcePolicy;
    }

    /** The restore that made this table, as DescribeTable shows it; null for a table that was not restored. */
    public io.jynamo.core.table.RestoreSummary getRestoreSummary() {
        return restoreDateTime == null ? null : new io.jynamo.core.table.RestoreSummary(restoreSourceBackupArn,
                restoreSourceTableArn, restoreDateTime, restoreInProgress);
    }

    /**
     * Marks the table as being filled by a restore, or (summary null) an import: it stays CREATING until
     * {@link #restored}.
     */
    public void restoring(io.jynamo.core.table.RestoreSummary summary) {
        if (summary != null) {
            this.restoreSourceBackupArn = summary.sourceBackupArn();
            this.restoreSourceTableArn = summary.sourceTableArn();
            this.restoreDateTime = summary.restoreDateTime();
        }
        this.restoreInProgress = true;
    }

    public boolean isRestoreInProgress() {
        return restoreInProgress;
    }

    /** The restore is done: the table is ACTIVE from {@code now} on. */
    public void restored(Instant now) {
        this.restoreInProgress = false;
        enter(io.jynamo.core.table.TableStatus.ACTIVE, now);
    }

    public boolean isPitrEnabled() {
        return pitrEnabled;
    }

    public Integer getPitrRecoveryDays() {
        return pitrRecoveryDays;
    }

    public Instant getPitrEnabledAt() {
        return pitrEnabledAt;
    }

    /** When the base of point-in-time recovery was taken; null until it is (or when PITR is off). */
    public Instant getPitrBaseAt() {
        return pitrBaseAt;
    }

    /** Changes the recovery period of a table with point-in-time recovery on. */
    public void setPitrRecoveryDays(int days) {
        this.pitrRecoveryDays = days;
    }

    /** Turns point-in-time recovery on (with a recovery period in days) or off (null). */
    public void setPointInTimeRecovery(Integer recoveryDays, Instant now) {
        this.pitrEnabled = recoveryDays != null;
        this.pitrRecoveryDays = recoveryDays;
        this.pitrEnabledAt = recoveryDays == null ? null : now;
    }
}
