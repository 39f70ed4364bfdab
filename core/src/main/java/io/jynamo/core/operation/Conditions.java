package io.jynamo.core.operation;

import com.fasterxml.jackson.databind.JsonNode;
import io.jynamo.core.error.DynamoException;

/**
 * Placeholder guard until condition expressions are implemented (issue 4): a conditional write must never be
 * applied unconditionally, so a request with a condition is refused rather than half-honoured.
 */
final class Conditions {
    private Conditions() {
    }

    static void refuseUntilSupported(JsonNode request) {
        if (request.has("ConditionExpression") || request.has("ExpressionAttributeValues")
                || request.has("Expected") || request.has("ConditionalOperator")) {
            throw DynamoException.validation("ConditionExpression is not supported by this Jynamo version");
        }
    }
}
