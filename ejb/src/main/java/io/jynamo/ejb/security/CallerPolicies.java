package io.jynamo.ejb.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.jynamo.core.iam.PolicyDocument;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * The policies that apply to each user, parsed, as the authorizer asks for them on every request: kept for
 * {@link CredentialDirectory#FRESH}, so a policy put, attached or deleted (on any node) applies within that time.
 * Documents were checked when they were stored; one that no longer parses (stored by hand) grants nothing.
 */
@ApplicationScoped
public class CallerPolicies {
    @Inject
    private IdentityStore store;

    private final Cache<String, List<PolicyDocument>> byUser = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(CredentialDirectory.FRESH).build();

    public List<PolicyDocument> of(String userId) {
        return byUser.get(userId, id -> store.policiesOf(id).stream().flatMap(p -> {
            try {
                return java.util.stream.Stream.of(PolicyDocument.parse(p.document(),
                        p.managed() ? PolicyDocument.Kind.MANAGED : PolicyDocument.Kind.INLINE));
            } catch (io.jynamo.core.iam.MalformedPolicyException unusable) {
                return java.util.stream.Stream.empty();
            }
        }).toList());
    }

    /** Forgets what this node holds for a user, after a change of its policies made here. */
    public void forget(String userId) {
        byUser.invalidate(userId);
    }

    /** Forgets everything this node holds (a group's or managed policy's change reaches many users). */
    public void forgetAll() {
        byUser.invalidateAll();
    }
}
