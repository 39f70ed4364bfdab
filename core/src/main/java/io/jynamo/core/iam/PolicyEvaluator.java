package io.jynamo.core.iam;

import io.jynamo.core.auth.Caller;

import java.util.List;

/**
 * IAM's decision on a request within one account ("Policy evaluation logic"), over the caller's identity-based
 * policies, the session policy of a role session, and the resource's own policy:
 * <ol>
 *   <li>an explicit Deny in any of them denies;</li>
 *   <li>a resource-based policy's Allow that names the caller itself (its user or session ARN, or everyone) allows
 *       without any identity-based policy; one that names a session's role allows if the session policy does too;
 *       one that names the account only delegates to the identity-based policies;</li>
 *   <li>otherwise an identity-based Allow is needed, within the session policy if there is one;</li>
 *   <li>a role's trust policy must allow in any case: an identity-based Allow alone never lets a caller assume a
 *       role.</li>
 * </ol>
 * A statement applies when its actions (case-insensitive patterns) and resources (ARN patterns, case-sensitive) cover
 * the request, or for NotAction and NotResource do not, its principal names the caller (resource-based policies), and
 * all its conditions hold.
 */
public final class PolicyEvaluator {
    private PolicyEvaluator() {
    }

    /**
     * The policies that bear on one request.
     *
     * @param session           the session policies of a role session (any of them may allow); null if none
     * @param resource          the resource's policy (a table's, a role's trust policy); null if none
     * @param resourceMustAllow whether the resource's policy must allow (a trust policy), not merely not deny
     */
    public record Policies(List<PolicyDocument> identity, List<PolicyDocument> session, PolicyDocument resource,
                           boolean resourceMustAllow) {
        public static Policies identityOnly(List<PolicyDocument> identity) {
            return new Policies(identity, null, null, false);
        }
    }

    /** What identity-based policies alone say of a request. */
    public static Decision decide(List<PolicyDocument> policies, AccessRequest request) {
        return effect(policies, request);
    }

    public static Verdict evaluate(Caller caller, Policies policies, AccessRequest request) {
        Decision identity = effect(policies.identity(), request);
        if (identity == Decision.EXPLICIT_DENY) {
            return new Verdict(Decision.EXPLICIT_DENY, Verdict.PolicyKind.IDENTITY);
        }
        Principals.Reach granted = Principals.Reach.NONE;
        if (policies.resource() != null) {
            PolicyDocument resource = policies.resource();
            for (Statement s : resource.statements()) {
                Principals.Reach reach = s.principalsNegated() ? s.principals().reachByExclusion(caller, s.allow())
                        : s.principals().reach(caller);
                if (reach == Principals.Reach.NONE || !applies(s, request, resource.variables())) {
                    continue;
                }
                if (!s.allow()) {
                    return new Verdict(Decision.EXPLICIT_DENY, Verdict.PolicyKind.RESOURCE);
                }
                if (reach.compareTo(granted) > 0) {
                    granted = reach;
                }
            }
        }
        Decision session = policies.session() == null ? Decision.ALLOW : effect(policies.session(), request);
        if (session == Decision.EXPLICIT_DENY) {
            return new Verdict(Decision.EXPLICIT_DENY, Verdict.PolicyKind.SESSION);
        }
        boolean withinSession = session == Decision.ALLOW;
        if (granted == Principals.Reach.DIRECT || (granted == Principals.Reach.ROLE && withinSession)) {
            return Verdict.ALLOWED;
        }
        if (policies.resourceMustAllow() && granted == Principals.Reach.NONE) {
            return new Verdict(Decision.IMPLICIT_DENY, Verdict.PolicyKind.RESOURCE);
        }
        if (identity == Decision.ALLOW && withinSession) {
            return Verdict.ALLOWED;
        }
        return new Verdict(Decision.IMPLICIT_DENY, identity == Decision.ALLOW ? Verdict.PolicyKind.SESSION
                : Verdict.PolicyKind.IDENTITY);
    }

    private static Decision effect(List<PolicyDocument> policies, AccessRequest request) {
        boolean allowed = false;
        for (PolicyDocument policy : policies) {
            for (Statement s : policy.statements()) {
                if (applies(s, request, policy.variables())) {
                    if (!s.allow()) {
                        return Decision.EXPLICIT_DENY;
                    }
                    allowed = true;
                }
            }
        }
        return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
    }

    private static boolean applies(Statement s, AccessRequest request, boolean variables) {
        boolean action = s.actions().stream().anyMatch(a -> actionMatches(a, request.action()));
        if (action == s.actionsNegated()) {
            return false;
        }
        // a trust policy's statements have no resources: the role they belong to is theirs
        if (!s.resources().isEmpty() || s.resourcesNegated()) {
            boolean resource = s.resources().stream().anyMatch(r -> resourceMatches(r, request, variables));
            if (resource == s.resourcesNegated()) {
                return false;
            }
        }
        for (Condition c : s.conditions()) {
            if (!ConditionMatcher.holds(c, request, variables)) {
                return false;
            }
        }
        return true;
    }

    static boolean actionMatches(String pattern, String action) {
        return Wildcards.matches(Wildcards.compile(pattern, null, false, true), action, true);
    }

    private static boolean resourceMatches(String pattern, AccessRequest request, boolean variables) {
        if (pattern.equals("*")) {
            return true;
        }
        // an action on no resource (ListTables) is covered only by "*"
        return !request.resource().equals("*") && Wildcards.arnMatches(pattern, request.resource(), request, variables);
    }
}
