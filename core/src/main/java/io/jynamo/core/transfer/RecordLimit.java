package io.jynamo.core.transfer;

import java.io.FilterInputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * Bounds the text a parser may read for one record (a CSV record, an Ion value): reading fails once the record has
 * gone on past the limit, so a hostile object (one endless quoted value, a list of a billion elements) costs no more
 * memory than the limit. The parser tells where records end ({@link #recordEnded}); what it read ahead by then (a
 * buffer's worth) is not counted, so a record may pass the limit by that much.
 */
final class RecordLimit {
    private final long limit;
    private long read;
    private long recordStart;

    RecordLimit(long limit) {
        this.limit = limit;
    }

    void recordEnded() {
        recordStart = read;
    }

    private void count(int n) throws IOException {
        read += Math.max(n, 0);
        if (read - recordStart > limit) {
            throw new IOException("A record is longer than " + limit + " characters");
        }
    }

    /** A reader of characters (CSV) within this limit. */
    Reader chars(Reader in) {
        return new FilterReader(in) {
            @Override
            public int read() throws IOException {
                int c = super.read();
                count(c < 0 ? 0 : 1);
                return c;
            }

            @Override
            public int read(char[] buffer, int off, int len) throws IOException {
                int n = super.read(buffer, off, len);
                count(n);
                return n;
            }
        };
    }

    /** A stream of bytes (Ion, whose reader decodes its own text) within this limit. */
    InputStream bytes(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                count(b < 0 ? 0 : 1);
                return b;
            }

            @Override
            public int read(byte[] buffer, int off, int len) throws IOException {
                int n = super.read(buffer, off, len);
                count(n);
                return n;
            }
        };
    }
}
