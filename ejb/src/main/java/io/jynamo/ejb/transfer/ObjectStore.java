package io.jynamo.ejb.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Where exports are written and imports read: an S3-compatible store ({@link S3ObjectStore}) or, by default, a
 * directory of the server ({@link DirectoryObjectStore}). Keys are S3 keys ("prefix/AWSDynamoDB/...").
 */
public interface ObjectStore {

    /** An object under a prefix, as listed. */
    record StoredObject(String key, long size) { }

    /** What the store answered to a write: the object's ETag (without quotes). */
    record Written(String etag) { }

    /** Whether the bucket exists (and the store's credentials reach it). */
    boolean bucketExists(String bucket);

    /** Writes the file as the object {@code key}, replacing any object of that key. */
    Written put(String bucket, String key, Path file) throws IOException;

    /** Writes the bytes as the object {@code key}. */
    Written put(String bucket, String key, byte[] bytes) throws IOException;

    /** The object's content; the caller closes it. */
    InputStream get(String bucket, String key) throws IOException;

    /** The objects whose key starts with {@code prefix} (all of them when it is empty), in key order. */
    List<StoredObject> list(String bucket, String prefix) throws IOException;

    /** The first object under the prefix whose key comes after {@code after} (null: the first of all); null: none. */
    StoredObject firstAfter(String bucket, String prefix, String after) throws IOException;

    /** A store that cannot be reached, with the reason; every call fails with it. */
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
