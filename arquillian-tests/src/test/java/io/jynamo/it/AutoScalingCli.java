package io.jynamo.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code aws application-autoscaling}, the AWS CLI unmodified, pointed at the suite's server: each call gives the
 * operation's request as {@code --cli-input-json} and reads its JSON answer, or its error. (The SDK for Java has an
 * Application Auto Scaling client too, but this machine's Maven repository does not serve it.)
 */
final class AutoScalingCli {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ERROR = Pattern.compile("An error occurred \\((\\w+)\\) when calling the \\w+ "
            + "operation: (.*)", Pattern.DOTALL);

    /** The service's error, as the CLI reports it. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String code;

        Failure(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    private final URI endpoint;

    AutoScalingCli(URI endpoint) {
        Assumptions.assumeTrue(installed(), "the AWS CLI is not installed");
        this.endpoint = endpoint;
    }

    /**
     * Runs {@code aws application-autoscaling <command>} with the request given (single quotes for double, to keep
     * requests readable in tests); its answer, or a {@link Failure}.
     */
    JsonNode call(String command, String request) {
        return run(command, request, List.of());
    }

    /** The same for one page of a list: without the CLI's own paging, which follows NextToken to the end. */
    JsonNode page(String command, String request) {
        return run(command, request, List.of("--no-paginate"));
    }

    private JsonNode run(String command, String request, List<String> options) {
        try {
            List<String> line = new java.util.ArrayList<>(List.of("aws", "application-autoscaling", command,
                    "--endpoint-url", "http://" + endpoint.getHost() + ":" + endpoint.getPort(), "--region",
                    "us-east-1", "--output", "json", "--cli-input-json", request.replace('\'', '"')));
            line.addAll(options);
            ProcessBuilder pb = new ProcessBuilder(line);
            pb.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
            pb.environment().put("AWS_ACCESS_KEY_ID", Clients.administrator().accessKeyId());
            pb.environment().put("AWS_SECRET_ACCESS_KEY", Clients.administrator().secretAccessKey());
            pb.environment().put("AWS_MAX_ATTEMPTS", "1");
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("aws application-autoscaling " + command + " did not finish");
            }
            if (p.exitValue() != 0) {
                Matcher m = ERROR.matcher(err);
                if (m.find()) {
                    throw new Failure(m.group(1), m.group(2).strip());
                }
                throw new IllegalStateException("aws application-autoscaling " + command + ": " + err);
            }
            return out.length == 0 ? JSON.createObjectNode() : JSON.readTree(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean installed() {
        try {
            return new ProcessBuilder("aws", "--version").redirectErrorStream(true).start().waitFor(30,
                    TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
