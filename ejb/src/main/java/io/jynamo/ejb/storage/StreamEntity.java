package io.jynamo.ejb.storage;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A table's stream, from the moment it is enabled. It outlives being disabled and its table being deleted: its
 * records stay readable for 24 hours (the stream trim job forgets it after that). Its sequence counters are kept by
 * JDBC ({@link StreamRecords}), not through this entity.
 */
@Entity
@Table(name = "stream")
@NamedQuery(name = StreamEntity.OF_TABLE,
        query = "select s from StreamEntity s where s.tableName = :table order by s.createdAt, s.id")
@NamedQuery(name = StreamEntity.ALL, query = "select s from StreamEntity s order by s.tableName, s.createdAt, s.id")
@NamedQuery(name = StreamEntity.BY_LABEL,
        query = "select s from StreamEntity s where s.tableName = :table and s.label = :label")
public class StreamEntity {
    static final String OF_TABLE = "StreamEntity.ofTable";
    static final String ALL = "StreamEntity.all";
    static final String BY_LABEL = "StreamEntity.byLabel";

    /** Labels are the enabling time, to the millisecond, in UTC, without a zone (as DynamoDB writes them). */
    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    public static final String ENABLED = "ENABLED";
    public static final String DISABLED = "DISABLED";

    @Id
    private long id;

    @Column(name = "table_id", nullable = false)
    private long tableId;

    @Column(name = "table_name", nullable = false)
    private String tableName;

    @Column(nullable = false)
    private String label;

    @Column(name = "view_type", nullable = false)
    private String viewType;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "key_schema", nullable = false)
    private String keySchema;

    @Column(nullable = false)
    private String status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "disabled_at")
    private Instant disabledAt;

    @Embedded
    private ResourcePolicySlot resourcePolicy;

    protected StreamEntity() {
        // for JPA
    }

    StreamEntity(long id, TableEntity table, String viewType, String keySchema, Instant createdAt) {
        this.id = id;
        this.tableId = table.getId();
        this.tableName = table.getName();
        this.viewType = viewType;
        this.keySchema = keySchema;
        this.status = ENABLED;
        this.createdAt = createdAt;
        this.label = labelOf(createdAt);
    }

    /** The label of a stream enabled at this time. */
    static String labelOf(Instant enabledAt) {
        return LABEL.format(enabledAt);
    }

    public long getId() {
        return id;
    }

    public long getTableId() {
        return tableId;
    }

    public String getTableName() {
        return tableName;
    }

    public String getLabel() {
        return label;
    }

    public String getViewType() {
        return viewType;
    }

    /** The table's key schema as DescribeStream shows it: a JSON list of KeySchemaElement. */
    public String getKeySchema() {
        return keySchema;
    }

    public String getStatus() {
        return status;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getDisabledAt() {
        return disabledAt;
    }

    void disable(Instant now) {
        this.status = DISABLED;
        this.disabledAt = now;
    }

    /** The resource-based policy (JPA leaves an embeddable of null columns null: an empty one is made here). */
    public ResourcePolicySlot getResourcePolicy() {
        if (resourcePolicy == null) {
            resourcePolicy = new ResourcePolicySlot();
        }
        return resourcePolicy;
    }
}
