package io.jynamo.ejb.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.jynamo.core.auth.Caller;
import io.jynamo.core.auth.Hashing;
import io.jynamo.core.auth.KeyDirectory;
import io.jynamo.core.auth.KnownKey;
import io.jynamo.core.iam.PolicyDocument;
import io.jynamo.ejb.config.ServiceIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
                .map(s -> new KnownKey<>(s.accessKeyId(), s.secret(), caller(s), s.expires()))).orElse(null);
    }

    private Caller caller(IdentityStore.StoredSession s) {
        if (s.user() != null) {
            return caller(s.user(), s.accessKeyId(), true);
        }
        IdentityStore.Role role = s.role();
        return Caller.roleSession(identity.accountId(), role.id(), role.name(), role.path(), s.accessKeyId(),
                s.sessionName(), sessionPolicies(s), s.chained());
    }

    /**
     * The session policies of a role session: its inline one and its managed ones at their current version; null
     * when it was given none. A managed policy deleted since allows nothing (the session can only lose by it).
     */
    private List<PolicyDocument> sessionPolicies(IdentityStore.StoredSession s) {
        if (s.sessionPolicy() == null && s.sessionPolicyArns().isEmpty()) {
            return null;
        }
        List<PolicyDocument> out = new ArrayList<>();
        if (s.sessionPolicy() != null) {
            out.add(CallerPolicies.parsedOrDenyAll(s.sessionPolicy(), PolicyDocument.Kind.INLINE));
        }
        for (String arn : s.sessionPolicyArns()) {
            store.managedByArn(identity.accountId(), arn).ifPresent(m ->
                    out.add(CallerPolicies.parsedOrDenyAll(m.document(), PolicyDocument.Kind.MANAGED)));
        }
        return out;
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

    /**
     * Records a long-term key's use (IAM's AccessKeyLastUsed), or a role session's (the role's RoleLastUsed), at most
     * once a minute per key or role and node.
     */
    public void used(Caller caller, String service, String region, Instant now) {
        if (caller.temporary() && caller.isUser()) {
            return;
        }
        String what = caller.isUser() ? caller.accessKeyId() : caller.id();
        Instant last = recorded.get(what);
        if (last == null || last.isBefore(now.minusSeconds(60))) {
            recorded.put(what, now);
            if (caller.isUser()) {
                store.markUsed(caller.accessKeyId(), service, region, now);
            } else {
                store.markRoleUsed(caller.id(), region, now);
            }
        }
    }

    private Caller caller(IdentityStore.User user, String accessKeyId, boolean temporary) {
        return Caller.user(identity.accountId(), user.id(), user.name(), user.path(), accessKeyId, temporary);
    }
}
