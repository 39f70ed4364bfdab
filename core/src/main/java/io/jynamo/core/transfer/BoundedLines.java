package io.jynamo.core.transfer;

import java.io.IOException;
import java.io.Reader;

/**
 * Lines of text no longer than a limit: a longer line is skipped to its end and reported as {@link #TOO_LONG}, so a
 * hostile object (one endless line) costs no more memory than the limit.
 */
final class BoundedLines {
    /** What {@link #next} returns for a line over the limit (compared by identity). */
    static final String TOO_LONG = new String("<line too long>");

    private final Reader in;
    private final int limit;
    private final char[] buffer = new char[8192];
    private int position;
    private int filled;

    BoundedLines(Reader in, int limit) {
        this.in = in;
        this.limit = limit;
    }

    /** The next line without its end ("\n" or "\r\n"), {@link #TOO_LONG}, or null at the end of the text. */
    String next() throws IOException {
        StringBuilder line = new StringBuilder();
        boolean tooLong = false;
        while (true) {
            if (position == filled) {
                filled = in.read(buffer);
                position = 0;
                if (filled <= 0) {
                    filled = 0;
                    return line.isEmpty() && !tooLong ? null : tooLong ? TOO_LONG : line.toString();
                }
            }
            int start = position;
            while (position < filled && buffer[position] != '\n') {
                position++;
            }
            if (!tooLong) {
                line.append(buffer, start, position - start);
                if (line.length() > limit) {
                    tooLong = true;
                    line.setLength(0);
                }
            }
            if (position < filled) {
                position++;
                if (tooLong) {
                    return TOO_LONG;
                }
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
        }
    }
}
