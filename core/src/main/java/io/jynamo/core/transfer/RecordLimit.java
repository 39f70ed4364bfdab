package io.jynamo.core.transfer;

import java.io.FilterInputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * Bounds the text a parser may read for one record (a CSV record, an Ion value): reading fails once the record has
 * gone on past the limit, so a hostile object (one endless quoted value, a list of a billion elements) costs no more
 * memory than the limit. The parser tells where records end ({@code recordEnded}); what it read ahead by then (a
 * buffer's worth) is not counted, so a record may pass the limit by that much.
 */
final class RecordLimit {
    private RecordLimit() {
    }

    private static IOException tooLong(long limit) {
        return new IOException("A record is longer than " + limit + " characters");
    }

    /** Characters (CSV). */
    static final class Chars extends FilterReader {
        private final long limit;
        private long read;
        private long recordStart;

        Chars(Reader in, long limit) {
            super(in);
            this.limit = limit;
        }

        void recordEnded() {
            recordStart = read;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            count(c < 0 ? 0 : 1);
            return c;
        }

        @Override
        public int read(char[] buffer, int off, int len) throws IOException {
            int n = super.read(buffer, off, len);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read - recordStart > limit) {
                throw tooLong(limit);
            }
        }
    }

    /** Bytes (Ion, whose reader decodes its own text). */
    static final class Bytes extends FilterInputStream {
        private final long limit;
        private long read;
        private long recordStart;

        Bytes(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        void recordEnded() {
            recordStart = read;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            int n = super.read(buffer, off, len);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read - recordStart > limit) {
                throw tooLong(limit);
            }
        }
    }
}
