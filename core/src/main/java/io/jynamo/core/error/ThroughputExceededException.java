package io.jynamo.core.error;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * A request refused because a table or global index has spent its capacity: ProvisionedThroughputExceededException
 * for provisioned capacity (the SDKs retry it with back-off), ThrottlingException for an on-demand table's maximum.
 * The body names the reason and the resource, as DynamoDB's ThrottlingReasons do ({@code reason}: the kind of
 * resource, of access and of limit, e.g. {@code TableReadProvisionedThroughputExceeded}; {@code resource}: its ARN).
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html">Error handling with DynamoDB</a>
 */
public class ThroughputExceededException extends DynamoException {
    private static final long serialVersionUID = 1L;

    static final String TABLE = "The level of configured provisioned throughput for the table was exceeded. "
            + "Consider increasing your provisioning level with the UpdateTable API.";
    static final String INDEX = "The level of configured provisioned throughput for one or more global secondary "
            + "indexes of the table was exceeded. Consider increasing your provisioning level for the "
            + "under-provisioned global secondary indexes with the UpdateTable API";
    static final String ON_DEMAND = "Throughput exceeds the maximum OnDemandThroughput configured on table or index";

    private final String reason;
    private final String resource;

    private ThroughputExceededException(ErrorType type, String message, String reason, String resource) {
        super(type, message);
        this.reason = reason;
        this.resource = resource;
    }

    /**
     * Provisioned capacity spent.
     *
     * @param index    whether the capacity spent is a global index's (of the table read or written)
     * @param write    whether it is write capacity
     * @param resource the ARN of the table or index
     */
    public static ThroughputExceededException provisioned(boolean index, boolean write, String resource) {
        return new ThroughputExceededException(ErrorType.PROVISIONED_THROUGHPUT_EXCEEDED, index ? INDEX : TABLE,
                reason(index, write, "ProvisionedThroughputExceeded"), resource);
    }

    /**
     * An on-demand table's (or global index's) MaxReadRequestUnits or MaxWriteRequestUnits reached.
     *
     * @param index whether the maximum reached is a global index's
     */
    public static ThroughputExceededException onDemandMaximum(boolean index, boolean write, String resource) {
        return new ThroughputExceededException(ErrorType.THROTTLING, ON_DEMAND,
                reason(index, write, "MaxOnDemandThroughputExceeded"), resource);
    }

    private static String reason(boolean index, boolean write, String limit) {
        return (index ? "Index" : "Table") + (write ? "Write" : "Read") + limit;
    }

    /** The code a cancelled transaction gives the items of the table refused. */
    public String cancellationCode() {
        return type() == ErrorType.THROTTLING ? "ThrottlingError" : "ProvisionedThroughputExceeded";
    }

    @Override
    public void writeDetails(JsonGenerator g) throws IOException {
        // the models spell the member so: ThrottlingReasons, but throttlingReasons on ThrottlingException
        g.writeArrayFieldStart(type() == ErrorType.THROTTLING ? "throttlingReasons" : "ThrottlingReasons");
        g.writeStartObject();
        g.writeStringField("reason", reason);
        g.writeStringField("resource", resource);
        g.writeEndObject();
        g.writeEndArray();
    }
}
