package io.jynamo.ejb.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.jynamo.core.auth.Caller;
import io.jynamo.core.iam.PolicyDocument;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * The policies that apply to each user and role, parsed, as the authorizer asks for them on every request: kept for
 * {@link CredentialDirectory#FRESH}, so a policy put, attached or deleted (on any node) applies within that time.
 * Documents were checked when they were stored; one that no longer parses (stored by hand) denies everything.
 */
@ApplicationScoped
public class CallerPolicies {
    @Inject
    private IdentityStore store;

    /** By user id (AIDA…) or role id (AROA…), which cannot collide. */
    private final Cache<String, List<PolicyDocument>> byOwner = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(CredentialDirectory.FRESH).build();

    /** The identity-based policies of a user, or of a role session's role. */
    public List<PolicyDocument> of(Caller caller) {
        return caller.isUser() ? parsed(caller.id(), store::policiesOf) : parsed(caller.id(), store::policiesOfRole);
    }

    private List<PolicyDocument> parsed(String ownerId,
                                        java.util.function.Function<String, List<IdentityStore.AppliedPolicy>> stored) {
        return byOwner.get(ownerId, id -> stored.apply(id).stream().map(p -> parsedOrDenyAll(p.document(),
                p.managed() ? PolicyDocument.Kind.MANAGED : PolicyDocument.Kind.INLINE)).toList());
    }

    /**
     * A stored policy, parsed; one that no longer parses (edited by hand in the database) denies everything, so
     * that its Deny statements are not lost with it.
     */
    static PolicyDocument parsedOrDenyAll(String document, PolicyDocument.Kind kind) {
        try {
            return PolicyDocument.parse(document, kind);
        } catch (io.jynamo.core.iam.MalformedPolicyException unusable) {
            return PolicyDocument.DENY_ALL;
        }
    }

    /** Forgets what this node holds for a user or a role, after a change of its policies made here. */
    public void forget(String ownerId) {
        byOwner.invalidate(ownerId);
    }

    /** Forgets everything this node holds (a group's or managed policy's change reaches many users). */
    public void forgetAll() {
        byOwner.invalidateAll();
    }
}
