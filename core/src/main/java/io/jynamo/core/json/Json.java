package io.jynamo.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.jynamo.core.api.Limits;
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
     * JSON nesting allowed in a request: DynamoDB's 32 levels of attribute nesting take two JSON levels each, and
     * the deepest envelope (TransactItems, an action, Item, the attribute) eight more. A deeper document cannot be a
     * request DynamoDB accepts, and the bound keeps every recursive reader of a request stack-safe.
     */
    static final int MAX_PARSE_DEPTH = 2 * Limits.MAX_NESTING_DEPTH + 8;
    /**
     * The longest JSON string a request may need: a binary of a whole 400 KB item is 546,136 characters of base64,
     * and expression attribute values may total 2 MB (2,796,203 as base64). Anything longer is refused before it is
     * held in memory; shorter strings beyond DynamoDB's limits get DynamoDB's own messages from the checks that know
     * where they are.
     */
    static final int MAX_STRING_CHARS = 2_796_204;
    /** Attribute names may be 64 KB; twice that, so that DynamoDB's own name checks speak first. */
    static final int MAX_NAME_CHARS = 2 * 65_536;

    /*
     * No token count is set: a legitimate 16 MB BatchWriteItem of items full of small values holds millions of tokens,
     * so no count below what the document length already implies would be safe. What matters is the memory the
     * tokens become, and that is bounded where the tree is built: lists and maps are built only up to their shape's
     * maximum length, and every node is charged to the request's allowance (see RequestMemory and ShapeReader).
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_PARSE_DEPTH)
                            .maxStringLength(MAX_STRING_CHARS)
                            .maxNameLength(MAX_NAME_CHARS)
                            .maxDocumentLength(Limits.MAX_REQUEST_BYTES)
                            .build())
                    .build())
            // "{}{" is not one JSON document
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {
    }

    /**
     * Checks that a request body is one well-formed JSON document, reading it as a stream (nothing is built).
     * DynamoDB's SerializationException without a message when it is not.
     */
    public static void checkRequestSyntax(byte[] body) {
        try (JsonParser p = MAPPER.getFactory().createParser(body)) {
            if (p.nextToken() == null) {
                throw new DynamoException(ErrorType.SERIALIZATION, null);
            }
            p.skipChildren();
            if (p.nextToken() != null) {
                throw new DynamoException(ErrorType.SERIALIZATION, null);
            }
        } catch (IOException e) {
            throw syntaxError(e);
        }
    }

    /**
     * DynamoDB's answer to a body that could not be read: malformed JSON is a SerializationException without a
     * message; a document nested beyond any legal item is refused as DynamoDB refuses over-deep items; a string
     * longer than any legal value as an item over the size limit.
     */
    public static DynamoException syntaxError(IOException e) {
        if (e instanceof StreamConstraintsException c) {
            String m = String.valueOf(c.getMessage());
            if (m.contains("getMaxNestingDepth")) {
                return DynamoException.validation("Nesting Levels have exceeded supported limits: Attributes in the "
                        + "item have nested levels beyond supported limit");
            }
            if (m.contains("getMaxStringLength") || m.contains("getMaxNameLength")) {
                return DynamoException.validation("Item size has exceeded the maximum allowed size");
            }
        }
        return new DynamoException(ErrorType.SERIALIZATION, null);
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
