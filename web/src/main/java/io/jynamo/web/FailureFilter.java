package io.jynamo.web;

import io.jynamo.core.error.DynamoException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last line of defence, on every path and method: names the request ({@code x-amzn-RequestId}, so that a log line
 * and the client's error can be matched), and turns anything thrown past the servlet (an Error as much as an
 * exception) into DynamoDB's InternalServerError. Nothing of the failure reaches the client but its request id;
 * the log has the rest.
 */
@WebFilter(urlPatterns = "/*")
public class FailureFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(FailureFilter.class.getName());

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String requestId = Responses.requestId();
        response.setHeader(Responses.REQUEST_ID, requestId);
        try {
            chain.doFilter(request, response);
        } catch (Throwable t) {
            internalError(requestId, request, response, t);
        }
    }

    /** Logs a failure of ours and answers DynamoDB's InternalServerError, if the response is not under way. */
    static void internalError(String requestId, HttpServletRequest request, HttpServletResponse response, Throwable t)
            throws IOException {
        LOG.log(Level.SEVERE, "Internal error serving request " + requestId + " (" + request.getMethod() + " "
                + request.getRequestURI() + " " + request.getHeader("X-Amz-Target") + ")", t);
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        response.setHeader(Responses.REQUEST_ID, requestId);
        Responses.error(response, DynamoDbServlet.responseType(request), DynamoException.internal());
    }
}
