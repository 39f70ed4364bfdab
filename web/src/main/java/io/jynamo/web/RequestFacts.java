package io.jynamo.web;

/**
 * What the metrics of a request need to know beyond its target and outcome: the table it was for, as its operation
 * asked the policies for it (null for operations on no table or on several, such as batches and transactions).
 */
final class RequestFacts {
    private String tableName;
    private boolean tableSeen;

    String tableName() {
        return tableName;
    }

    /** Notes a resource the request was authorized for: a table's ARN (or a table's index's, or stream's) names it. */
    void resource(String arn) {
        int at = arn.indexOf(":table/");
        String table = null;
        if (at >= 0) {
            String rest = arn.substring(at + ":table/".length());
            int slash = rest.indexOf('/');
            table = slash < 0 ? rest : rest.substring(0, slash);
        }
        if (!tableSeen) {
            tableSeen = true;
            tableName = table;
        } else if (tableName != null && !tableName.equals(table)) {
            tableName = null;
        }
    }
}
