package io.jynamo.it;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the README's AWS CLI quick start, word for word, against the server under test: the README must stay true.
 * Skipped only where the AWS CLI is not installed.
 */
class CliQuickStartIT extends JynamoIT {

    @Test
    void theReadmeQuickStartWorksAsWritten() throws Exception {
        Assumptions.assumeTrue(awsCliInstalled(), "the AWS CLI is not installed");
        List<String> commands = quickStartCommands();
        assertThat(commands).hasSizeGreaterThanOrEqualTo(6);

        String endpointUrl = "http://" + endpoint.getHost() + ":" + endpoint.getPort();
        // the suite's server has a configured administrator's key rather than one it wrote to ~/.jynamo/credentials
        Path credentials = Files.createTempFile("jynamo-credentials", "");
        Files.writeString(credentials, "[jynamo]\naws_access_key_id = " + Clients.administrator().accessKeyId()
                + "\naws_secret_access_key = " + Clients.administrator().secretAccessKey() + "\n");
        StringBuilder script = new StringBuilder("set -e\n");
        for (String command : commands) {
            script.append(command.replace("http://localhost:8000", endpointUrl)
                    .replace("~/.jynamo/credentials", credentials.toString())).append('\n');
        }
        // in a directory of its own: the commands leave files (reader.key)
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script.toString()).redirectErrorStream(true)
                .directory(Files.createTempDirectory("quickstart").toFile());
        // keys in the environment would win over the profile the README names
        pb.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        Process p = pb.start();
        boolean finished = p.waitFor(120, TimeUnit.SECONDS);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(finished).as("finished in time").isTrue();
        assertThat(p.exitValue()).as(output).isZero();

        assertThat(output).contains("\"TableStatus\": \"CREATING\"")
                .contains("\"Call Me Today\"")
                .contains("\"N\": \"2015\"")
                .contains("\"Plays\": {")
                .contains("\"Count\": 1,")
                .contains("\"ItemCount\": ")
                .contains("\"TableStatus\": \"DELETING\"")
                .contains("\"UserName\": \"reader\"")
                .contains("AccessDeniedException").contains("User: arn:aws:iam::000000000000:user/reader is not "
                        + "authorized to perform: dynamodb:DeleteTable")
                .contains("reader may not delete");
        assertThat(ddb.listTables().tableNames()).doesNotContain("Music");
    }

    /** The shell commands of the README's quick-start block, continuation lines joined. */
    private static List<String> quickStartCommands() throws IOException {
        List<String> lines = Files.readAllLines(Path.of(System.getProperty("jynamo.readme")));
        int begin = lines.indexOf("<!-- quickstart:begin -->");
        int end = lines.indexOf("<!-- quickstart:end -->");
        assertThat(begin).as("quick-start markers in README").isGreaterThanOrEqualTo(0).isLessThan(end);
        List<String> commands = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines.subList(begin + 1, end)) {
            if (line.startsWith("```") || line.isBlank()) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
            } else {
                current.append(line);
                commands.add(current.toString());
                current.setLength(0);
            }
        }
        return commands;
    }

    private static boolean awsCliInstalled() {
        try {
            return new ProcessBuilder("aws", "--version").redirectErrorStream(true).start().waitFor(30,
                    TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
