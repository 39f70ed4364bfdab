package io.jynamo.core.error;

/**
 * The error types Jynamo answers with, each with the exact {@code __type} DynamoDB sends and its HTTP status.
 *
 * <p>Clients branch on the part of {@code __type} after {@code #}; the namespace before it is kept as DynamoDB
 * sends it (Coral framework errors under {@code com.amazon.coral.*}, service errors under
 * {@code com.amazonaws.dynamodb.v20120810}) so that byte-level comparisons with DynamoDB hold too.
 */
public enum ErrorType {
    // Framework (Coral) errors: request could not be understood or authenticated.
    SERIALIZATION("com.amazon.coral.service#SerializationException", 400),
    UNKNOWN_OPERATION("com.amazon.coral.service#UnknownOperationException", 400),
    MISSING_AUTHENTICATION_TOKEN("com.amazon.coral.service#MissingAuthenticationTokenException", 400),
    INCOMPLETE_SIGNATURE("com.amazon.coral.service#IncompleteSignatureException", 400),
    INVALID_SIGNATURE("com.amazon.coral.service#InvalidSignatureException", 400),
    UNRECOGNIZED_CLIENT("com.amazon.coral.service#UnrecognizedClientException", 400),
    // Temporary credentials past their expiry.
    EXPIRED_TOKEN("com.amazon.coral.service#ExpiredTokenException", 400),
    ACCESS_DENIED("com.amazon.coral.service#AccessDeniedException", 400),
    VALIDATION("com.amazon.coral.validate#ValidationException", 400),
    // The server is too busy for the request right now; every AWS SDK retries it with back-off.
    THROTTLING("com.amazon.coral.availability#ThrottlingException", 400),

    // DynamoDB service errors.
    RESOURCE_NOT_FOUND("com.amazonaws.dynamodb.v20120810#ResourceNotFoundException", 400),
    RESOURCE_IN_USE("com.amazonaws.dynamodb.v20120810#ResourceInUseException", 400),
    // The backup operations' own "no such table" (DescribeContinuousBackups and the backups API).
    TABLE_NOT_FOUND("com.amazonaws.dynamodb.v20120810#TableNotFoundException", 400),
    // The backup operations' errors about the target of a restore and about backups themselves.
    TABLE_ALREADY_EXISTS("com.amazonaws.dynamodb.v20120810#TableAlreadyExistsException", 400),
    TABLE_IN_USE("com.amazonaws.dynamodb.v20120810#TableInUseException", 400),
    BACKUP_NOT_FOUND("com.amazonaws.dynamodb.v20120810#BackupNotFoundException", 400),
    BACKUP_IN_USE("com.amazonaws.dynamodb.v20120810#BackupInUseException", 400),
    CONTINUOUS_BACKUPS_UNAVAILABLE("com.amazonaws.dynamodb.v20120810#ContinuousBackupsUnavailableException", 400),
    POINT_IN_TIME_RECOVERY_UNAVAILABLE(
            "com.amazonaws.dynamodb.v20120810#PointInTimeRecoveryUnavailableException", 400),
    INVALID_RESTORE_TIME("com.amazonaws.dynamodb.v20120810#InvalidRestoreTimeException", 400),
    // Export to S3 and import from S3.
    INVALID_EXPORT_TIME("com.amazonaws.dynamodb.v20120810#InvalidExportTimeException", 400),
    EXPORT_CONFLICT("com.amazonaws.dynamodb.v20120810#ExportConflictException", 400),
    EXPORT_NOT_FOUND("com.amazonaws.dynamodb.v20120810#ExportNotFoundException", 400),
    IMPORT_CONFLICT("com.amazonaws.dynamodb.v20120810#ImportConflictException", 400),
    IMPORT_NOT_FOUND("com.amazonaws.dynamodb.v20120810#ImportNotFoundException", 400),
    CONDITIONAL_CHECK_FAILED("com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException", 400),
    LIMIT_EXCEEDED("com.amazonaws.dynamodb.v20120810#LimitExceededException", 400),
    PROVISIONED_THROUGHPUT_EXCEEDED("com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException", 400),
    TRANSACTION_CONFLICT("com.amazonaws.dynamodb.v20120810#TransactionConflictException", 400),
    TRANSACTION_CANCELED("com.amazonaws.dynamodb.v20120810#TransactionCanceledException", 400),
    TRANSACTION_IN_PROGRESS("com.amazonaws.dynamodb.v20120810#TransactionInProgressException", 400),
    // A table or stream without a resource-based policy, or with another revision than the one expected.
    POLICY_NOT_FOUND("com.amazonaws.dynamodb.v20120810#PolicyNotFoundException", 400),
    IDEMPOTENT_PARAMETER_MISMATCH("com.amazonaws.dynamodb.v20120810#IdempotentParameterMismatchException", 400),
    // DynamoDB Streams errors (same namespace).
    EXPIRED_ITERATOR("com.amazonaws.dynamodb.v20120810#ExpiredIteratorException", 400),
    TRIMMED_DATA_ACCESS("com.amazonaws.dynamodb.v20120810#TrimmedDataAccessException", 400),
    // Application Auto Scaling's errors (its JSON 1.1 bodies name the type alone and spell the member Message).
    SCALING_VALIDATION("ValidationException", 400),
    OBJECT_NOT_FOUND("ObjectNotFoundException", 400),
    INVALID_NEXT_TOKEN("InvalidNextTokenException", 400),
    INTERNAL_SERVER_ERROR("com.amazonaws.dynamodb.v20120810#InternalServerError", 500);

    private final String wireType;
    private final int httpStatus;

    ErrorType(String wireType, int httpStatus) {
        this.wireType = wireType;
        this.httpStatus = httpStatus;
    }

    /** The value of {@code __type} in the error body. */
    public String wireType() {
        return wireType;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /**
     * Some errors spell the message member {@code Message} (SerializationException, AccessDeniedException as
     * recorded by dynalite, TransactionCanceledException, Application Auto Scaling's errors); the rest of DynamoDB's
     * spell it {@code message}. The SDKs read both; we keep each as the service sends it.
     */
    public String messageMember() {
        return switch (this) {
            case SERIALIZATION, TRANSACTION_CANCELED, ACCESS_DENIED, SCALING_VALIDATION, OBJECT_NOT_FOUND,
                 INVALID_NEXT_TOKEN -> "Message";
            default -> "message";
        };
    }
}
