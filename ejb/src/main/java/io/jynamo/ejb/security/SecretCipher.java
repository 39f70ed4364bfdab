package io.jynamo.ejb.security;

import io.jynamo.ejb.config.Settings;
import io.jynamo.ejb.storage.ServerSecrets;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.logging.Logger;

/**
 * Encrypts the secrets of access keys for the database (AES-256-GCM: a random 12-byte nonce, then the ciphertext
 * and its tag), so that a copy of the database, a backup or a reporting user's SELECT does not give away anyone's
 * credentials. The key comes from the configuration: {@code JYNAMO_SECRET_KEY} (base64 of 32 bytes) or
 * {@code JYNAMO_SECRET_KEY_FILE} (a file holding that; the launcher makes one beside the data). Without either, the
 * cluster keeps a key in its database, which protects nothing from who can read the database: said in the log.
 */
@ApplicationScoped
public class SecretCipher {
    private static final Logger LOG = Logger.getLogger(SecretCipher.class.getName());
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    private ServerSecrets secrets;

    private SecretKeySpec key;

    @PostConstruct
    void init() {
        key = new SecretKeySpec(configuredKey(), "AES");
    }

    private byte[] configuredKey() {
        String inline = Settings.get("jynamo.secret-key", "JYNAMO_SECRET_KEY", null);
        String file = Settings.get("jynamo.secret-key-file", "JYNAMO_SECRET_KEY_FILE", null);
        try {
            if (inline == null && file != null) {
                inline = Files.readString(Path.of(file), StandardCharsets.US_ASCII).strip();
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read JYNAMO_SECRET_KEY_FILE " + file, e);
        }
        if (inline != null) {
            byte[] bytes = Base64.getDecoder().decode(inline);
            if (bytes.length != 32) {
                throw new IllegalStateException("JYNAMO_SECRET_KEY must be the base64 of 32 bytes, not " + bytes.length);
            }
            return bytes;
        }
        LOG.warning("No JYNAMO_SECRET_KEY or JYNAMO_SECRET_KEY_FILE: the secrets of access keys are encrypted with a"
                + " key kept in the database itself; set one to keep them apart");
        return secrets.secret("access-key-encryption");
    }

    public byte[] encrypt(String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = c.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String decrypt(byte[] stored) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
            return new String(c.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // another key than the one these were sealed with: the configuration changed
            throw new IllegalStateException("An access key's secret does not decrypt: is JYNAMO_SECRET_KEY the one it"
                    + " was stored with?", e);
        }
    }
}
