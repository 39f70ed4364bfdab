package io.jynamo.ejb.storage;

import java.sql.SQLException;

/** A database failure that is not the client's doing: reported as InternalServerError and logged. */
public class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StorageException(SQLException cause) {
        super(cause.getMessage() + " (SQLSTATE " + cause.getSQLState() + ")", cause);
    }

    public String sqlState() {
        return ((SQLException) getCause()).getSQLState();
    }
}
