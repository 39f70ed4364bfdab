package io.jynamo.core.transfer;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Where an export's objects go in its bucket, as DynamoDB lays them out: everything under
 * {@code <S3Prefix>/AWSDynamoDB/<ExportId>/} ({@code _started} first, the data files in {@code data/}, then
 * {@code manifest-files.json}, {@code manifest-files.md5}, {@code manifest-summary.json} and
 * {@code manifest-summary.md5} last), but the data files of incremental exports, which share
 * {@code <S3Prefix>/AWSDynamoDB/data/}.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport.Output.html">Export
 *      output format</a>
 */
public final class ExportLayout {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private ExportLayout() {
    }

    /** {@code <prefix>/AWSDynamoDB/}: the prefix is joined with "/" as given (null or empty: none). */
    public static String root(String prefix) {
        return (prefix == null || prefix.isEmpty() ? "" : prefix.endsWith("/") ? prefix : prefix + "/")
                + "AWSDynamoDB/";
    }

    /** The export's own folder, ending in "/". */
    public static String folder(String prefix, String exportId) {
        return root(prefix) + exportId + "/";
    }

    /**
     * A new data file's key: 26 random characters of lowercase base32 (128 bits), as DynamoDB names them, with the
     * format's extension.
     */
    public static String dataFile(String prefix, String exportId, boolean incremental, String format) {
        StringBuilder name = new StringBuilder(26);
        byte[] bits = new byte[26];
        RANDOM.nextBytes(bits);
        for (byte b : bits) {
            name.append(BASE32[b & 31]);
        }
        String extension = format.equals("ION") ? ".ion.gz" : ".json.gz";
        return (incremental ? root(prefix) : folder(prefix, exportId)) + "data/" + name + extension;
    }

    /** An export's (or import's) id: its start in epoch milliseconds, 14 digits, "-" and 8 random hex digits. */
    public static String id(java.time.Instant start) {
        byte[] suffix = new byte[4];
        RANDOM.nextBytes(suffix);
        return String.format(Locale.ROOT, "%014d", start.toEpochMilli()) + "-"
                + java.util.HexFormat.of().formatHex(suffix);
    }
}
