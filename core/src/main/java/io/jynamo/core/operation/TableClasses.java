package io.jynamo.core.operation;

import com.fasterxml.jackson.databind.JsonNode;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.table.TableClass;

/** The TableClass member of CreateTable and UpdateTable, which DynamoDB checks with its own message. */
final class TableClasses {
    private TableClasses() {
    }

    /** The table class given, or null when the request does not set one. */
    static TableClass read(JsonNode request) {
        JsonNode node = request.get("TableClass");
        if (node == null) {
            return null;
        }
        try {
            return TableClass.valueOf(node.textValue());
        } catch (IllegalArgumentException e) {
            throw DynamoException.validation("Invalid table-class parameter provided. Please try again with a valid "
                    + "table-class value: [STANDARD, STANDARD_INFREQUENT_ACCESS].");
        }
    }
}
