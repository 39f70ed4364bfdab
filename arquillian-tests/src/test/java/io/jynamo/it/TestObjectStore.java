package io.jynamo.it;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The S3-compatible server exports go to and imports come from, chosen before Arquillian starts Jynamo (arquillian.xml
 * passes it on as {@code jynamo.s3.endpoint}): {@code JYNAMO_TEST_S3_ENDPOINT} if set (any S3-compatible server with
 * a bucket {@value #BUCKET}), else Adobe's S3Mock, which the build copies from Maven Central (target/s3mock), started
 * here as a process of its own on free ports, its objects under target/s3mock/store, and stopped when the tests end.
 */
public class TestObjectStore implements LauncherSessionListener {
    /** The bucket the tests use; others are made by the tests that need them. */
    public static final String BUCKET = "jynamo-it";

    private Process server;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("jynamo.test.s3.endpoint") != null) {
            return;
        }
        String given = System.getenv("JYNAMO_TEST_S3_ENDPOINT");
        if (given != null && !given.isBlank()) {
            System.setProperty("jynamo.test.s3.endpoint", given);
            return;
        }
        String jar = System.getProperty("jynamo.test.s3mock.jar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            // run outside Maven's integration-test phase (an IDE): tests that need S3 fail with a clear message
            return;
        }
        try {
            int port = freePort();
            Path home = Path.of(jar).getParent();
            Path store = Files.createDirectories(home.resolve("store-" + port));
            server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar,
                    "--server.port=" + freePort(),
                    "--com.adobe.testing.s3mock.httpPort=" + port,
                    "--com.adobe.testing.s3mock.store.root=" + store,
                    "--com.adobe.testing.s3mock.store.initialBuckets=" + BUCKET,
                    "--spring.main.banner-mode=off")
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolve("s3mock.log").toFile())
                    .start();
            String endpoint = "http://127.0.0.1:" + port;
            awaitUp(endpoint);
            System.setProperty("jynamo.test.s3.endpoint", endpoint);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the S3 test server", e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (server != null) {
            server.destroy();
        }
    }

    private void awaitUp(String endpoint) throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (!server.isAlive()) {
                throw new IOException("the S3 test server stopped; see target/s3mock/s3mock.log");
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(endpoint + "/").toURL().openConnection();
                c.setConnectTimeout(1000);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        throw new IOException("the S3 test server did not start within 90 s; see target/s3mock/s3mock.log");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A client of the test S3 server, as a user's tool reading an export would make one. */
    public static S3Client client() {
        String endpoint = System.getProperty("jynamo.test.s3.endpoint");
        if (endpoint == null) {
            throw new IllegalStateException("no S3 test server: run the tests with Maven (mvn verify), or set "
                    + "JYNAMO_TEST_S3_ENDPOINT");
        }
        return S3Client.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("suite", "suite")))
                .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
    }
}
