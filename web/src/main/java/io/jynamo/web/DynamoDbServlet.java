package io.jynamo.web;

import io.jynamo.core.api.RequestMemory;
import io.jynamo.core.access.Principal;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.ErrorType;
import io.jynamo.core.json.Json;
import io.jynamo.ejb.metrics.ServiceMetrics;
import io.jynamo.ejb.metrics.ServiceMetrics.Outcome;
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
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * DynamoDB's wire protocol: {@code POST /} with {@code X-Amz-Target: DynamoDB_20120810.<Operation>} and a JSON 1.0
 * body (DynamoDB Streams' and Application Auto Scaling's too, on the same endpoint); {@code GET /} as DynamoDB's
 * health check.
 *
 * <p>A servlet rather than a JAX-RS resource (see README, "Where this departs from the design"): the protocol is
 * one endpoint whose every byte is prescribed (status, headers, error bodies for malformed content types, unknown
 * paths and methods, compressed and oversized bodies), and JAX-RS answers several of those cases itself, before
 * application code runs (a malformed Content-Type gets an HTML 400, unknown methods 405, unmatched media types 415).
 * Here every request, good or bad, gets DynamoDB's answer. The life of a request: docs/ARCHITECTURE.md.
 *
 * <p>Checks run in DynamoDB's order: body size, content type, JSON syntax, target, authentication, then the
 * operation's own validation.
 */
@WebServlet(urlPatterns = "/", loadOnStartup = 1)
public class DynamoDbServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(DynamoDbServlet.class.getName());

    static final String JSON_1_0 = "application/x-amz-json-1.0";
    /** Application Auto Scaling's protocol, served on the same endpoint. */
    static final String JSON_1_1 = "application/x-amz-json-1.1";
    static final String JSON = "application/json";
    static final String FORM = "application/x-www-form-urlencoded";
    static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
    /** The bearer token Prometheus may scrape /admin/metrics with; null: none. */
    private static final String METRICS_TOKEN = io.jynamo.ejb.config.Settings.get("jynamo.metrics.token",
            "JYNAMO_METRICS_TOKEN", null);

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

    @Inject
    private transient CachesPage cachesPage;

    @Inject
    private transient UsagePage usagePage;

    @Inject
    private transient ServiceMetrics metrics;

    @Inject
    private transient CorsPolicy cors;

    @Inject
    private transient RequestBudget budget;

    @Inject
    private transient Authenticator authenticator;

    @Inject
    private transient IamEndpoint iamEndpoint;

    @Inject
    private transient Authorizer authorizer;

    @Inject
    private transient Accelerator accelerator;

    @Inject
    private transient io.jynamo.ejb.cluster.ClusterView cluster;

    @jakarta.ejb.EJB
    private transient io.jynamo.ejb.cluster.ClusterHeartbeat heartbeat;

    private static final byte[] EMPTY_BODY_SHA256 = io.jynamo.core.auth.Hashing.sha256(new byte[0]);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        cors.addHeaders(request, response);
        if ("/".equals(path)) {
            // DynamoDB's health check answers with the host it was reached at; load balancers probe it.
            String host = request.getHeader("Host");
            Responses.send(response, 200, "text/plain",
                    ("healthy: " + (host == null ? request.getServerName() : host)).getBytes(StandardCharsets.UTF_8));
        } else if (path.startsWith("/health")) {
            // DynamoDB answers every path starting with /health with an empty 200, as ScyllaDB recorded in 2025 (README)
            Responses.send(response, 200, "text/plain", new byte[0]);
        } else if (path.equals("/admin/jobs")) {
            admin(request, response, "jynamo:ListJobs", jobsPage::render);
        } else if (path.equals("/admin/caches")) {
            admin(request, response, "jynamo:DescribeCaches", cachesPage::render);
        } else if (path.equals("/admin/usage")) {
            admin(request, response, "jynamo:DescribeUsage", usagePage::render);
        } else if (path.equals("/admin/metrics")) {
            metricsPage(request, response);
        } else {
            Responses.unknownOperationPage(response);
        }
    }

    /**
     * A page for operators (the jobs, the caches, usage and cost): a signed request (SigV4 for the service
     * {@code dynamodb}, as {@code curl --aws-sigv4 aws:amz:<region>:dynamodb} signs one) whose caller may take the
     * page's action.
     */
    private void admin(HttpServletRequest request, HttpServletResponse response, String action,
                       java.util.function.Supplier<byte[]> page) throws IOException {
        admin(request, response, action, JSON, page);
    }

    private void admin(HttpServletRequest request, HttpServletResponse response, String action, String contentType,
                       java.util.function.Supplier<byte[]> page) throws IOException {
        try {
            Principal principal = authenticator.authenticate(request, EMPTY_BODY_SHA256, "dynamodb");
            authorizer.check(principal, response.getHeader(Responses.REQUEST_ID),
                    List.of(new io.jynamo.core.iam.AccessRequest(action, "*", principal.globalKeys(),
                            java.util.Set.of())));
            Responses.send(response, 200, contentType, page.get());
        } catch (DynamoException e) {
            Responses.error(response, JSON_1_0, e);
        }
    }

    /**
     * Prometheus's scrape ({@code text/plain; version=0.0.4}): signed as the other pages are, for a caller allowed
     * {@code jynamo:GetMetrics}, or with the bearer token set in {@code JYNAMO_METRICS_TOKEN} (Prometheus cannot sign
     * requests; with no token set, only signed requests are let in).
     */
    private void metricsPage(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String authorization = request.getHeader("Authorization");
        if (METRICS_TOKEN != null && authorization != null && authorization.startsWith("Bearer ")
                && java.security.MessageDigest.isEqual(METRICS_TOKEN.getBytes(StandardCharsets.UTF_8),
                authorization.substring("Bearer ".length()).strip().getBytes(StandardCharsets.UTF_8))) {
            Responses.send(response, 200, PROMETHEUS, metrics.scrape().getBytes(StandardCharsets.UTF_8));
            return;
        }
        admin(request, response, "jynamo:GetMetrics", PROMETHEUS,
                () -> metrics.scrape().getBytes(StandardCharsets.UTF_8));
    }

    /** A CORS preflight needs no credentials (browsers send none); anything else is not an operation. */
    @Override
    protected void doOptions(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (cors.preflight(request, response)) {
            Responses.send(response, 200, null, new byte[0]);
        } else {
            Responses.unknownOperationPage(response);
        }
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
        cors.addHeaders(request, response);
        try (RequestBudget.Share share = budget.share();
             RequestMemory.Scope charged = RequestMemory.charging(bytes -> share.cover(bytes))) {
            RequestBody.Received received;
            try {
                received = RequestBody.read(request, share);
            } catch (RequestBody.TooLarge e) {
                Responses.send(response, 413, null, new byte[0]);
                return;
            } catch (RequestBody.TooSlow | IOException e) {
                // the client went away or stalled: its business, not a failure of ours
                LOG.log(Level.FINE, "Request body not received", e);
                response.setHeader("Connection", "close");
                Responses.send(response, 408, null, new byte[0]);
                return;
            } catch (RequestBody.BadEncoding e) {
                Responses.error(response, responseType(request), DynamoException.internal());
                return;
            }
            byte[] body = received.content();
            String contentType = mediaType(request.getContentType());
            if (contentType.equals(FORM)) {
                // IAM and STS, over their Query protocol
                iamEndpoint.handle(request, response, received);
                return;
            }
            // JSON 1.1 is Application Auto Scaling's only; DynamoDB's targets keep DynamoDB's answer to it
            boolean scaling = contentType.equals(JSON_1_1)
                    && operations.isAutoScaling(request.getHeader("X-Amz-Target"));
            if (body.length > 0 && !contentType.equals(JSON_1_0) && !contentType.equals(JSON) && !scaling) {
                Responses.unknownOperationPage(response);
                return;
            }
            String responseType = responseType(request);
            try {
                Responses.ok(response, responseType, handle(request, received,
                        response.getHeader(Responses.REQUEST_ID)));
            } catch (DynamoException e) {
                Responses.error(response, responseType, e);
            } catch (RequestBudget.Exhausted e) {
                Responses.error(response, responseType, DynamoException.throttled());
            } catch (RequestBudget.Beyond e) {
                LOG.info("Refused a request of " + body.length + " bytes that needed " + e.getMessage()
                        + " of memory, more than the server lets requests hold at once; raise the heap or"
                        + " JYNAMO_MAX_REQUEST_BYTES_IN_FLIGHT to serve it");
                Responses.send(response, 413, null, new byte[0]);
            } catch (RuntimeException e) {
                DynamoException dynamo = Failures.dynamoCause(e);
                if (dynamo == null) {
                    throw e; // ours: FailureFilter logs it and answers InternalServerError
                }
                Responses.error(response, responseType, dynamo);
            }
        } catch (RequestBudget.Exhausted e) {
            // the body itself could not be held
            Responses.error(response, responseType(request), DynamoException.throttled());
        }
    }

    /**
     * Checks run in DynamoDB's order: body size and content type (above), JSON syntax, target, authentication, then
     * the operation's own validation. The body is parsed against its operation's shape only once the target and
     * the credentials are known to be good; before that a malformed body is found by a streaming syntax check that
     * builds nothing.
     */
    private byte[] handle(HttpServletRequest request, RequestBody.Received received, String requestId) {
        byte[] body = received.content();
        String target = request.getHeader("X-Amz-Target");
        Function<Operations.Call, byte[]> handler = operations.handler(target);
        if (handler == null) {
            Json.checkRequestSyntax(body);
            throw new DynamoException(ErrorType.UNKNOWN_OPERATION, null);
        }
        Principal principal;
        try {
            // DynamoDB Streams signs as DynamoDB; Application Auto Scaling as itself
            principal = authenticator.authenticate(request, received.sha256(), operations.signingName(target));
        } catch (DynamoException unauthenticated) {
            Json.checkRequestSyntax(body);
            throw unauthenticated;
        }
        awaitClusterReadiness();
        String host = request.getHeader("Host");
        RequestFacts facts = new RequestFacts();
        Operations.Call call = new Operations.Call(body, host == null ? request.getServerName() : host, principal,
                requestId, accelerator.serves(request.getLocalPort()), facts);
        String operation = target.substring(target.indexOf('.') + 1);
        long start = System.nanoTime();
        try {
            byte[] answer = run(handler, call, target, body);
            metrics.request(operation, facts.tableName(), System.nanoTime() - start, Outcome.SUCCEEDED);
            return answer;
        } catch (DynamoException e) {
            metrics.request(operation, facts.tableName(), System.nanoTime() - start, outcome(e));
            throw e;
        } catch (RuntimeException e) {
            DynamoException dynamo = Failures.dynamoCause(e);
            metrics.request(operation, facts.tableName(), System.nanoTime() - start,
                    dynamo == null ? Outcome.SYSTEM_ERROR : outcome(dynamo));
            throw e;
        }
    }

    /** How CloudWatch counts a request that failed so. */
    private static Outcome outcome(DynamoException e) {
        return switch (e.type()) {
            case PROVISIONED_THROUGHPUT_EXCEEDED, THROTTLING -> Outcome.THROTTLED;
            case CONDITIONAL_CHECK_FAILED -> Outcome.CONDITIONAL_CHECK_FAILED;
            case TRANSACTION_CONFLICT -> Outcome.TRANSACTION_CONFLICT;
            default -> e.type().httpStatus() >= 500 ? Outcome.SYSTEM_ERROR : Outcome.USER_ERROR;
        };
    }

    /** Runs the operation, again when its table's definition changed under it or PostgreSQL aborted it. */
    private byte[] run(Function<Operations.Call, byte[]> handler, Operations.Call call, String target, byte[] body) {
        for (int attempt = 1; ; attempt++) {
            try {
                return handler.apply(call);
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
                    throw operations.conflictedTooOften(target, body);
                }
            }
        }
    }

    /**
     * The cluster's rules for acknowledging writes (see ClusterView): not before this node has been registered long
     * enough for the others to know it, nor with a heartbeat so old that the others may think it gone.
     */
    private void awaitClusterReadiness() {
        try {
            cluster.awaitWriteReady();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DynamoException.internal();
        }
        if (cluster.mustBeatBeforeWriting()) {
            heartbeat.beatNow();
        }
    }

    /**
     * DynamoDB answers in the JSON flavour it was asked in: plain JSON to plain JSON, else its own (and Application
     * Auto Scaling in its JSON 1.1).
     */
    static String responseType(HttpServletRequest request) {
        String type = mediaType(request.getContentType());
        return type.equals(JSON) || type.equals(JSON_1_1) ? type : JSON_1_0;
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
