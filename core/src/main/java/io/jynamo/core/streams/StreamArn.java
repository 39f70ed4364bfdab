package io.jynamo.core.streams;

import io.jynamo.core.error.DynamoException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stream's ARN: the table's ARN, {@code /stream/} and the stream's label, e.g.
 * {@code arn:aws:dynamodb:us-east-1:000000000000:table/Music/stream/2015-05-11T21:21:33.291}.
 */
public record StreamArn(String region, String accountId, String tableName, String label) {
    private static final Pattern FORMAT = Pattern.compile(
            "arn:aws:dynamodb:([a-z0-9-]+):(\\d{12}):table/([a-zA-Z0-9_.-]{3,255})/stream/"
                    + "(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3})");

    /** The ARN given in a request; ValidationException when it is not a stream ARN at all. */
    public static StreamArn parse(String arn) {
        Matcher m = FORMAT.matcher(arn);
        if (!m.matches()) {
            throw DynamoException.validation("Invalid StreamArn");
        }
        return new StreamArn(m.group(1), m.group(2), m.group(3), m.group(4));
    }

    public static String of(String tableArn, String label) {
        return tableArn + "/stream/" + label;
    }

    @Override
    public String toString() {
        return "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + tableName + "/stream/" + label;
    }

    /** DynamoDB's answer for a stream it does not know. */
    public DynamoException notFound() {
        return new DynamoException(io.jynamo.core.error.ErrorType.RESOURCE_NOT_FOUND,
                "Requested resource not found: Stream: " + this + " not found");
    }
}
