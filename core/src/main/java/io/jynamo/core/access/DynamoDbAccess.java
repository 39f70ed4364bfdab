package io.jynamo.core.access;

import io.jynamo.core.expression.ConditionPaths;
import io.jynamo.core.expression.DocumentPath;
import io.jynamo.core.expression.UpdateChecks;
import io.jynamo.core.expression.ast.Condition;
import io.jynamo.core.expression.ast.UpdateAction;
import io.jynamo.core.iam.AccessRequest;
import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.operation.BatchGetItem;
import io.jynamo.core.operation.BatchWriteItem;
import io.jynamo.core.operation.ConsumedCapacity;
import io.jynamo.core.operation.DeleteItem;
import io.jynamo.core.operation.GetItem;
import io.jynamo.core.operation.PutItem;
import io.jynamo.core.operation.Query;
import io.jynamo.core.operation.ReturnValues;
import io.jynamo.core.operation.Scan;
import io.jynamo.core.operation.Select;
import io.jynamo.core.operation.TransactGetItems;
import io.jynamo.core.operation.TransactWriteItems;
import io.jynamo.core.expression.KeyConditions;
import io.jynamo.core.table.KeySchema;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What DynamoDB asks of a caller's policies for each operation (Service Authorization Reference, "Amazon DynamoDB"):
 * the action, the resource (the table, or the index a Query or Scan reads, or {@code *}), and the fine-grained
 * access keys of the developer guide's "Using IAM policy conditions for fine-grained access control":
 * {@code dynamodb:LeadingKeys} (the partition key values touched, an index's for a Query of it; none for Scan,
 * which reads them all),
 * {@code dynamodb:Attributes} (the top-level attributes named: keys, items, projections, update targets, conditions
 * and filters), {@code dynamodb:Select} (always, on reads), {@code dynamodb:ReturnValues} (always, on writes),
 * {@code dynamodb:ReturnConsumedCapacity}, and {@code dynamodb:EnclosingOperation} inside transactions. Batches ask
 * once per table, transactions once per item, with the action of each part (ConditionCheck asks for
 * ConditionCheckItem).
 */
public final class DynamoDbAccess {
    private static final Set<String> MULTI_VALUED = Set.of("dynamodb:leadingkeys", "dynamodb:attributes",
            "aws:tagkeys");

    private final Principal principal;
    private final Arns arns;
    private final KeySchemas keySchemas;

    /** The key schemas of tables and indexes; null for one that does not exist (its keys are then not known). */
    public interface KeySchemas {
        KeySchema table(String table);

        KeySchema index(String table, String index);
    }

    /** The ARNs of this installation's resources. */
    public record Arns(String region, String accountId) {
        public String table(String name) {
            return "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + name;
        }

        public String index(String table, String index) {
            return table(table) + "/index/" + index;
        }
    }

    public DynamoDbAccess(Principal principal, Arns arns, KeySchemas keySchemas) {
        this.principal = principal;
        this.arns = arns;
        this.keySchemas = keySchemas;
    }

    /** An action on a resource, with no keys of its own (the table operations, ListTables, the streams). */
    public AccessRequest plain(String operation, String resource) {
        return new Builder("dynamodb:" + operation, resource).build();
    }

    public AccessRequest onTable(String operation, String tableName) {
        return plain(operation, arns.table(tableName));
    }

    /**
     * An S3 action an export or import asks of its caller besides DynamoDB's, as DynamoDB does: the server reads and
     * writes the bucket with its own credentials, so whether the caller may is decided here, by the caller's policies
     * ({@code s3:PutObject} on {@code arn:aws:s3:::bucket/prefix} for an export; {@code s3:ListBucket} on the bucket
     * and {@code s3:GetObject} on the prefix for an import).
     */
    public AccessRequest onS3(String action, String bucket, String key) {
        return new Builder("s3:" + action, "arn:aws:s3:::" + bucket + (key == null ? "" : "/" + key)).build();
    }

    public List<AccessRequest> getItem(GetItem.Request r) {
        return List.of(new Builder("dynamodb:GetItem", arns.table(r.tableName()))
                .leadingKeys(r.tableName(), List.of(r.key()))
                .attributes(names(r.key().keySet(), r.projection(), null))
                .select(selectOf(r.projection()))
                .consumedCapacity(r.consumedCapacity()).build());
    }

    public List<AccessRequest> putItem(PutItem.Request r) {
        return List.of(write("dynamodb:PutItem", r.tableName(), r.item(), r.item().keySet(), List.of(), r.condition(),
                r.returnValues(), r.consumedCapacity(), null));
    }

    public List<AccessRequest> updateItem(io.jynamo.core.operation.UpdateItem.Request r) {
        return List.of(write("dynamodb:UpdateItem", r.tableName(), r.key(), r.key().keySet(), r.actions(),
                r.condition(), r.returnValues(), r.consumedCapacity(), null));
    }

    public List<AccessRequest> deleteItem(DeleteItem.Request r) {
        return List.of(write("dynamodb:DeleteItem", r.tableName(), r.key(), r.key().keySet(), List.of(), r.condition(),
                r.returnValues(), r.consumedCapacity(), null));
    }

    public List<AccessRequest> query(Query.Request r) {
        String resource = r.indexName() == null ? arns.table(r.tableName()) : arns.index(r.tableName(), r.indexName());
        Builder b = new Builder("dynamodb:Query", resource);
        // on an index, the index's partition key: the items it reaches are those of that value
        KeySchema schema = r.indexName() == null ? keySchemas.table(r.tableName())
                : keySchemas.index(r.tableName(), r.indexName());
        Set<String> named = new LinkedHashSet<>(r.keyConditions().keySet());
        if (schema != null) {
            // the partition key's value, which the key condition gives with "="
            KeyConditions.KeyCondition partition = r.keyConditions().get(schema.hash().name());
            if (partition != null && partition.values().size() == 1) {
                b.keys.put("dynamodb:leadingkeys", List.of(text(partition.values().get(0))));
            }
        }
        return List.of(b.attributes(names(named, r.projection(), r.filter())).select(r.select())
                .returnValues(null).consumedCapacity(r.consumedCapacity()).build());
    }

    public List<AccessRequest> scan(Scan.Request r) {
        String resource = r.indexName() == null ? arns.table(r.tableName()) : arns.index(r.tableName(), r.indexName());
        return List.of(new Builder("dynamodb:Scan", resource).attributes(names(Set.of(), r.projection(), r.filter()))
                .select(r.select()).consumedCapacity(r.consumedCapacity()).build());
    }

    public List<AccessRequest> batchGetItem(BatchGetItem.Request r) {
        List<AccessRequest> out = new ArrayList<>();
        for (BatchGetItem.TableRequest t : r.tables()) {
            Set<String> keyNames = new LinkedHashSet<>();
            t.keys().forEach(k -> keyNames.addAll(k.keySet()));
            out.add(new Builder("dynamodb:BatchGetItem", arns.table(t.tableName())).leadingKeys(t.tableName(), t.keys())
                    .attributes(names(keyNames, t.projection(), null))
                    .select(selectOf(t.projection()))
                    .consumedCapacity(r.consumedCapacity()).build());
        }
        return out;
    }

    public List<AccessRequest> batchWriteItem(BatchWriteItem.Request r) {
        Map<String, List<BatchWriteItem.Write>> byTable = new LinkedHashMap<>();
        r.writes().forEach(w -> byTable.computeIfAbsent(w.tableName(), t -> new ArrayList<>()).add(w));
        List<AccessRequest> out = new ArrayList<>();
        for (Map.Entry<String, List<BatchWriteItem.Write>> t : byTable.entrySet()) {
            List<Map<String, AttributeValue>> touched = new ArrayList<>();
            Set<String> named = new LinkedHashSet<>();
            for (BatchWriteItem.Write w : t.getValue()) {
                Map<String, AttributeValue> item = w.isPut() ? w.item() : w.key();
                touched.add(item);
                named.addAll(item.keySet());
            }
            out.add(new Builder("dynamodb:BatchWriteItem", arns.table(t.getKey())).leadingKeys(t.getKey(), touched)
                    .attributes(named).consumedCapacity(r.consumedCapacity()).build());
        }
        return out;
    }

    public List<AccessRequest> transactGetItems(TransactGetItems.Request r) {
        List<AccessRequest> out = new ArrayList<>();
        for (TransactGetItems.Get g : r.gets()) {
            Builder b = new Builder("dynamodb:GetItem", arns.table(g.tableName())).leadingKeys(g.tableName(),
                    List.of(g.key())).attributes(names(g.key().keySet(), g.projection(), null))
                    .select(selectOf(g.projection()))
                    .consumedCapacity(r.consumedCapacity());
            b.keys.put("dynamodb:enclosingoperation", List.of("TransactGetItems"));
            out.add(b.build());
        }
        return out;
    }

    public List<AccessRequest> transactWriteItems(TransactWriteItems.Request r) {
        List<AccessRequest> out = new ArrayList<>();
        for (TransactWriteItems.Action a : r.actions()) {
            ReturnValues onFailure = a.returnOldOnCondition() ? ReturnValues.ALL_OLD : ReturnValues.NONE;
            if (a instanceof TransactWriteItems.Put p) {
                out.add(write("dynamodb:PutItem", p.tableName(), p.item(), p.item().keySet(), List.of(), p.condition(),
                        onFailure, r.consumedCapacity(), "TransactWriteItems"));
            } else if (a instanceof TransactWriteItems.Update u) {
                out.add(write("dynamodb:UpdateItem", u.tableName(), u.key(), u.key().keySet(), u.actions(),
                        u.condition(), onFailure, r.consumedCapacity(), "TransactWriteItems"));
            } else if (a instanceof TransactWriteItems.Delete d) {
                out.add(write("dynamodb:DeleteItem", d.tableName(), d.key(), d.key().keySet(), List.of(), d.condition(),
                        onFailure, r.consumedCapacity(), "TransactWriteItems"));
            } else if (a instanceof TransactWriteItems.ConditionCheck c) {
                out.add(write("dynamodb:ConditionCheckItem", c.tableName(), c.key(), c.key().keySet(), List.of(),
                        c.condition(), onFailure, r.consumedCapacity(), "TransactWriteItems"));
            }
        }
        return out;
    }

    private AccessRequest write(String action, String table, Map<String, AttributeValue> keyOrItem,
                                Collection<String> itemNames, List<UpdateAction> updates, Condition condition,
                                ReturnValues returnValues, ConsumedCapacity.Mode consumedCapacity, String enclosing) {
        Set<String> named = new LinkedHashSet<>(itemNames);
        UpdateChecks.paths(updates).forEach(p -> named.add(p.attribute()));
        if (condition != null) {
            named.addAll(ConditionPaths.attributes(condition));
        }
        Builder b = new Builder(action, arns.table(table)).leadingKeys(table, List.of(keyOrItem)).attributes(named)
                .returnValues(returnValues == null ? ReturnValues.NONE : returnValues).consumedCapacity(consumedCapacity);
        if (enclosing != null) {
            b.keys.put("dynamodb:enclosingoperation", List.of(enclosing));
        }
        return b.build();
    }

    private static Set<String> names(Collection<String> base, List<DocumentPath> projection, Condition filter) {
        Set<String> named = new LinkedHashSet<>(base);
        projected(projection).forEach(p -> named.add(p.attribute()));
        if (filter != null) {
            named.addAll(ConditionPaths.attributes(filter));
        }
        return named;
    }

    /** A request's projection: null or empty when it has none. */
    private static List<DocumentPath> projected(List<DocumentPath> projection) {
        return projection == null ? List.of() : projection;
    }

    private static Select selectOf(List<DocumentPath> projection) {
        return projected(projection).isEmpty() ? Select.ALL_ATTRIBUTES : Select.SPECIFIC_ATTRIBUTES;
    }

    /** A key value as policies compare it: a string's text, a number's digits, a binary's base64. */
    private static String text(AttributeValue v) {
        if (v instanceof AttributeValue.S s) {
            return s.value();
        }
        if (v instanceof AttributeValue.N n) {
            return n.value().toString();
        }
        if (v instanceof AttributeValue.B b) {
            return Base64.getEncoder().encodeToString(b.value());
        }
        return v.toString();
    }

    /** An access request under construction: the globals, then the keys this operation adds. */
    private final class Builder {
        private final String action;
        private final String resource;
        private final Map<String, List<String>> keys;

        Builder(String action, String resource) {
            this.action = action;
            this.resource = resource;
            this.keys = principal.globalKeys();
        }

        /** The partition key values of the items touched; not known for a table that does not exist. */
        Builder leadingKeys(String table, List<Map<String, AttributeValue>> items) {
            KeySchema schema = keySchemas.table(table);
            if (schema == null) {
                return this;
            }
            Set<String> values = new LinkedHashSet<>();
            for (Map<String, AttributeValue> item : items) {
                AttributeValue v = item.get(schema.hash().name());
                if (v != null) {
                    values.add(text(v));
                }
            }
            keys.put("dynamodb:leadingkeys", List.copyOf(values));
            return this;
        }

        Builder attributes(Set<String> names) {
            keys.put("dynamodb:attributes", List.copyOf(names));
            return this;
        }

        Builder select(Select select) {
            keys.put("dynamodb:select", List.of(select.name()));
            return this;
        }

        Builder returnValues(ReturnValues returnValues) {
            if (returnValues != null) {
                keys.put("dynamodb:returnvalues", List.of(returnValues.name()));
            }
            return this;
        }

        Builder consumedCapacity(ConsumedCapacity.Mode mode) {
            keys.put("dynamodb:returnconsumedcapacity", List.of(mode == null ? "NONE" : mode.name()));
            return this;
        }

        AccessRequest build() {
            return new AccessRequest(action, resource, keys, MULTI_VALUED);
        }
    }
}
