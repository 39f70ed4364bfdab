package io.jynamo.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.ErrorType;
import io.jynamo.core.error.TransactionCanceledException;
import io.jynamo.core.json.Json;
import io.jynamo.ejb.storage.ItemTables;
import io.jynamo.ejb.storage.StaleTableException;
import io.jynamo.ejb.storage.WriteConflictException;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * DynamoDB's wire protocol: {@code POST /} with {@code X-Amz-Target: DynamoDB_20120810.<Operation>} and a JSON 1.0
 * body; {@code GET /} as DynamoDB's health check.
 *
 * <p>A servlet rather than the JAX-RS resource DESIGN.md sketches: the protocol is one endpoint whose every byte is
 * prescribed (status, headers, error bodies for malformed content types, unknown paths and methods, compressed and
 * oversized bodies), and JAX-RS answers several of those cases itself, before application code runs (a malformed
 * Content-Type gets an HTML 400, unknown methods 405, unmatched media types 415). Here every request, good or bad,
 * gets DynamoDB's answer.
 *
 * <p>Checks run in DynamoDB's order: body size, content type, JSON syntax, target, authentication, then the
 * operation's own validation.
 */
@WebServlet(urlPatterns = "/", loadOnStartup = 1)
public class DynamoDbServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(DynamoDbServlet.class.getName());

    static final String JSON_1_0 = "application/x-amz-json-1.0";

    /**
     * Runs of one request when the table's definition keeps changing under it, or PostgreSQL keeps aborting it for
     * colliding with other transactions; more means something is wrong.
     */
    private static final int MAX_ATTEMPTS = 5;

    @Inject
    private transient Operations operations;

    @Inject
    private transient ItemTables definitions;

    @Inject
    private transient JobsPage jobsPage;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        Responses.cors(request, response);
        if ("/".equals(path)) {
            // DynamoDB's health check answers with the host it was reached at; load balancers probe it.
            String host = request.getHeader("Host");
            Responses.send(response, 200, "text/plain",
                    ("healthy: " + (host == null ? request.getServerName() : host)).getBytes(StandardCharsets.UTF_8));
        } else if (path.startsWith("/health")) {
            Responses.send(response, 200, "text/plain", new byte[0]);
        } else if (path.equals("/admin/jobs")) {
            Responses.send(response, 200, "application/json", jobsPage.render());
        } else {
            Responses.unknownOperationPage(response);
        }
    }

    @Override
    protected void doOptions(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Responses.preflight(request, response);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException, jakarta.servlet.ServletException {
        switch (request.getMethod()) {
            case "GET", "HEAD", "POST", "OPTIONS" -> super.service(request, response);
            default -> Responses.unknownOperationPage(response);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Responses.cors(request, response);
        byte[] body;
        try {
            body = RequestBody.read(request);
        } catch (RequestBody.TooLarge e) {
            Responses.send(response, 413, null, new byte[0]);
            return;
        } catch (RequestBody.BadEncoding e) {
            Responses.error(response, DynamoException.internal());
            return;
        }
        String contentType = mediaType(request.getContentType());
        if (body.length > 0 && !contentType.equals(JSON_1_0) && !contentType.equals("application/json")) {
            Responses.unknownOperationPage(response);
            return;
        }
        try {
            Responses.ok(response, handle(request, body));
        } catch (DynamoException e) {
            Responses.error(response, e);
        } catch (RuntimeException e) {
            DynamoException dynamo = Failures.dynamoCause(e);
            if (dynamo != null) {
                Responses.error(response, dynamo);
            } else {
                LOG.log(Level.SEVERE, "Internal error serving " + request.getHeader("X-Amz-Target"), e);
                Responses.error(response, DynamoException.internal());
            }
        }
    }

    private byte[] handle(HttpServletRequest request, byte[] body) {
        JsonNode json = body.length == 0 ? null : Json.parseRequest(body);
        Function<JsonNode, byte[]> handler = operations.handler(request.getHeader("X-Amz-Target"));
        if (handler == null) {
            throw new DynamoException(ErrorType.UNKNOWN_OPERATION, null);
        }
        RequestAuthentication.check(request);
        if (json == null) {
            throw new DynamoException(ErrorType.SERIALIZATION, null);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return handler.apply(json);
            } catch (StaleTableException e) {
                // rolled back; the next attempt reads the table's definition from the catalog
                e.tableNames().forEach(definitions::forget);
                if (attempt == MAX_ATTEMPTS) {
                    throw e;
                }
            } catch (WriteConflictException e) {
                // rolled back by PostgreSQL for another transaction's sake; running it again is safe
                if (attempt == MAX_ATTEMPTS) {
                    LOG.log(Level.WARNING, "Gave up after " + attempt + " write conflicts: " + e.getMessage());
                    throw conflictedTooOften(request.getHeader("X-Amz-Target"), json);
                }
            }
        }
    }

    /**
     * DynamoDB's answer to a request that keeps colliding with others: a transaction is cancelled with a
     * TransactionConflict for each of its items, any other request refused with TransactionConflictException.
     */
    private static DynamoException conflictedTooOften(String target, JsonNode body) {
        if (target.endsWith(".TransactWriteItems") || target.endsWith(".TransactGetItems")) {
            int items = body.path("TransactItems").size();
            return new TransactionCanceledException(Collections.nCopies(items,
                    TransactionCanceledException.Reason.conflict()));
        }
        return DynamoException.transactionConflict();
    }

    /** The media type of a Content-Type header, without parameters, lower-cased; "" when absent. */
    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }
}
