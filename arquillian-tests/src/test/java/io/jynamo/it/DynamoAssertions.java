package io.jynamo.it;

import org.assertj.core.api.ThrowableAssert;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Assertions on DynamoDB errors as the SDK reports them: the error code (from {@code __type}) and the message. */
public final class DynamoAssertions {
    private DynamoAssertions() {
    }

    /** Runs the call, expects it to fail with exactly this error code and message, and returns the error. */
    public static AwsServiceException assertError(ThrowableAssert.ThrowingCallable call, String code, String message) {
        AwsServiceException e = assertErrorCode(call, code);
        assertThat(e.awsErrorDetails().errorMessage()).as("message of %s", code).isEqualTo(message);
        return e;
    }

    public static AwsServiceException assertErrorCode(ThrowableAssert.ThrowingCallable call, String code) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("expected %s", code).isInstanceOf(AwsServiceException.class);
        AwsServiceException e = (AwsServiceException) thrown;
        assertThat(e.awsErrorDetails().errorCode()).as("error code of \"%s\"", e.awsErrorDetails().errorMessage())
                .isEqualTo(code);
        assertThat(e.statusCode()).as("HTTP status").isEqualTo(400);
        return e;
    }
}
