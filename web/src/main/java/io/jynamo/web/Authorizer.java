package io.jynamo.web;

import io.jynamo.core.access.DynamoDbAccess;
import io.jynamo.core.access.Principal;
import io.jynamo.core.auth.Caller;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.ErrorType;
import io.jynamo.core.iam.AccessRequest;
import io.jynamo.core.iam.Decision;
import io.jynamo.core.iam.IamException;
import io.jynamo.core.iam.PolicyDocument;
import io.jynamo.core.iam.PolicyEvaluator;
import io.jynamo.core.iam.Verdict;
import io.jynamo.core.table.KeySchema;
import io.jynamo.core.table.SecondaryIndex;
import io.jynamo.ejb.config.ServiceIdentity;
import io.jynamo.ejb.security.AuditLog;
import io.jynamo.ejb.security.BootstrapAdministrator;
import io.jynamo.ejb.security.CallerPolicies;
import io.jynamo.ejb.security.ResourcePolicyDirectory;
import io.jynamo.ejb.storage.ItemTable;
import io.jynamo.ejb.storage.ItemTables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * Decides each request as IAM does ({@link PolicyEvaluator}), before the operation runs, over the caller's identity
 * policies, a role session's session policy and the resource-based policy of the table or stream it touches: every
 * access it asks for ({@link DynamoDbAccess}: one per table of a batch, one per item of a transaction) must be
 * allowed, and the first that is not is refused with DynamoDB's AccessDeniedException, naming the caller, the action
 * and the resource and saying which kind of policy denied it or failed to allow it. Each refusal is audited.
 */
@ApplicationScoped
public class Authorizer {
    @Inject
    private CallerPolicies policies;

    @Inject
    private ResourcePolicyDirectory resourcePolicies;

    @Inject
    private ServiceIdentity identity;

    @Inject
    private ItemTables definitions;

    @Inject
    private AuditLog audit;

    /** The accesses of a call, as its operation asks for them. */
    DynamoDbAccess access(Operations.Call call) {
        return new DynamoDbAccess(call.principal(), new DynamoDbAccess.Arns(identity.region(), identity.accountId()),
                new DynamoDbAccess.KeySchemas() {
                    @Override
                    public KeySchema table(String table) {
                        ItemTable t = known(table);
                        return t == null ? null : t.keySchema();
                    }

                    @Override
                    public KeySchema index(String table, String index) {
                        ItemTable t = known(table);
                        SecondaryIndex i = t == null ? null : t.index(index);
                        return i == null ? null : i.keySchema();
                    }
                });
    }

    private ItemTable known(String table) {
        try {
            return definitions.get(table);
        } catch (DynamoException missing) {
            return null;
        }
    }

    /** Throws AccessDeniedException unless the caller's policies allow every access. */
    void check(Operations.Call call, List<AccessRequest> accesses) {
        check(call.principal(), call.requestId(), accesses);
    }

    /** The same for a principal outside an operation's call (IAM, the jobs page). */
    void check(Principal principal, String requestId, List<AccessRequest> accesses) {
        Caller caller = principal.caller();
        List<PolicyDocument> identityPolicies = policies.of(caller);
        for (AccessRequest access : accesses) {
            Verdict verdict = PolicyEvaluator.evaluate(caller, new PolicyEvaluator.Policies(identityPolicies,
                    caller.sessionPolicies(), resourcePolicyFor(caller, access), false), access);
            if (!verdict.allowed()) {
                refused(principal, requestId, access);
                throw denied(caller, access, verdict);
            }
        }
    }

    /**
     * The resource's own policy, if it has one. The bootstrap administrator plays the part of the account's root
     * user, whom no table policy can stop from deleting that policy (so that a policy denying everyone can be undone);
     * it is known by its name, which no other user can take: IAM refuses to delete it.
     */
    private PolicyDocument resourcePolicyFor(Caller caller, AccessRequest access) {
        if (access.action().equals("dynamodb:DeleteResourcePolicy") && caller.isUser()
                && caller.name().equals(BootstrapAdministrator.NAME)) {
            return null;
        }
        return resourcePolicies.forResource(access.resource());
    }

    /**
     * Whether an access would be allowed under another resource-based policy than the resource's own: the check of
     * PutResourcePolicy that a caller does not lock itself out.
     */
    boolean wouldAllow(Principal principal, AccessRequest access, PolicyDocument resourcePolicy) {
        Caller caller = principal.caller();
        return PolicyEvaluator.evaluate(caller, new PolicyEvaluator.Policies(policies.of(caller),
                caller.sessionPolicies(), resourcePolicy, false), access).allowed();
    }

    /**
     * sts:AssumeRole on a role, which its trust policy must allow (for a trust in the account, so must the caller's
     * identity policies); STS's AccessDenied otherwise, which names no policy.
     */
    void checkAssumeRole(Principal principal, String requestId, AccessRequest access, PolicyDocument trust) {
        Caller caller = principal.caller();
        Verdict verdict = PolicyEvaluator.evaluate(caller, new PolicyEvaluator.Policies(policies.of(caller),
                caller.sessionPolicies(), trust, true), access);
        if (!verdict.allowed()) {
            refused(principal, requestId, access);
            throw IamException.accessDenied("User: " + caller.arn() + " is not authorized to perform: "
                    + access.action() + " on resource: " + access.resource());
        }
    }

    private void refused(Principal principal, String requestId, AccessRequest access) {
        Caller caller = principal.caller();
        audit.append(new AuditLog.Event(principal.now(), requestId, caller.arn(), caller.accessKeyId(),
                access.action(), access.resource(), false, principal.sourceIp(), null));
    }

    /** DynamoDB's AccessDeniedException, in AWS's words for each kind of denial. */
    static DynamoException denied(Caller caller, AccessRequest access, Verdict verdict) {
        String kind = verdict.by().words();
        String reason = verdict.decision() == Decision.EXPLICIT_DENY
                ? " with an explicit deny in " + (verdict.by() == Verdict.PolicyKind.IDENTITY ? "an " : "a ") + kind
                        + " policy"
                : " because no " + kind + " policy allows the " + access.action() + " action";
        return new DynamoException(ErrorType.ACCESS_DENIED, "User: " + caller.arn() + " is not authorized to perform: "
                + access.action() + " on resource: " + access.resource() + reason);
    }
}
