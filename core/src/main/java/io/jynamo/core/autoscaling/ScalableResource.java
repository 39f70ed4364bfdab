package io.jynamo.core.autoscaling;

import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.ErrorType;

/**
 * What a DynamoDB scalable target scales: the read or write capacity of a table ({@code table/T},
 * {@code dynamodb:table:ReadCapacityUnits}) or of one of its global indexes ({@code table/T/index/I},
 * {@code dynamodb:index:WriteCapacityUnits}).
 *
 * @param indexName null for the table itself
 */
public record ScalableResource(String tableName, String indexName, boolean write) {
    public static final String NAMESPACE = "dynamodb";

    /** The resource named, or Application Auto Scaling's ValidationException when it is no DynamoDB target. */
    public static ScalableResource parse(String namespace, String resourceId, String dimension) {
        if (!NAMESPACE.equals(namespace) || !resourceId.startsWith("table/")) {
            throw unsupported();
        }
        String rest = resourceId.substring("table/".length());
        int index = rest.indexOf("/index/");
        String table = index < 0 ? rest : rest.substring(0, index);
        String indexName = index < 0 ? null : rest.substring(index + "/index/".length());
        String kind = indexName == null ? "table" : "index";
        boolean write;
        if (dimension.equals("dynamodb:" + kind + ":ReadCapacityUnits")) {
            write = false;
        } else if (dimension.equals("dynamodb:" + kind + ":WriteCapacityUnits")) {
            write = true;
        } else {
            throw unsupported();
        }
        if (table.isEmpty() || table.contains("/") || (indexName != null
                && (indexName.isEmpty() || indexName.contains("/")))) {
            throw unsupported();
        }
        return new ScalableResource(table, indexName, write);
    }

    public String resourceId() {
        return "table/" + tableName + (indexName == null ? "" : "/index/" + indexName);
    }

    public String dimension() {
        return "dynamodb:" + (indexName == null ? "table" : "index") + ":" + (write ? "Write" : "Read")
                + "CapacityUnits";
    }

    /** "read" or "write", as activities say it. */
    public String kind() {
        return write ? "write" : "read";
    }

    static DynamoException unsupported() {
        return AutoScalingRequests.validation("Unsupported service namespace, resource type or scalable dimension");
    }

    /** ObjectNotFoundException for a target that is not registered. */
    public DynamoException notRegistered() {
        return new DynamoException(ErrorType.OBJECT_NOT_FOUND, "No scalable target registered for service "
                + "namespace: " + NAMESPACE + ", resource ID: " + resourceId() + ", scalable dimension: "
                + dimension());
    }
}
