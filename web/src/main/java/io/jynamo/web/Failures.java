package io.jynamo.web;

import io.jynamo.core.error.DynamoException;

/** Finds the DynamoDB error inside exceptions the EJB container may have wrapped. */
final class Failures {
    private Failures() {
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
