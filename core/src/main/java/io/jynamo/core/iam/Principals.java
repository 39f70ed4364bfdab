package io.jynamo.core.iam;

import com.fasterxml.jackson.databind.JsonNode;
import io.jynamo.core.auth.Caller;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code Principal} (or {@code NotPrincipal}) of a statement in a resource-based policy (a role's trust policy, a
 * table's policy), and whom it names, as "AWS JSON policy elements: Principal" defines it: {@code "*"}, an account
 * ({@code "123456789012"} or {@code arn:aws:iam::123456789012:root}), a user, a role, or a role session
 * ({@code arn:aws:sts::…:assumed-role/<role>/<session>}), under the key {@code AWS}; services, federated and
 * canonical users are kept but name no caller of Jynamo's. Wildcards are not patterns here: only {@code "*"} alone
 * means everyone.
 *
 * @param aws    the {@code AWS} principals, accounts written as their root ARN
 * @param others the principals of other kinds ({@code Service}, {@code Federated}, {@code CanonicalUser})
 */
public record Principals(List<String> aws, List<String> others) {
    private static final Set<String> TYPES = Set.of("AWS", "Service", "Federated", "CanonicalUser");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern ARN = Pattern.compile("arn:aws:iam::\\d{12}:(root|(user|role)(/[\\u0021-\\u007E]*)?"
            + "/[\\w+=,.@-]+)|arn:aws:sts::\\d{12}:assumed-role/[\\w+=,.@-]+/[\\w+=,.@-]+");

    /** How a statement's principal reaches a caller, from the weakest to the strongest grant. */
    public enum Reach {
        /** It does not name the caller. */
        NONE,
        /**
         * It names the caller's account: in that account this delegates to the caller's identity policies and grants
         * nothing by itself.
         */
        ACCOUNT,
        /** It names the role of a role session: a grant bounded by the session's policy. */
        ROLE,
        /** It names the caller itself (its user ARN or session ARN) or everyone ({@code "*"}). */
        DIRECT
    }

    static final Principals EVERYONE = new Principals(List.of("*"), List.of());

    /** Parses a Principal element; its grammar was checked before ({@link #checkSyntax}). */
    static Principals parse(JsonNode node) {
        if (node.isTextual()) {
            return EVERYONE;
        }
        List<String> aws = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> type = it.next();
            for (JsonNode value : type.getValue().isArray() ? type.getValue() : List.of(type.getValue())) {
                if (type.getKey().equals("AWS")) {
                    String v = value.textValue();
                    aws.add(ACCOUNT.matcher(v).matches() ? "arn:aws:iam::" + v + ":root" : v);
                } else {
                    others.add(type.getKey() + ":" + value.textValue());
                }
            }
        }
        return new Principals(List.copyOf(aws), List.copyOf(others));
    }

    /** Checks the grammar: {@code "*"}, or an object of known principal types to strings or lists of strings. */
    static void checkSyntax(JsonNode node) {
        if (node.isTextual() && node.textValue().equals("*")) {
            return;
        }
        if (!node.isObject() || node.isEmpty()) {
            throw MalformedPolicyException.syntax();
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> type = it.next();
            JsonNode v = type.getValue();
            if (!TYPES.contains(type.getKey()) || !(v.isTextual() || (v.isArray() && !v.isEmpty()))) {
                throw MalformedPolicyException.syntax();
            }
            for (JsonNode e : v.isArray() ? v : List.of(v)) {
                if (!e.isTextual()) {
                    throw MalformedPolicyException.syntax();
                }
            }
        }
    }

    /**
     * The first {@code AWS} principal that is neither {@code "*"}, an account, nor the ARN of a user, role or role
     * session, written as IAM quotes it ({@code "AWS":"…"}); null when all are well formed.
     */
    public String firstInvalid() {
        for (String p : aws) {
            if (!p.equals("*") && !ARN.matcher(p).matches()) {
                return "\"AWS\":\"" + p + "\"";
            }
        }
        return null;
    }

    /** Whether it names everyone ({@code "*"}, or {@code "AWS":"*"}). */
    public boolean everyone() {
        return aws.contains("*");
    }

    /**
     * How far a NotPrincipal reaches the caller: everyone it does not exclude. A caller is excluded only when every
     * principal it is listed with is: a user with its account; a role session with its role and its account (AWS's
     * rule: "you must also include the account ARN", and for sessions the role's and the session's). An Allow with
     * NotPrincipal grants no more than a grant to the account would (IAM advises against it; DynamoDB counts it as
     * public access).
     */
    public Reach reachByExclusion(Caller caller, boolean allow) {
        boolean excluded = aws.contains("*") || (aws.contains(caller.arn())
                && aws.contains("arn:aws:iam::" + caller.accountId() + ":root")
                && (caller.isUser() || aws.contains(caller.roleArn())));
        if (excluded) {
            return Reach.NONE;
        }
        return allow ? Reach.ACCOUNT : Reach.DIRECT;
    }

    /** How far the principal reaches the caller. */
    public Reach reach(Caller caller) {
        Reach best = Reach.NONE;
        for (String p : aws) {
            Reach r;
            if (p.equals("*") || p.equals(caller.arn())) {
                r = Reach.DIRECT;
            } else if (!caller.isUser() && p.equals(caller.roleArn())) {
                r = Reach.ROLE;
            } else if (p.equals("arn:aws:iam::" + caller.accountId() + ":root")) {
                r = Reach.ACCOUNT;
            } else {
                r = Reach.NONE;
            }
            if (r.compareTo(best) > 0) {
                best = r;
            }
        }
        return best;
    }
}
