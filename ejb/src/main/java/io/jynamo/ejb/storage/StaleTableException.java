package io.jynamo.ejb.storage;

import java.util.List;

/**
 * The table definition a request worked with is no longer the catalog's: the table was deleted (perhaps re-created)
 * or changed since this node read it. The request's transaction rolls back (ejb-jar.xml) and the request runs again
 * with the current definitions; clients never see this exception.
 */
public class StaleTableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> tableNames;

    /**
     * @param tableNames the tables whose definitions may be stale (one statement may read several); none when not
     *                   known
     */
    public StaleTableException(List<String> tableNames) {
        super("stale definition of table(s) " + tableNames, null, false, false);
        this.tableNames = List.copyOf(tableNames);
    }

    public StaleTableException(String tableName) {
        this(tableName == null ? List.of() : List.of(tableName));
    }

    public List<String> tableNames() {
        return tableNames;
    }
}
