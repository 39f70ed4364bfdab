package io.jynamo.web;

import io.jynamo.core.api.Limits;
import io.jynamo.core.auth.Hashing;
import jakarta.servlet.http.HttpServletRequest;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Reads a request body: at most DynamoDB's 16 MB, decompressed when the client sent it with
 * {@code Content-Encoding: gzip} or {@code deflate}, and covered by the request's share of the {@link RequestBudget}
 * as it grows. The share grows with the bytes that have arrived, not with the length declared: a client that
 * declares 16 MB and sends a byte now and then holds next to nothing. Nor may it take longer than
 * {@link #MAX_READ_MILLIS} in all, however steadily it trickles.
 *
 * <p>A compressed body may not inflate beyond 16 MB, nor (once past {@link #RATIO_CHECKED_FROM}) to more than
 * {@link #MAX_INFLATION_RATIO} times the bytes received: a few kilobytes of zeros must not become a body worth
 * megabytes of parsing. DynamoDB answers both, like any body that does not decompress, with a 500.
 */
final class RequestBody {
    /** JSON compresses 5 to 20 times, very repetitive JSON some hundred times; more is a bomb. */
    static final int MAX_INFLATION_RATIO = 200;
    /** Tiny bodies have wild ratios (a gzip header of 20 bytes for a few kilobytes): the ratio counts beyond this. */
    static final int RATIO_CHECKED_FROM = 1024 * 1024;
    /** 16 MB in a minute is 270 KB/s: any client that means to send it does so faster. */
    static final long MAX_READ_MILLIS = 60_000;
    /**
     * Bodies up to this length are read into an array of the declared size at once; a larger declared length
     * grows its buffer as bytes arrive, so that a client declaring 16 MB and sending little holds little.
     */
    static final int DECLARED_READ_LIMIT = 1024 * 1024;

    private RequestBody() {
    }

    /** The body exceeds DynamoDB's request size limit: HTTP 413. */
    static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;
    }

    /** The body took longer than {@link #MAX_READ_MILLIS} to arrive: HTTP 408. */
    static final class TooSlow extends Exception {
        private static final long serialVersionUID = 1L;
    }

    /** An unknown content encoding, a body that does not decompress or inflates too far: DynamoDB answers 500. */
    static final class BadEncoding extends Exception {
        private static final long serialVersionUID = 1L;
    }

    /**
     * A body as the request needs it: its content, decompressed, and the SHA-256 of the bytes as they were sent,
     * which is what a SigV4 signature covers.
     */
    record Received(byte[] content, byte[] sha256) { }

    static Received read(HttpServletRequest request, RequestBudget.Share share)
            throws IOException, TooLarge, BadEncoding, TooSlow {
        if (request.getContentLengthLong() > Limits.MAX_REQUEST_BYTES) {
            throw new TooLarge();
        }
        String encoding = request.getHeader("Content-Encoding");
        encoding = encoding == null ? "identity" : encoding.strip().toLowerCase(Locale.ROOT);
        MessageDigest digest = Hashing.newSha256();
        CountingInputStream received = new CountingInputStream(new DigestInputStream(request.getInputStream(), digest));
        try {
            byte[] content;
            switch (encoding) {
                case "", "identity" -> content = readLimited(received, null, share,
                        (int) Math.min(request.getContentLengthLong(), Limits.MAX_REQUEST_BYTES));
                case "gzip" -> content = inflated(new GZIPInputStream(received), received, share);
                case "deflate" -> content = inflated(new InflaterInputStream(received), received, share);
                default -> throw new BadEncoding();
            }
            if (!encoding.isEmpty() && !encoding.equals("identity")) {
                // an inflater may stop before the end of what was sent (trailing bytes): the signature covers them too
                byte[] rest = new byte[8192];
                while (received.read(rest) >= 0) {
                    if (received.count() > Limits.MAX_REQUEST_BYTES) {
                        throw new TooLarge();
                    }
                }
            }
            return new Received(content, digest.digest());
        } catch (ZipException | java.io.EOFException e) {
            throw new BadEncoding();
        }
    }

    private static byte[] inflated(InputStream in, CountingInputStream received, RequestBudget.Share share)
            throws IOException, BadEncoding, TooSlow {
        try {
            return readLimited(in, received, share, -1);
        } catch (TooLarge e) {
            throw new BadEncoding();
        }
    }

    /**
     * @param compressed the compressed stream under {@code in}, whose count bounds the inflation; null if none
     * @param declared   the length the request declares (its Content-Length), -1 if none: a body of that length is
     *                   read into an array of its size, without copies; a body that turns out longer reads on
     */
    private static byte[] readLimited(InputStream in, CountingInputStream compressed, RequestBudget.Share share,
                                      int declared) throws IOException, TooLarge, BadEncoding, TooSlow {
        long deadline = System.nanoTime() + MAX_READ_MILLIS * 1_000_000;
        if (declared >= 0 && declared <= DECLARED_READ_LIMIT) {
            byte[] body = new byte[declared];
            int total = 0;
            int n;
            while (total < declared && (n = in.read(body, total, declared - total)) >= 0) {
                total += n;
                if (System.nanoTime() > deadline) {
                    throw new TooSlow();
                }
                share.cover(total);
            }
            if (total < declared) {
                // the client sent less than it declared: what it sent is the body
                return java.util.Arrays.copyOf(body, total);
            }
            if (in.read() < 0) {
                return body;
            }
            throw new TooLarge();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            total += n;
            if (total > Limits.MAX_REQUEST_BYTES) {
                throw new TooLarge();
            }
            if (compressed != null && total > RATIO_CHECKED_FROM
                    && total > MAX_INFLATION_RATIO * compressed.count()) {
                throw new BadEncoding();
            }
            if (System.nanoTime() > deadline) {
                throw new TooSlow();
            }
            share.cover(total);
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** Counts the bytes read through it. */
    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
