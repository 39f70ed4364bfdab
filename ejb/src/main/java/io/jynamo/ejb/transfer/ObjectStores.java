package io.jynamo.ejb.transfer;

import io.jynamo.ejb.config.Settings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The store each bucket is in, from the server's settings (system properties or environment variables):
 *
 * <ul>
 * <li>{@code JYNAMO_S3_ENDPOINT}: the S3-compatible endpoint of every bucket (e.g. {@code http://minio:9000});
 *     {@code https://s3.amazonaws.com} or {@code aws} for AWS S3 itself. Unset: every bucket is a folder of
 *     {@code JYNAMO_S3_DIRECTORY} (default {@code ~/.jynamo/s3}), which is also what {@code file:///some/dir}
 *     names.</li>
 * <li>{@code JYNAMO_S3_REGION} (us-east-1), {@code JYNAMO_S3_PATH_STYLE} (true: most S3-compatible servers want
 *     {@code http://host/bucket/key}), {@code JYNAMO_S3_ACCESS_KEY_ID} and {@code JYNAMO_S3_SECRET_ACCESS_KEY}
 *     (unset: the AWS SDK's default chain).</li>
 * <li>Per bucket, the same five with the bucket's name in them: {@code JYNAMO_S3_BUCKET_<NAME>_ENDPOINT} (the name in
 *     capitals, other characters than letters and digits as {@code _}) or the system property
 *     {@code jynamo.s3.bucket.<name>.endpoint}, and so on. A bucket with an endpoint of its own takes none of the
 *     defaults.</li>
 * </ul>
 */
@ApplicationScoped
public class ObjectStores {
    private final Map<String, ObjectStore> byEndpoint = new ConcurrentHashMap<>();

    /** The store holding this bucket. */
    public ObjectStore of(String bucket) {
        String own = setting(bucket, "endpoint", null);
        String scope = own != null ? bucket : null;
        String endpoint = own != null ? own : setting(null, "endpoint", null);
        String region = setting(scope, "region", "us-east-1");
        boolean pathStyle = Boolean.parseBoolean(setting(scope, "path-style", "true"));
        String accessKey = setting(scope, "access-key-id", null);
        String secretKey = setting(scope, "secret-access-key", null);
        String id = endpoint + "|" + region + "|" + pathStyle + "|" + accessKey;
        return byEndpoint.computeIfAbsent(id, k -> open(endpoint, region, pathStyle, accessKey, secretKey));
    }

    private static ObjectStore open(String endpoint, String region, boolean pathStyle, String accessKey,
                                    String secretKey) {
        if (endpoint == null) {
            String home = Settings.get("jynamo.home", "JYNAMO_HOME", System.getProperty("user.home") + "/.jynamo");
            return new DirectoryObjectStore(Path.of(Settings.get("jynamo.s3.directory", "JYNAMO_S3_DIRECTORY",
                    home + "/s3")).toAbsolutePath().normalize());
        }
        if (endpoint.startsWith("file:")) {
            return new DirectoryObjectStore(Path.of(URI.create(endpoint)).toAbsolutePath().normalize());
        }
        URI uri = endpoint.equals("aws") ? null : URI.create(endpoint);
        return new S3ObjectStore(uri, region, pathStyle, accessKey, secretKey);
    }

    /** A setting of the bucket (null: of all buckets). */
    private static String setting(String bucket, String name, String fallback) {
        String env = name.toUpperCase(Locale.ROOT).replace('-', '_');
        if (bucket == null) {
            return Settings.get("jynamo.s3." + name, "JYNAMO_S3_" + env, fallback);
        }
        String bucketEnv = bucket.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        return Settings.get("jynamo.s3.bucket." + bucket + "." + name, "JYNAMO_S3_BUCKET_" + bucketEnv + "_" + env,
                fallback);
    }

    @PreDestroy
    void close() {
        byEndpoint.values().forEach(s -> {
            if (s instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing on shutdown: nothing to do about it
                }
            }
        });
    }
}
