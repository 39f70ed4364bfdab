package io.jynamo.web;

import com.fasterxml.jackson.core.JsonGenerator;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.json.Json;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Writes responses as DynamoDB does: {@code x-amzn-RequestId} on every response, {@code x-amz-crc32} (the CRC32 of the
 * body bytes as sent, which the AWS SDKs verify), JSON 1.0 content type, errors as {@code __type} and message.
 */
final class Responses {
    /** The header naming the request, set on every response (by {@link FailureFilter} as the request arrives). */
    static final String REQUEST_ID = "x-amzn-RequestId";
    private static final char[] ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
    /** DynamoDB's answer to a request it cannot route (wrong content type, path or method). */
    private static final byte[] UNKNOWN_OPERATION_PAGE = "<UnknownOperationException/>\n"
            .getBytes(StandardCharsets.UTF_8);

    private Responses() {
    }

    /** @param contentType the response's media type: the request's, JSON 1.0 or plain JSON (as DynamoDB does) */
    static void ok(HttpServletResponse response, String contentType, byte[] body) throws IOException {
        send(response, 200, contentType, body);
    }

    static void error(HttpServletResponse response, String contentType, DynamoException e) throws IOException {
        byte[] body = Json.write(g -> writeError(g, e));
        send(response, e.type().httpStatus(), contentType, body);
    }

    private static void writeError(JsonGenerator g, DynamoException e) throws IOException {
        g.writeStartObject();
        g.writeStringField("__type", e.type().wireType());
        if (e.getMessage() != null) {
            g.writeStringField(e.type().messageMember(), e.getMessage());
        }
        e.writeDetails(g);
        g.writeEndObject();
    }

    static void unknownOperationPage(HttpServletResponse response) throws IOException {
        send(response, 404, null, UNKNOWN_OPERATION_PAGE);
    }

    static void send(HttpServletResponse response, int status, String contentType, byte[] body) throws IOException {
        response.setStatus(status);
        if (!response.containsHeader(REQUEST_ID)) {
            response.setHeader(REQUEST_ID, requestId());
        }
        CRC32 crc = new CRC32();
        crc.update(body);
        response.setHeader("x-amz-crc32", Long.toString(crc.getValue()));
        if (contentType != null) {
            response.setContentType(contentType);
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * A request id in DynamoDB's form: 52 upper-case letters and digits. It names a request in logs; nothing is
     * guarded by its being unguessable, so it comes from a fast per-thread generator rather than a secure one.
     */
    static String requestId() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        char[] id = new char[52];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_CHARS[random.nextInt(ID_CHARS.length)];
        }
        return new String(id);
    }
}
