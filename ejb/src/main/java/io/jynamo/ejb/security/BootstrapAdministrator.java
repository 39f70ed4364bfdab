package io.jynamo.ejb.security;

import io.jynamo.ejb.config.Settings;
import io.jynamo.ejb.schema.Datasource;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Makes sure there is someone who may do everything: the user {@value #NAME}, with a policy allowing every action on
 * every resource. Its key is the one configured ({@code JYNAMO_ADMIN_ACCESS_KEY_ID} and
 * {@code JYNAMO_ADMIN_SECRET_ACCESS_KEY}) when there is one; otherwise the first start makes one and writes it, in the
 * AWS shared-credentials format under the profile {@value #PROFILE}, to {@code JYNAMO_ADMIN_CREDENTIALS_FILE} (the
 * launcher's is {@code ~/.jynamo/credentials}), saying where in the log. The secret itself is never logged.
 *
 * <p>Nodes starting together take turns (an advisory lock), so the administrator is made once.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
public class BootstrapAdministrator {
    public static final String NAME = "admin";
    public static final String PROFILE = "jynamo";
    static final String POLICY_NAME = "AdministratorAccess";
    static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
            + "\"Resource\":\"*\"}]}";
    private static final Logger LOG = Logger.getLogger(BootstrapAdministrator.class.getName());
    /** Names the advisory lock the nodes take turns on. */
    private static final long LOCK = 0x4a796e616d6f4164L;

    @Resource(lookup = Datasource.JNDI_NAME)
    private DataSource dataSource;

    @Inject
    private IdentityStore store;

    @PostConstruct
    void ensure() {
        lockAgainstOtherNodes();
        Instant now = Instant.now();
        IdentityStore.User admin = store.userByName(NAME).orElseGet(() -> {
            IdentityStore.User made = store.createUser(IamIds.user(), NAME, "/", now);
            store.putPolicy(IdentityStore.Owner.USER, made.id(), POLICY_NAME, POLICY);
            return made;
        });
        String keyId = Settings.get("jynamo.admin.access-key-id", "JYNAMO_ADMIN_ACCESS_KEY_ID", null);
        String secret = Settings.get("jynamo.admin.secret-access-key", "JYNAMO_ADMIN_SECRET_ACCESS_KEY", null);
        if (keyId != null && secret != null) {
            configured(admin, keyId, secret, now);
        } else if (store.keys(admin).isEmpty()) {
            generated(admin, now);
        } else {
            LOG.info("The administrator's key was written at the first start to " + credentialsFile()
                    + " (profile " + PROFILE + ")");
        }
    }

    private void lockAgainstOtherNodes() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void configured(IdentityStore.User admin, String keyId, String secret, Instant now) {
        var existing = store.key(keyId);
        if (existing.isEmpty()) {
            store.addKey(admin.id(), keyId, secret, now);
        } else if (!existing.get().user().id().equals(admin.id())) {
            throw new IllegalStateException("JYNAMO_ADMIN_ACCESS_KEY_ID " + keyId + " belongs to the user "
                    + existing.get().user().name() + ", not to " + NAME);
        } else if (!existing.get().secret().equals(secret) || !existing.get().active()) {
            store.resetKey(keyId, secret);
        }
        LOG.info("The administrator signs with the configured key " + keyId);
    }

    private void generated(IdentityStore.User admin, Instant now) {
        String keyId = IamIds.accessKey();
        String secret = IamIds.secret();
        store.addKey(admin.id(), keyId, secret, now);
        Path file = credentialsFile();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
            try {
                // readable by its owner from the start
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            String profile = "[" + PROFILE + "]\naws_access_key_id = " + keyId + "\naws_secret_access_key = " + secret
                    + "\n";
            Files.writeString(file, profile, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the administrator's credentials to " + file, e);
        }
        LOG.warning("Made the administrator's key " + keyId + " and wrote it to " + file + " (profile " + PROFILE
                + "): AWS_SHARED_CREDENTIALS_FILE=" + file + " AWS_PROFILE=" + PROFILE);
    }

    static Path credentialsFile() {
        return Path.of(Settings.get("jynamo.admin.credentials-file", "JYNAMO_ADMIN_CREDENTIALS_FILE",
                System.getProperty("jboss.server.data.dir", ".") + "/jynamo-credentials"));
    }
}
