package io.jynamo.ejb.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where exports are written and imports read: an S3-compatible store ({@link S3ObjectStore}) or, by default, a
 * directory of the server ({@link DirectoryObjectStore}). Keys are S3 keys ("prefix/AWSDynamoDB/...").
 */
public interface ObjectStore {

    /** An object under a prefix, as listed. */
    record StoredObject(String key) { }

    /** What the store answered to a write: the object's ETag (without quotes). */
    record Written(String etag) { }

    /** Whether the bucket exists; a {@link StoreException} when the store refuses to say (access denied). */
    boolean bucketExists(String bucket) throws IOException;

    /** Writes the file as the object {@code key}, replacing any object of that key. */
    Written put(String bucket, String key, Path file) throws IOException;

    /** Writes the bytes as the object {@code key}. */
    Written put(String bucket, String key, byte[] bytes) throws IOException;

    /** The object's content; the caller closes it. */
    InputStream get(String bucket, String key) throws IOException;

    /** The first object under the prefix whose key comes after {@code after} (null: the first of all); null: none. */
    StoredObject firstAfter(String bucket, String prefix, String after) throws IOException;

    /**
     * The store's answer that a call cannot succeed (no such bucket or key, access denied), with S3's code for it: the
     * export or import fails with it. Other {@link IOException}s are passing (no connection, a timeout): the step is
     * tried again.
     */
    class StoreException extends IOException {
        private final String code;

        public StoreException(String code, String message, Throwable cause) {
            super(message, cause);
            this.code = code;
        }

        /** The failure's code, as S3 names it (NoSuchBucket, AccessDenied, ...). */
        public String code() {
            return code;
        }
    }
}
