package io.jynamo.core.iam;

import java.util.List;

/**
 * IAM's decision for one account's identity-based policies ("Policy evaluation logic"): a request is denied unless a
 * statement allows it, and denied whatever allows it when a statement denies it. A statement applies when its
 * actions (case-insensitive patterns) and resources (ARN patterns, case-sensitive) cover the request, or for
 * NotAction and NotResource do not, and all its conditions hold.
 */
public final class PolicyEvaluator {
    private PolicyEvaluator() {
    }

    public static Decision decide(List<PolicyDocument> policies, AccessRequest request) {
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
        boolean resource = s.resources().stream().anyMatch(r -> resourceMatches(r, request, variables));
        if (resource == s.resourcesNegated()) {
            return false;
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
