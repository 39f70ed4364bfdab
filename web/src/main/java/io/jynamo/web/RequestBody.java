package io.jynamo.web;

import io.jynamo.core.api.Limits;
import jakarta.servlet.http.HttpServletRequest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Reads a request body: at most DynamoDB's 16 MB, decompressed when the client sent it with
 * {@code Content-Encoding: gzip} or {@code deflate} (the limit applies to the decompressed body too).
 */
final class RequestBody {
    private RequestBody() {
    }

    /** The body exceeds DynamoDB's request size limit: HTTP 413. */
    static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;
    }

    /** An unknown content encoding or a body that does not decompress: DynamoDB answers 500. */
    static final class BadEncoding extends Exception {
        private static final long serialVersionUID = 1L;
    }

    static byte[] read(HttpServletRequest request) throws IOException, TooLarge, BadEncoding {
        if (request.getContentLengthLong() > Limits.MAX_REQUEST_BYTES) {
            throw new TooLarge();
        }
        String encoding = request.getHeader("Content-Encoding");
        encoding = encoding == null ? "identity" : encoding.strip().toLowerCase(Locale.ROOT);
        InputStream in = request.getInputStream();
        try {
            switch (encoding) {
                case "", "identity":
                    return readLimited(in);
                case "gzip":
                    return readLimited(new GZIPInputStream(in));
                case "deflate":
                    return readLimited(new InflaterInputStream(in));
                default:
                    throw new BadEncoding();
            }
        } catch (ZipException | java.io.EOFException e) {
            throw new BadEncoding();
        }
    }

    private static byte[] readLimited(InputStream in) throws IOException, TooLarge {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            total += n;
            if (total > Limits.MAX_REQUEST_BYTES) {
                throw new TooLarge();
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
