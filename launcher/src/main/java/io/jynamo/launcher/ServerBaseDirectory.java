package io.jynamo.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A WildFly server base directory ({@code jboss.server.base.dir}) for one Jynamo server: a fresh copy of the
 * provisioned configuration and the EAR to deploy, so that the provisioned server itself stays pristine and several
 * servers can run from one installation.
 */
public final class ServerBaseDirectory {
    private ServerBaseDirectory() {
    }

    /** Replaces {@code baseDir} with the configuration of {@code wildflyHome} and the EAR in its deployments. */
    public static void prepare(Path wildflyHome, Path baseDir, Path ear) throws IOException {
        deleteRecursively(baseDir);
        copyRecursively(wildflyHome.resolve("standalone/configuration"), baseDir.resolve("configuration"));
        Files.createDirectories(baseDir.resolve("deployments"));
        Files.copy(ear, baseDir.resolve("deployments/jynamo.ear"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void copyRecursively(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
