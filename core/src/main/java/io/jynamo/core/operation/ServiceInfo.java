package io.jynamo.core.operation;

import io.jynamo.core.table.ThroughputLimits;

import com.fasterxml.jackson.core.JsonGenerator;
import io.jynamo.core.api.RequestChecker;
import io.jynamo.core.api.Shape;

import java.io.IOException;

/**
 * DescribeEndpoints and DescribeLimits: what the service says of itself. Neither takes parameters.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeEndpoints.html">DescribeEndpoints</a>
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeLimits.html">DescribeLimits</a>
 */
public final class ServiceInfo {
    /** DynamoDB's cache period for its endpoint: a day. */
    static final long ENDPOINT_CACHE_MINUTES = 1440;
    static final long ACCOUNT_MAX_CAPACITY_UNITS = ThroughputLimits.ACCOUNT_MAXIMUM;
    static final long TABLE_MAX_CAPACITY_UNITS = ThroughputLimits.TABLE_MAXIMUM;

    private static final Shape NO_PARAMETERS = Shape.struct("EmptyInput");

    private ServiceInfo() {
    }

    /** Checks a request that has no parameters (it must still be a JSON object). */
    public static void parseEmpty(byte[] body) {
        RequestChecker.check(body, NO_PARAMETERS);
    }

    /** @param address the host (and port) the client reached, without a scheme, as DynamoDB gives it */
    public static void writeEndpoints(JsonGenerator g, String address) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("Endpoints");
        g.writeStartObject();
        g.writeStringField("Address", address);
        g.writeNumberField("CachePeriodInMinutes", ENDPOINT_CACHE_MINUTES);
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
    }

    public static void writeLimits(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("AccountMaxReadCapacityUnits", ACCOUNT_MAX_CAPACITY_UNITS);
        g.writeNumberField("AccountMaxWriteCapacityUnits", ACCOUNT_MAX_CAPACITY_UNITS);
        g.writeNumberField("TableMaxReadCapacityUnits", TABLE_MAX_CAPACITY_UNITS);
        g.writeNumberField("TableMaxWriteCapacityUnits", TABLE_MAX_CAPACITY_UNITS);
        g.writeEndObject();
    }
}
