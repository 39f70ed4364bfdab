package io.jynamo.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A workload of the raw-HTTP benchmark: which requests wrk sends, in what shares. The YCSB mixes of {@link Workload}
 * (A, B, C, PUT, QUERY) with GetItem eventually consistent, as DynamoDB's default; CC reads with ConsistentRead;
 * HEALTH is {@code GET /}, the HTTP stack alone.
 */
enum Mix {
    A(Map.of(Request.GET, 50, Request.UPDATE, 50)),
    B(Map.of(Request.GET, 95, Request.UPDATE, 5)),
    C(Map.of(Request.GET, 100)),
    CC(Map.of(Request.CONSISTENT_GET, 100)),
    PUT(Map.of(Request.PUT, 100)),
    QUERY(Map.of(Request.QUERY, 100)),
    HEALTH(Map.of(Request.HEALTH, 100));

    /** The requests the benchmark signs ahead, each of the shape {@link Target} describes. */
    enum Request { GET, CONSISTENT_GET, UPDATE, PUT, QUERY, HEALTH }

    final Map<Request, Integer> shares;

    Mix(Map<Request, Integer> shares) {
        this.shares = new LinkedHashMap<>(shares);
    }

    /** The shares as replay.lua reads them from the environment: "GET:95,UPDATE:5". */
    String asEnvironment() {
        StringBuilder sb = new StringBuilder();
        shares.forEach((r, percent) -> sb.append(sb.length() == 0 ? "" : ",").append(r).append(':').append(percent));
        return sb.toString();
    }
}
