/** The database schema: migration at deployment (Flyway, from db/migrations) and the datasource's name. */
package io.jynamo.ejb.schema;
