package io.jynamo.core.iam;

/** A policy document IAM would refuse, with IAM's MalformedPolicyDocument message. */
public class MalformedPolicyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedPolicyException(String message) {
        super(message);
    }

    static MalformedPolicyException syntax() {
        return new MalformedPolicyException("Syntax errors in policy.");
    }
}
