package io.jynamo.web;

import io.jynamo.core.access.DynamoDbAccess;
import io.jynamo.core.access.Principal;
import io.jynamo.core.auth.Caller;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.ErrorType;
import io.jynamo.core.iam.AccessRequest;
import io.jynamo.core.iam.Decision;
import io.jynamo.core.iam.PolicyDocument;
import io.jynamo.core.iam.PolicyEvaluator;
import io.jynamo.core.table.KeySchema;
import io.jynamo.ejb.config.ServiceIdentity;
import io.jynamo.ejb.security.AuditLog;
import io.jynamo.ejb.security.CallerPolicies;
import io.jynamo.ejb.storage.ItemTable;
import io.jynamo.ejb.storage.ItemTables;
import io.jynamo.core.table.SecondaryIndex;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * Decides each request against its caller's policies, as IAM does, before the operation runs: every access it asks
 * for ({@link DynamoDbAccess}: one per table of a batch, one per item of a transaction) must be allowed, and the
 * first that is not is refused with DynamoDB's AccessDeniedException, naming the caller, the action and the resource
 * and saying whether a policy denied it or none allowed it.
 */
@ApplicationScoped
public class Authorizer {
    @Inject
    private CallerPolicies policies;

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

    /** The same for a principal outside an operation's call (IAM, the jobs page); each refusal is audited. */
    void check(Principal principal, String requestId, List<AccessRequest> accesses) {
        Caller caller = principal.caller();
        List<PolicyDocument> applied = policies.of(caller.userId());
        for (AccessRequest access : accesses) {
            Decision decision = PolicyEvaluator.decide(applied, access);
            if (decision != Decision.ALLOW) {
                audit.append(new AuditLog.Event(principal.now(), requestId, caller.arn(), caller.accessKeyId(),
                        access.action(), access.resource(), false, principal.sourceIp()));
                throw denied(caller, access, decision);
            }
        }
    }

    static DynamoException denied(Caller caller, AccessRequest access, Decision decision) {
        return new DynamoException(ErrorType.ACCESS_DENIED, "User: " + caller.arn() + " is not authorized to perform: "
                + access.action() + " on resource: " + access.resource() + (decision == Decision.EXPLICIT_DENY
                ? " with an explicit deny in an identity-based policy"
                : " because no identity-based policy allows the " + access.action() + " action"));
    }
}
