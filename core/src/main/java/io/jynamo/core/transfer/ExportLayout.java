package io.jynamo.core.transfer;


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
     * The key of an export's {@code n}th data file: 26 characters of lowercase base32, as DynamoDB names them, with the
     * format's extension. The name is drawn from the export's id and {@code n}, not at random, so that a step made
     * again after a crash overwrites the file it had written rather than leaving a second one (in an incremental
     * export's shared data folder, readers would see both).
     */
    public static String dataFile(String prefix, String exportId, int n, boolean incremental, String format) {
        byte[] bits;
        try {
            bits = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((exportId + "/" + n).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder name = new StringBuilder(26);
        for (int i = 0; i < 26; i++) {
            name.append(BASE32[bits[i] & 31]);
        }
        String extension = format.equals("ION") ? ".ion.gz" : ".json.gz";
        return (incremental ? root(prefix) : folder(prefix, exportId)) + "data/" + name + extension;
    }
}
