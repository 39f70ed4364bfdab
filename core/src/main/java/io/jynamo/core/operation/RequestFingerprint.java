package io.jynamo.core.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.jynamo.core.json.Json;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * What makes two requests "the same request" for a ClientRequestToken: SHA-256 over the request's content in a
 * canonical form (object members sorted by name), so that a retry whose JSON lists members in another order, as
 * another SDK might, still counts as identical.
 *
 * @param sha256 hex digits
 */
public record RequestFingerprint(String sha256) {

    public static RequestFingerprint of(JsonNode content) {
        byte[] canonical = Json.write(g -> writeCanonical(g, content));
        try {
            return new RequestFingerprint(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void writeCanonical(JsonGenerator g, JsonNode node) throws IOException {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                sorted.put(e.getKey(), e.getValue());
            }
            g.writeStartObject();
            for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
                g.writeFieldName(e.getKey());
                writeCanonical(g, e.getValue());
            }
            g.writeEndObject();
        } else if (node.isArray()) {
            g.writeStartArray();
            for (JsonNode element : node) {
                writeCanonical(g, element);
            }
            g.writeEndArray();
        } else {
            g.writeTree(node);
        }
    }
}
