package io.jynamo.core.expression;

import io.jynamo.core.error.DynamoException;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Checks shared by every kind of expression before it is parsed, and where deeply nested ones are parsed. */
final class Expressions {
    /** DynamoDB's limit on the length of any expression string (Expression parameters: 4 KB). */
    static final int MAX_EXPRESSION_LENGTH = 4096;
    /**
     * Parenthesis depth up to which an expression is parsed on the caller's thread. No valid expression comes near
     * it (300 operators at most, one pair of parentheses around each group); deeper ones are invalid, but DynamoDB
     * still names their first error (redundant parentheses, an unknown function, a syntax error), which takes a
     * parse to find.
     */
    static final int SHALLOW_NESTING = 64;
    /**
     * The stack of the threads that parse deeper expressions: the 4 KB limit allows 4,096 levels of parentheses,
     * each a handful of recursive-descent frames, which would overflow a request thread's stack.
     */
    private static final long DEEP_STACK_BYTES = 64L * 1024 * 1024;
    /** Two such threads at most, made on demand and gone when idle; further deep expressions wait their turn. */
    private static final ThreadPoolExecutor DEEP_PARSERS = deepParsers();

    private Expressions() {
    }

    private static ThreadPoolExecutor deepParsers() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(null, r, "jynamo-deep-expression-parser", DEEP_STACK_BYTES);
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * Runs a parser over {@code tokens}: on this thread, or, for an expression nested deeper than
     * {@link #SHALLOW_NESTING}, on a thread with a stack deep enough for any expression within the size limit.
     */
    static <T> T parse(TokenStream tokens, Supplier<T> parser) {
        if (tokens.nesting() <= SHALLOW_NESTING) {
            return parser.get();
        }
        Future<T> result = DEEP_PARSERS.submit(parser::get);
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("expression parser failed", e.getCause());
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parsing an expression", e);
        }
    }

    /** The tokens of a non-empty expression of acceptable size. */
    static TokenStream tokens(String expression, String prefix) {
        if (expression.isEmpty()) {
            throw DynamoException.validation(prefix + "The expression can not be empty;");
        }
        int size = io.jynamo.core.item.ItemSize.utf8Length(expression);
        if (size > MAX_EXPRESSION_LENGTH) {
            // DynamoDB gives the size for conditions and filters only
            boolean showsSize = prefix.startsWith("Invalid ConditionExpression") || prefix.startsWith("Invalid Filter");
            throw DynamoException.validation(prefix + "Expression size has exceeded the maximum allowed size;"
                    + (showsSize ? " expression size: " + size : ""));
        }
        return new TokenStream(expression, prefix);
    }
}
