package io.jynamo.ejb.schema;

/** Where the server binds Jynamo's datasource (configured by config/jynamo.cli; persistence.xml names it too). */
public final class Datasource {
    private Datasource() {
    }

    public static final String JNDI_NAME = "java:jboss/datasources/JynamoDS";
}
