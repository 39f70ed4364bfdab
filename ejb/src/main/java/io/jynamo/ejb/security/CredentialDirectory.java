package io.jynamo.ejb.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.jynamo.core.auth.Caller;
import io.jynamo.core.auth.Hashing;
import io.jynamo.core.auth.KeyDirectory;
import io.jynamo.core.auth.KnownKey;
import io.jynamo.ejb.config.ServiceIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access keys the signature verifier knows, from the identity tables, each kept for {@link #FRESH} so that a
 * steady client costs no query per request. A key made, disabled or deleted (on any node) is seen within that time.
 */
@ApplicationScoped
public class CredentialDirectory implements KeyDirectory<Caller> {
    /** How long a node trusts what it read of a key. */
    static final Duration FRESH = Duration.ofSeconds(5);

    @Inject
    private IdentityStore store;

    @Inject
    private ServiceIdentity identity;

    private final Cache<String, Optional<KnownKey<Caller>>> keys = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(FRESH).build();
    private final Cache<String, Optional<KnownKey<Caller>>> sessions = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(FRESH).build();
    /** When this node last recorded each key's use. */
    private final Map<String, Instant> recorded = new ConcurrentHashMap<>();

    @Override
    public KnownKey<Caller> key(String accessKeyId) {
        return keys.get(accessKeyId, id -> store.key(id).filter(IdentityStore.StoredKey::active)
                .map(k -> new KnownKey<>(k.id(), k.secret(), caller(k.user(), k.id(), false), null))).orElse(null);
    }

    @Override
    public KnownKey<Caller> session(String sessionToken) {
        return sessions.get(sessionToken, token -> store.session(Hashing.sha256(token.getBytes(StandardCharsets.UTF_8)))
                .map(s -> new KnownKey<>(s.accessKeyId(), s.secret(), caller(s.user(), s.accessKeyId(), true),
                        s.expires()))).orElse(null);
    }

    /** The administrator, as whom unverified requests run when JYNAMO_AUTH is off and their key is unknown. */
    public Caller administrator(String accessKeyId) {
        IdentityStore.User admin = store.userByName(BootstrapAdministrator.NAME)
                .orElseThrow(() -> new IllegalStateException("no administrator"));
        return caller(admin, accessKeyId, false);
    }

    /** Forgets what this node knows of a key, after a change made here. */
    public void forget(String accessKeyId) {
        keys.invalidate(accessKeyId);
    }

    /** Records a key's use (IAM's AccessKeyLastUsed), at most once a minute per key and node. */
    public void used(Caller caller, String service, String region, Instant now) {
        if (caller.temporary()) {
            return;
        }
        Instant last = recorded.get(caller.accessKeyId());
        if (last == null || last.isBefore(now.minusSeconds(60))) {
            recorded.put(caller.accessKeyId(), now);
            store.markUsed(caller.accessKeyId(), service, region, now);
        }
    }

    private Caller caller(IdentityStore.User user, String accessKeyId, boolean temporary) {
        return new Caller(identity.accountId(), user.id(), user.name(), user.path(), accessKeyId, temporary);
    }
}
