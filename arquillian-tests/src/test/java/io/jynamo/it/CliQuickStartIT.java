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
 * Runs the README's AWS CLI examples (the quick start, roles and a table's policy, the accelerator, backups,
 * export and import), word for word, against the server
 * under test: the README must stay true.
 * Skipped only where the AWS CLI is not installed.
 */
class CliQuickStartIT extends JynamoIT {

    @Test
    void theReadmeQuickStartWorksAsWritten() throws Exception {
        String output = run("quickstart");
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

    @Test
    void theReadmeRolesAndTablePolicyExampleWorksAsWritten() throws Exception {
        String output = run("roles");
        assertThat(output).contains("\"RoleName\": \"OrdersReader\"")
                .contains("\"Arn\": \"arn:aws:sts::000000000000:assumed-role/OrdersReader/report\"")
                .contains("User: arn:aws:sts::000000000000:assumed-role/OrdersReader/report is not authorized to "
                        + "perform: dynamodb:PutItem")
                .contains("the session may only read")
                .contains("\"RevisionId\": ")
                .contains("User: arn:aws:iam::000000000000:user/admin is not authorized to perform: "
                        + "dynamodb:DeleteTable on resource: arn:aws:dynamodb:us-east-1:000000000000:table/Orders with "
                        + "an explicit deny in a resource-based policy")
                .contains("the table's policy forbids it")
                .contains("\"TableStatus\": \"DELETING\"");
    }

    @Test
    void theReadmeAcceleratorExampleWorksAsWritten() throws Exception {
        String output = run("accelerator");
        assertThat(output).contains("\"TableName\": \"Sessions\"")
                .contains("\"User\": {")
                .contains("\"S\": \"ana\"")
                .contains("\"TableStatus\": \"DELETING\"");
        // both reads answered the item: once from the item cache, once from the table
        assertThat(output.split("\"ana\"", -1)).hasSize(3);
    }

    @Test
    void theReadmeExportAndImportExampleWorksAsWritten() throws Exception {
        // the suite's server keeps its buckets in the S3 test server, where the README's folder is this bucket
        try (var s3 = TestObjectStore.client()) {
            if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals("my-exports"))) {
                s3.createBucket(b -> b.bucket("my-exports"));
            }
        }
        String output = run("exports");
        assertThat(output).contains("\"ExportStatus\": \"COMPLETED\"")
                .contains("\"ItemCount\": 1")
                .contains("\"ExportManifest\": \"nightly/AWSDynamoDB/")
                .contains("\"ImportStatus\": \"COMPLETED\"")
                .contains("\"ImportedItemCount\": 1")
                .contains("\"S\": \"s-1\"")
                .contains("\"N\": \"12.5\"")
                .contains("\"TableStatus\": \"DELETING\"");
    }

    @Test
    void theReadmeAutoScalingExampleWorksAsWritten() throws Exception {
        String output = run("autoscaling");
        assertThat(output).contains("\"ScalableTargetARN\": \"arn:aws:application-autoscaling:us-east-1:000000000000:"
                        + "scalable-target/")
                .contains("\"PolicyARN\": \"arn:aws:autoscaling:us-east-1:000000000000:scalingPolicy:")
                .contains(":resource/dynamodb/table/Carts:policyName/carts-writes\"")
                .contains("\"AlarmName\": \"TargetTracking-table/Carts-AlarmHigh-")
                .contains("\"Description\": \"Setting write capacity units to 10.\"")
                .contains("\"Cause\": \"minimum capacity was set to 10\"")
                .contains("\"StatusCode\": \"Successful\"")
                .contains("\"TableStatus\": \"DELETING\"");
    }

    @Test
    void theReadmeBackupsExampleWorksAsWritten() throws Exception {
        String output = run("backups");
        assertThat(output).contains("\"BackupName\": \"invoices-nightly\"")
                .contains("\"BackupStatus\": \"AVAILABLE\"")
                .contains("\"RestoreInProgress\": true")
                .contains("\"PointInTimeRecoveryStatus\": \"ENABLED\"")
                .contains("\"RecoveryPeriodInDays\": 7")
                .contains("\"S\": \"i-2\"")
                .contains("\"BackupStatus\": \"DELETED\"");
        // the backup's scan found the first invoice, and the point-in-time restore the second
        assertThat(output).contains("\"S\": \"i-1\"");
    }

    /** Runs the commands of the README block between {@code <!-- name:begin -->} and its end; gives their output. */
    private String run(String block) throws Exception {
        Assumptions.assumeTrue(awsCliInstalled(), "the AWS CLI is not installed");
        List<String> commands = readmeCommands(block);
        assertThat(commands).hasSizeGreaterThanOrEqualTo(6);

        String endpointUrl = "http://" + endpoint.getHost() + ":" + endpoint.getPort();
        // 8111 with the suite server's port offset, as the main endpoint's 8000 has it
        String acceleratorUrl = "http://" + endpoint.getHost() + ":" + (endpoint.getPort() + 111);
        // the suite's server has a configured administrator's key rather than one it wrote to ~/.jynamo/credentials
        Path credentials = Files.createTempFile("jynamo-credentials", "");
        Files.writeString(credentials, "[jynamo]\naws_access_key_id = " + Clients.administrator().accessKeyId()
                + "\naws_secret_access_key = " + Clients.administrator().secretAccessKey() + "\n");
        StringBuilder script = new StringBuilder("set -e\n");
        for (String command : commands) {
            // the suite's server lets a policy change again after a second rather than DynamoDB's fifteen
            script.append(command.replace("http://localhost:8000", endpointUrl)
                    .replace("http://localhost:8111", acceleratorUrl)
                    .replace("~/.jynamo/credentials", credentials.toString()).replace("sleep 15", "sleep 1.2"))
                    .append('\n');
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

        return output;
    }

    /** The shell commands of a README block, continuation lines joined. */
    private static List<String> readmeCommands(String block) throws IOException {
        List<String> lines = Files.readAllLines(Path.of(System.getProperty("jynamo.readme")));
        int begin = lines.indexOf("<!-- " + block + ":begin -->");
        int end = lines.indexOf("<!-- " + block + ":end -->");
        assertThat(begin).as(block + " markers in README").isGreaterThanOrEqualTo(0).isLessThan(end);
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
