package io.jynamo.core.error;

/**
 * A ValidationException for a value that does not fit the table's schema: a key attribute missing or of the wrong
 * type, an index key attribute of the wrong type. Single-item operations answer it as such; a transaction answers it
 * as the {@code ValidationError} cancellation reason of the action (DynamoDB checks schemas per item, after the
 * request as a whole).
 */
public class SchemaMismatchException extends DynamoException {
    private static final long serialVersionUID = 1L;

    public SchemaMismatchException(String message) {
        super(ErrorType.VALIDATION, message);
    }

    /** With DynamoDB's common prefix for invalid parameter values. */
    public static SchemaMismatchException invalidParameter(String detail) {
        return new SchemaMismatchException("One or more parameter values were invalid: " + detail);
    }
}
