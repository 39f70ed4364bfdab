package io.jynamo.ejb.transfer;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An S3-compatible store (AWS S3, MinIO, Ceph RGW, SeaweedFS, ...) through the AWS SDK's S3 client.
 *
 * <p>Checksums are sent and checked only where S3 requires them: the SDK's default (a CRC trailer on every upload,
 * in aws-chunked encoding) is refused by several S3-compatible servers, and the objects' MD5 and ETag are checked in
 * the export's manifest anyway.
 */
public class S3ObjectStore implements ObjectStore, AutoCloseable {
    private final S3Client s3;

    /**
     * @param endpoint  null: AWS S3 itself
     * @param accessKey null: the SDK's default credentials chain (environment, profile, instance role)
     */
    public S3ObjectStore(URI endpoint, String region, boolean pathStyle, String accessKey, String secretKey) {
        AwsCredentialsProvider credentials = accessKey == null ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
        var builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofMinutes(2)))
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .forcePathStyle(pathStyle)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        this.s3 = builder.build();
    }

    @Override
    public boolean bucketExists(String bucket) throws IOException {
        try {
            s3.headBucket(b -> b.bucket(bucket));
            return true;
        } catch (NoSuchBucketException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw failure(e);
        } catch (SdkException e) {
            throw failure(e);
        }
    }

    @Override
    public Written put(String bucket, String key, Path file) throws IOException {
        return written(() -> s3.putObject(p -> p.bucket(bucket).key(key), RequestBody.fromFile(file)).eTag());
    }

    @Override
    public Written put(String bucket, String key, byte[] bytes) throws IOException {
        return written(() -> s3.putObject(p -> p.bucket(bucket).key(key), RequestBody.fromBytes(bytes)).eTag());
    }

    private static Written written(java.util.function.Supplier<String> put) throws IOException {
        try {
            String etag = put.get();
            return new Written(etag == null ? null : etag.replace("\"", ""));
        } catch (SdkException e) {
            throw failure(e);
        }
    }

    @Override
    public InputStream get(String bucket, String key) throws IOException {
        try {
            return s3.getObject(g -> g.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw failure(e);
        }
    }

    @Override
    public StoredObject firstAfter(String bucket, String prefix, String after) throws IOException {
        try {
            ListObjectsV2Request.Builder r = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).maxKeys(1);
            if (after != null) {
                r.startAfter(after);
            }
            return s3.listObjectsV2(r.build()).contents().stream().findFirst()
                    .map(o -> new StoredObject(o.key())).orElse(null);
        } catch (SdkException e) {
            throw failure(e);
        }
    }

    /**
     * What a failed call means: S3's answer that the request cannot succeed (no such bucket or key, access denied:
     * 4xx) fails the export or import with its code; anything else (no connection, a timeout, a 5xx) may pass, and
     * the job's step is tried again.
     */
    private static IOException failure(SdkException e) {
        if (e instanceof S3Exception s && s.statusCode() >= 400 && s.statusCode() < 500) {
            String code = e instanceof NoSuchBucketException ? "NoSuchBucket"
                    : s.awsErrorDetails() != null && s.awsErrorDetails().errorCode() != null
                    ? s.awsErrorDetails().errorCode() : s.statusCode() == 403 ? "AccessDenied" : "BadRequest";
            return new StoreException(code, e.getMessage(), e);
        }
        return new IOException(e.getMessage(), e);
    }

    @Override
    public void close() {
        s3.close();
    }
}
