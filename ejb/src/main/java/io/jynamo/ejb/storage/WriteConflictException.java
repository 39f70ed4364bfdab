package io.jynamo.ejb.storage;

import java.sql.SQLException;

/**
 * PostgreSQL aborted the request's transaction because it collided with others (a deadlock, a serialization failure,
 * a lock table full of other transactions' locks). Nothing of it was applied: the transaction rolls back
 * (ejb-jar.xml) and the request runs again (DynamoDbServlet); if it keeps colliding, the client gets DynamoDB's
 * answer to a conflict (TransactionConflictException, or a cancelled transaction).
 */
public class WriteConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WriteConflictException(SQLException cause) {
        super(cause.getMessage() + " (SQLSTATE " + cause.getSQLState() + ")", cause);
    }

    /** A collision Jynamo found itself, without PostgreSQL aborting anything. */
    public WriteConflictException(String message) {
        super(message);
    }
}
