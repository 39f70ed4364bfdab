package io.jynamo.ejb.storage;

import java.sql.SQLException;

/**
 * PostgreSQL aborted the request's transaction because it collided with another one (a deadlock or a serialization
 * failure). Nothing of it was applied: the transaction rolls back (ejb-jar.xml) and the request runs again
 * (DynamoDbServlet); if it keeps colliding, the client gets DynamoDB's TransactionConflictException.
 */
public class WriteConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WriteConflictException(SQLException cause) {
        super(cause.getMessage() + " (SQLSTATE " + cause.getSQLState() + ")", cause);
    }
}
