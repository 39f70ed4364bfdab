package io.jynamo.web;

import com.fasterxml.jackson.core.JsonGenerator;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.zip.CRC32;

/**
 * Writes responses as DynamoDB does: {@code x-amzn-RequestId} on every response, {@code x-amz-crc32} (the CRC32 of the
 * body bytes as sent, which the AWS SDKs verify), JSON 1.0 content type, errors as {@code __type} and message.
 */
final class Responses {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
    /** DynamoDB's answer to a request it cannot route (wrong content type, path or method). */
    private static final byte[] UNKNOWN_OPERATION_PAGE = "<UnknownOperationException/>\n"
            .getBytes(StandardCharsets.UTF_8);

    private Responses() {
    }

    static void ok(HttpServletResponse response, byte[] body) throws IOException {
        send(response, 200, DynamoDbServlet.JSON_1_0, body);
    }

    static void error(HttpServletResponse response, DynamoException e) throws IOException {
        byte[] body = Json.write(g -> writeError(g, e));
        send(response, e.type().httpStatus(), DynamoDbServlet.JSON_1_0, body);
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
        response.setHeader("x-amzn-RequestId", requestId());
        CRC32 crc = new CRC32();
        crc.update(body);
        response.setHeader("x-amz-crc32", Long.toString(crc.getValue()));
        if (contentType != null) {
            response.setContentType(contentType);
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** A request id in DynamoDB's form: 52 upper-case letters and digits. */
    static String requestId() {
        char[] id = new char[52];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_CHARS[RANDOM.nextInt(ID_CHARS.length)];
        }
        return new String(id);
    }

    /** Browsers may call Jynamo directly (as DynamoDB allows): answer cross-origin requests. */
    static void cors(HttpServletRequest request, HttpServletResponse response) {
        if (request.getHeader("Origin") != null) {
            response.setHeader("Access-Control-Allow-Origin", "*");
            response.setHeader("Access-Control-Expose-Headers", "x-amzn-RequestId,x-amzn-ErrorType,"
                    + "x-amzn-ErrorMessage,Date,x-amz-crc32");
        }
    }

    static void preflight(HttpServletRequest request, HttpServletResponse response) throws IOException {
        cors(request, response);
        if (request.getHeader("Origin") != null) {
            String headers = request.getHeader("Access-Control-Request-Headers");
            if (headers != null) {
                response.setHeader("Access-Control-Allow-Headers", headers);
            }
            String method = request.getHeader("Access-Control-Request-Method");
            if (method != null) {
                response.setHeader("Access-Control-Allow-Methods", method);
            }
            response.setHeader("Access-Control-Max-Age", "172800");
        }
        send(response, 200, null, new byte[0]);
    }
}
