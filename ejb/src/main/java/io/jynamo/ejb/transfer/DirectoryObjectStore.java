package io.jynamo.ejb.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The store of a server with no S3 endpoint configured: a bucket is a folder under the root (which must exist: a
 * bucket is made by making its folder), an object a file at its key's path. ETags are the hex MD5 of the content,
 * as S3 gives for an object written in one piece.
 */
public class DirectoryObjectStore implements ObjectStore {
    private final Path root;

    public DirectoryObjectStore(Path root) {
        this.root = root;
    }

    @Override
    public boolean bucketExists(String bucket) {
        return Files.isDirectory(bucketPath(bucket));
    }

    @Override
    public Written put(String bucket, String key, Path file) throws IOException {
        Path target = objectPath(bucket, key);
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
        // a reader never sees half an object
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try (InputStream in = Files.newInputStream(target)) {
            return new Written(md5Hex(in));
        }
    }

    @Override
    public Written put(String bucket, String key, byte[] bytes) throws IOException {
        Path temp = Files.createTempFile("jynamo-object", ".tmp");
        try {
            Files.write(temp, bytes);
            return put(bucket, key, temp);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public InputStream get(String bucket, String key) throws IOException {
        try {
            return Files.newInputStream(objectPath(bucket, key));
        } catch (NoSuchFileException e) {
            throw new StoreException("NoSuchKey", "The specified key does not exist: " + key, e);
        }
    }

    /** The objects whose key starts with {@code prefix}, in key order. */
    List<StoredObject> list(String bucket, String prefix) throws IOException {
        Path base = bucketPath(bucket);
        List<StoredObject> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(base)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String key = base.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
                if (key.startsWith(prefix) && !key.endsWith(".partial")) {
                    found.add(new StoredObject(key));
                }
            }
        }
        found.sort(java.util.Comparator.comparing(StoredObject::key));
        return found;
    }

    @Override
    public StoredObject firstAfter(String bucket, String prefix, String after) throws IOException {
        if (!bucketExists(bucket)) {
            throw new StoreException("NoSuchBucket", "The specified bucket does not exist: " + bucket, null);
        }
        return list(bucket, prefix).stream().filter(o -> after == null || o.key().compareTo(after) > 0).findFirst()
                .orElse(null);
    }

    private Path bucketPath(String bucket) {
        if (bucket.isEmpty() || bucket.contains("/") || bucket.startsWith(".")) {
            throw new IllegalArgumentException("not a bucket name: " + bucket);
        }
        Path p = root.resolve(bucket).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("not a bucket name: " + bucket);
        }
        return p;
    }

    private Path objectPath(String bucket, String key) throws StoreException {
        Path base = bucketPath(bucket);
        if (!Files.isDirectory(base)) {
            throw new StoreException("NoSuchBucket", "The specified bucket does not exist: " + bucket, null);
        }
        Path p;
        try {
            p = base.resolve(key).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new StoreException("InvalidKey", "Not a key this store can hold: " + key, e);
        }
        // a key of "../x" must not leave the bucket
        if (!p.startsWith(base) || p.equals(base)) {
            throw new StoreException("InvalidKey", "Not a key this store can hold: " + key, null);
        }
        return p;
    }

    private static String md5Hex(InputStream in) throws IOException {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md5.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
