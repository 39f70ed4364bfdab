package io.jynamo.web;

import io.jynamo.core.error.DynamoException;

/** Finds the DynamoDB (or IAM) error inside exceptions the EJB container may have wrapped. */
final class Failures {
    private Failures() {
    }

    static io.jynamo.core.iam.IamException iamCause(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof io.jynamo.core.iam.IamException i) {
                return i;
            }
        }
        return null;
    }

    static DynamoException dynamoCause(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof DynamoException d) {
                return d;
            }
        }
        return null;
    }
}
