package io.jynamo.core.error;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * The one exception that turns into a DynamoDB error response: an {@link ErrorType} and DynamoDB's message.
 *
 * <p>It carries no stack trace: it is control flow for a client's mistake, thrown on hot paths, and never logged
 * as a failure of ours.
 */
public class DynamoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorType type;

    public DynamoException(ErrorType type, String message) {
        super(message, null, false, false);
        this.type = type;
    }

    public ErrorType type() {
        return type;
    }

    /** Writes the members of the error body beyond {@code __type} and the message; most errors have none. */
    public void writeDetails(JsonGenerator g) throws IOException {
        // none
    }

    /** A single-item write met an item a transaction is writing. */
    public static DynamoException transactionConflict() {
        return new DynamoException(ErrorType.TRANSACTION_CONFLICT, "Transaction is ongoing for the item");
    }

    /** A request arrived with the ClientRequestToken of a transaction still running (the SDKs retry it). */
    public static DynamoException transactionInProgress() {
        return new DynamoException(ErrorType.TRANSACTION_IN_PROGRESS,
                "Transaction from previous request is still in progress");
    }

    /** A ClientRequestToken used within the last 10 minutes came with a different request. */
    public static DynamoException idempotentParameterMismatch() {
        // The model's description of the error; DynamoDB's message for it is not documented.
        return new DynamoException(ErrorType.IDEMPOTENT_PARAMETER_MISMATCH, "DynamoDB rejected the request because "
                + "you retried a request with a different payload but with an idempotent token that was already used.");
    }

    public static DynamoException validation(String message) {
        return new DynamoException(ErrorType.VALIDATION, message);
    }

    /** A ValidationException with DynamoDB's common prefix for invalid parameter values. */
    public static DynamoException invalidParameter(String detail) {
        return validation("One or more parameter values were invalid: " + detail);
    }

    public static DynamoException serialization(String message) {
        return new DynamoException(ErrorType.SERIALIZATION, message);
    }

    /** The message data-plane operations give for a table that does not exist. */
    public static DynamoException tableNotFound() {
        return new DynamoException(ErrorType.RESOURCE_NOT_FOUND, "Requested resource not found");
    }

    /** The message control-plane operations give for a table that does not exist. */
    public static DynamoException tableNotFound(String tableName) {
        return new DynamoException(ErrorType.RESOURCE_NOT_FOUND,
                "Requested resource not found: Table: " + tableName + " not found");
    }

    /** The request must wait for others to finish: DynamoDB's documented throttling message. */
    public static DynamoException throttled() {
        return new DynamoException(ErrorType.THROTTLING, "Rate of requests exceeds the allowed throughput.");
    }

    public static DynamoException internal() {
        return new DynamoException(ErrorType.INTERNAL_SERVER_ERROR, "Internal server error");
    }
}
