package io.jynamo.ejb.storage;

/**
 * The table definition a request worked with is no longer the catalog's: the table was deleted (perhaps re-created)
 * or changed since this node read it. The request's transaction rolls back (ejb-jar.xml) and the request runs again
 * with the current definition; clients never see this exception.
 */
public class StaleTableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String tableName;

    /** @param tableName the table whose definition is stale; null when not known */
    public StaleTableException(String tableName) {
        super("stale definition of table " + tableName, null, false, false);
        this.tableName = tableName;
    }

    public String tableName() {
        return tableName;
    }
}
