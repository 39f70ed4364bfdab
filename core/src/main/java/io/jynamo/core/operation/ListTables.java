package io.jynamo.core.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jynamo.core.api.Limits;
import io.jynamo.core.api.RequestChecker;
import io.jynamo.core.api.Shape;

import java.io.IOException;
import java.util.List;

import static io.jynamo.core.api.Shape.integer;
import static io.jynamo.core.api.Shape.member;
import static io.jynamo.core.api.Shape.string;
import static io.jynamo.core.api.Shape.struct;

/**
 * ListTables: table names in ascending order, a page of at most {@code Limit} (default and maximum 100).
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ListTables.html">ListTables</a>
 */
public final class ListTables {
    private ListTables() {
    }

    /** @param exclusiveStartTableName null to start at the first table */
    public record Request(String exclusiveStartTableName, int limit) { }

    /** @param lastEvaluatedTableName null when this page ends the list */
    public record Response(List<String> tableNames, String lastEvaluatedTableName) { }

    static final Shape SHAPE = struct("ListTablesInput",
            member("Limit", integer().min(1).max(Limits.MAX_LIST_TABLES_LIMIT)),
            member("ExclusiveStartTableName", string().pattern(Limits.TABLE_NAME_PATTERN)
                    .length(Limits.MIN_TABLE_NAME_LENGTH, Limits.MAX_TABLE_NAME_LENGTH)));

    public static Request parse(byte[] body) {
        ObjectNode r = RequestChecker.check(body, SHAPE);
        int limit = r.has("Limit") ? r.get("Limit").intValue() : Limits.MAX_LIST_TABLES_LIMIT;
        JsonNode start = r.get("ExclusiveStartTableName");
        return new Request(start == null ? null : start.textValue(), limit);
    }

    public static void write(JsonGenerator g, Response response) throws IOException {
        g.writeStartObject();
        if (response.lastEvaluatedTableName() != null) {
            g.writeStringField("LastEvaluatedTableName", response.lastEvaluatedTableName());
        }
        g.writeArrayFieldStart("TableNames");
        for (String name : response.tableNames()) {
            g.writeString(name);
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
