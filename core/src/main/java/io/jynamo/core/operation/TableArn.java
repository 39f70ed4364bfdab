package io.jynamo.core.operation;

import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.ErrorType;

/**
 * The table a resource ARN names ({@code arn:aws:dynamodb:<region>:<account>:table/<name>}), checked as DynamoDB's
 * tagging operations check it: an ARN of another service or another account is not the caller's to touch
 * (AccessDeniedException, checked before the region, so that nothing is said of other accounts); a DynamoDB ARN that
 * names something other than a table, or a table in another region, is invalid.
 */
public final class TableArn {
    private TableArn() {
    }

    /**
     * The table name of the ARN.
     *
     * @param operation the action named when access is denied, e.g. {@code TagResource}
     */
    public static String tableName(String arn, String region, String accountId, String operation) {
        if (!arn.startsWith("arn:")) {
            throw DynamoException.invalidParameter("ARNs must start with 'arn:': " + arn);
        }
        String prefix = "arn:aws:dynamodb:";
        String[] parts = arn.startsWith(prefix) ? arn.substring(prefix.length()).split(":", 3) : new String[0];
        if (parts.length != 3) {
            throw accessDenied(arn, accountId, operation);
        }
        String resource = parts[2];
        if (!resource.startsWith("table/")) {
            throw DynamoException.invalidParameter("Provided Arn is not a DynamoDB resource arn: " + arn);
        }
        if (!parts[1].equals(accountId)) {
            throw accessDenied(arn, accountId, operation);
        }
        String name = resource.substring("table/".length());
        if (name.contains("/")) {
            throw DynamoException.invalidParameter("Invalid resource arn provided, only table or stream is accepted. "
                    + "Provided resource arn: " + arn);
        }
        if (!parts[0].equals(region) || name.length() < 3 || name.length() > 255
                || !name.matches(io.jynamo.core.api.Limits.TABLE_NAME_PATTERN)) {
            throw DynamoException.validation("Invalid TableArn: Invalid ResourceArn provided as input " + arn);
        }
        return name;
    }

    private static DynamoException accessDenied(String arn, String accountId, String operation) {
        return new DynamoException(ErrorType.ACCESS_DENIED, "User: arn:aws:iam::" + accountId + ":root is not "
                + "authorized to perform: dynamodb:" + operation + " on resource: " + arn);
    }

    /** The answer for a well-formed ARN of this account and region naming no table. */
    public static DynamoException notFound(String arn) {
        return new DynamoException(ErrorType.RESOURCE_NOT_FOUND, "Requested resource not found: ResourceArn: " + arn
                + " not found");
    }
}
