/** The one Jackson configuration: how requests are read (with their limits) and responses written. */
package io.jynamo.core.json;
