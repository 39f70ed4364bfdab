package io.jynamo.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.ErrorType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The one shared Jackson configuration: request parsing and response writing. Mappers are thread-safe and costly to
 * create, so there is exactly one.
 */
public final class Json {
    /**
     * Nesting allowed while parsing a request: far more than DynamoDB's 32 levels of attribute nesting (each level is
     * two JSON levels), yet bounded so a hostile document cannot exhaust the stack.
     */
    private static final int MAX_PARSE_DEPTH = 200;

    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_PARSE_DEPTH)
                            .maxStringLength(Integer.MAX_VALUE).build())
                    .build())
            // "{}{" is not one JSON document
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {
    }

    /**
     * Parses a request body. Anything that is not one JSON object is DynamoDB's SerializationException (without a
     * message for malformed JSON, as DynamoDB sends it); a document nested beyond any legal item is refused as
     * DynamoDB refuses over-deep items.
     */
    public static JsonNode parseRequest(byte[] body) {
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            throw DynamoException.validation("Nesting Levels have exceeded supported limits: Attributes in the item "
                    + "have nested levels beyond supported limit");
        } catch (IOException e) {
            throw new DynamoException(ErrorType.SERIALIZATION, null);
        }
        if (node == null || node.isMissingNode()) {
            throw new DynamoException(ErrorType.SERIALIZATION, null);
        }
        if (node.isArray()) {
            throw DynamoException.serialization("Start of list found where not expected");
        }
        if (!node.isObject()) {
            throw DynamoException.serialization("Unexpected token received from parser");
        }
        return node;
    }

    /** Something that writes a response body. */
    @FunctionalInterface
    public interface BodyWriter {
        void write(JsonGenerator g) throws IOException;
    }

    public static byte[] write(BodyWriter writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            writer.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes a timestamp as DynamoDB does: epoch seconds with a fraction, in plain notation. */
    public static void writeEpochSeconds(JsonGenerator g, String field, Instant instant) throws IOException {
        g.writeFieldName(field);
        BigDecimal seconds = BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3);
        g.writeNumber(seconds.toPlainString());
    }
}
