package io.jynamo.ejb.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jynamo.core.item.AttributeType;
import io.jynamo.core.json.Json;
import io.jynamo.core.table.KeyAttribute;
import io.jynamo.core.table.KeySchema;
import io.jynamo.core.table.ProjectionType;
import io.jynamo.core.table.OnDemandThroughput;
import io.jynamo.core.table.ProvisionedThroughput;
import io.jynamo.core.table.SecondaryIndex;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The JSON form of a table's secondary indexes in {@code catalog_table.indexes}. */
final class IndexDefinitions {
    private IndexDefinitions() {
    }

    static String write(List<SecondaryIndex> indexes) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (SecondaryIndex i : indexes) {
            ObjectNode o = array.addObject();
            o.put("id", i.id());
            o.put("name", i.name());
            o.put("global", i.global());
            key(o.putObject("hash"), i.keySchema().hash());
            if (i.keySchema().hasRange()) {
                key(o.putObject("range"), i.keySchema().range());
            }
            o.put("projection", i.projectionType().name());
            ArrayNode nonKey = o.putArray("nonKeyAttributes");
            i.nonKeyAttributes().forEach(nonKey::add);
            o.put("status", i.status());
            if (i.throughput() != null) {
                o.put("read", i.throughput().readCapacityUnits());
                o.put("write", i.throughput().writeCapacityUnits());
            }
            OnDemandThroughput maxima = i.onDemandThroughput();
            if (maxima != null && maxima.maxReadRequestUnits() != null) {
                o.put("maxRead", maxima.maxReadRequestUnits());
            }
            if (maxima != null && maxima.maxWriteRequestUnits() != null) {
                o.put("maxWrite", maxima.maxWriteRequestUnits());
            }
        }
        return array.toString();
    }

    private static void key(ObjectNode o, KeyAttribute k) {
        o.put("name", k.name());
        o.put("type", k.type().name());
    }

    static List<SecondaryIndex> read(String json) {
        JsonNode array;
        try {
            array = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        List<SecondaryIndex> indexes = new ArrayList<>();
        for (JsonNode o : array) {
            List<String> nonKey = new ArrayList<>();
            o.get("nonKeyAttributes").forEach(n -> nonKey.add(n.textValue()));
            KeySchema schema = new KeySchema(key(o.get("hash")), o.has("range") ? key(o.get("range")) : null);
            ProvisionedThroughput throughput = o.has("read")
                    ? new ProvisionedThroughput(o.get("read").longValue(), o.get("write").longValue()) : null;
            indexes.add(new SecondaryIndex(o.get("id").longValue(), o.get("name").textValue(),
                    o.get("global").booleanValue(), schema, ProjectionType.valueOf(o.get("projection").textValue()),
                    List.copyOf(nonKey), o.get("status").textValue(), throughput,
                    OnDemandThroughput.of(o.has("maxRead") ? o.get("maxRead").longValue() : null,
                            o.has("maxWrite") ? o.get("maxWrite").longValue() : null)));
        }
        return List.copyOf(indexes);
    }

    private static KeyAttribute key(JsonNode o) {
        return new KeyAttribute(o.get("name").textValue(), AttributeType.valueOf(o.get("type").textValue()));
    }
}
