package io.jynamo.ejb.storage;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * The resource-based policy of a table or a stream (the same two columns of {@code catalog_table} and {@code stream}):
 * the policy as GetResourcePolicy returns it, and the revision of its latest change (epoch milliseconds), kept after
 * the policy is deleted.
 */
@Embeddable
public class ResourcePolicySlot {
    /** Null when there is no policy. */
    @Column(name = "resource_policy")
    private String policy;

    /** Null when there never was one. */
    @Column(name = "resource_policy_revision")
    private String revision;

    public String policy() {
        return policy;
    }

    public String revision() {
        return revision;
    }

    /** A new policy (null: deleted) with the revision of the change. */
    public void set(String newPolicy, String newRevision) {
        this.policy = newPolicy;
        this.revision = newRevision;
    }
}
