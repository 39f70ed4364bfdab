package io.jynamo.core.iam;

/**
 * An IAM or STS error as the Query protocol sends it: its code (IAM's model code, which the SDKs map to their
 * exception classes: NoSuchEntity, EntityAlreadyExists, ...), HTTP status and message.
 */
public class IamException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final int status;

    public IamException(String code, int status, String message) {
        super(message);
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    /** Sender for a client's error, Receiver for the service's own. */
    public String type() {
        return status >= 500 ? "Receiver" : "Sender";
    }

    public static IamException noSuchEntity(String message) {
        return new IamException("NoSuchEntity", 404, message);
    }

    public static IamException alreadyExists(String message) {
        return new IamException("EntityAlreadyExists", 409, message);
    }

    public static IamException limitExceeded(String message) {
        return new IamException("LimitExceeded", 409, message);
    }

    public static IamException deleteConflict(String message) {
        return new IamException("DeleteConflict", 409, message);
    }

    public static IamException validation(String message) {
        return new IamException("ValidationError", 400, message);
    }

    public static IamException malformedPolicy(String message) {
        return new IamException("MalformedPolicyDocument", 400, message);
    }

    public static IamException accessDenied(String message) {
        return new IamException("AccessDenied", 403, message);
    }

    public static IamException noSuchUser(String name) {
        return noSuchEntity("The user with name " + name + " cannot be found.");
    }

    public static IamException noSuchRole(String name) {
        return noSuchEntity("The role with name " + name + " cannot be found.");
    }

    public static IamException noSuchGroup(String name) {
        return noSuchEntity("The group with name " + name + " cannot be found.");
    }
}
