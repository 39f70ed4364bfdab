/** What a table is: key schemas, secondary indexes, throughput, billing mode, class, stream view type, description. */
package io.jynamo.core.table;
