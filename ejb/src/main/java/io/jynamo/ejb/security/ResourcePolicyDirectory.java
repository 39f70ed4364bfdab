package io.jynamo.ejb.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.iam.PolicyDocument;
import io.jynamo.core.operation.ResourcePolicies;
import io.jynamo.ejb.config.ServiceIdentity;
import io.jynamo.ejb.service.ResourcePolicyService;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * The resource-based policy that bears on an access to a resource: a table's for the table and its indexes (an
 * index has no policy of its own: "permissions for indexes are in the base table's policy"), a stream's for the
 * stream. Kept, parsed, for {@link CredentialDirectory#FRESH}, like the callers' own policies, so a change on any node
 * applies everywhere within that time; this node's own changes at once.
 */
@ApplicationScoped
public class ResourcePolicyDirectory {
    @EJB
    private ResourcePolicyService service;

    @Inject
    private ServiceIdentity identity;

    /**
     * By the ARN accessed (a table's, an index's, a stream's), so that a request costs one lookup; a table's
     * policy is held once per ARN that reached it.
     */
    private final Cache<String, Optional<PolicyDocument>> policies = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(CredentialDirectory.FRESH).build();

    private String tablePrefix;

    @PostConstruct
    void init() {
        tablePrefix = "arn:aws:dynamodb:" + identity.region() + ":" + identity.accountId() + ":table/";
    }

    /** The policy for an access to {@code resourceArn}; null when none applies (or it is not a DynamoDB table's). */
    public PolicyDocument forResource(String resourceArn) {
        return policies.get(resourceArn, this::load).orElse(null);
    }

    private Optional<PolicyDocument> load(String resourceArn) {
        if (!resourceArn.startsWith(tablePrefix)) {
            return Optional.empty();
        }
        String[] path = resourceArn.substring(tablePrefix.length()).split("/", 4);
        boolean stream = path.length >= 3 && path[1].equals("stream");
        return load(new ResourcePolicies.Target(resourceArn, path[0], stream ? path[2] : null));
    }

    private Optional<PolicyDocument> load(ResourcePolicies.Target target) {
        ResourcePolicyService.Stored stored;
        try {
            stored = service.stored(target);
        } catch (DynamoException noSuchResource) {
            return Optional.empty();
        }
        if (stored == null) {
            return Optional.empty();
        }
        return Optional.of(CallerPolicies.parsedOrDenyAll(stored.policy(), PolicyDocument.Kind.RESOURCE));
    }

    /** Forgets what this node holds of a table's (and its indexes' and streams') policies, after a change made here. */
    public void forget(String tableName) {
        String table = tablePrefix + tableName;
        policies.asMap().keySet().removeIf(arn -> arn.equals(table) || arn.startsWith(table + "/"));
    }
}
