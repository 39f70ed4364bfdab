package io.jynamo.core.iam;

import com.fasterxml.jackson.databind.JsonNode;
import io.jynamo.core.json.Json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A policy document, parsed and checked as IAM checks one, with IAM's MalformedPolicyDocument messages (those
 * recorded against IAM by LocalStack's and moto's suites): syntax first (the grammar of "IAM JSON policy
 * reference"), then the version, statement ids, principal, actions and resources.
 *
 * @param variables whether policy variables ({@code ${aws:username}}) are substituted: only from version
 *                  2012-10-17, as in IAM; earlier documents keep them as literal text
 */
public record PolicyDocument(String version, List<Statement> statements, boolean variables) {

    /** What a document is for, which decides some of the rules. */
    public enum Kind {
        /** A user's, group's or role's inline policy: may omit Version (it is then 2008-10-17); no Principal. */
        INLINE,
        /** A managed policy: must be version 2012-10-17. */
        MANAGED,
        /** A role's trust policy: a Principal in every statement, no Resource (the role is the resource). */
        TRUST,
        /** A resource-based policy of a DynamoDB table or stream: a Principal and a Resource in every statement. */
        RESOURCE
    }

    private static final Set<String> TOP_LEVEL = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_KEYS = Set.of("Sid", "Effect", "Principal", "NotPrincipal", "Action",
            "NotAction", "Resource", "NotResource", "Condition");
    private static final Set<String> VERSIONS = Set.of("2008-10-17", "2012-10-17");
    private static final Set<String> PARTITIONS = Set.of("aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b",
            "aws-iso-e", "aws-iso-f", "aws-eusc");
    private static final Pattern VENDOR = Pattern.compile("[a-zA-Z0-9_.-]+");
    /** "horizontal tab, linefeed, carriage return, and characters in the range U+0020 to U+00FF". */
    private static final Pattern ALLOWED_CHARACTERS = Pattern.compile("[\\t\\n\\r\\u0020-\\u00FF]*");

    /**
     * Denies everything: what a stored policy that no longer parses (edited by hand in the database) stands for, so
     * that its Deny statements are not lost with it.
     */
    public static final PolicyDocument DENY_ALL = new PolicyDocument("2012-10-17", List.of(new Statement(null, false,
            List.of("*"), false, List.of("*"), false, List.of(), Principals.EVERYONE, false)), true);

    public static PolicyDocument parse(String text, Kind kind) {
        if (text == null || !ALLOWED_CHARACTERS.matcher(text).matches()) {
            throw MalformedPolicyException.syntax();
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw MalformedPolicyException.syntax();
        }
        if (root == null || !root.isObject()) {
            throw MalformedPolicyException.syntax();
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            if (!TOP_LEVEL.contains(it.next())) {
                throw MalformedPolicyException.syntax();
            }
        }
        JsonNode version = root.get("Version");
        if (version != null && (!version.isTextual() || !VERSIONS.contains(version.textValue()))) {
            throw MalformedPolicyException.syntax();
        }
        if (root.has("Id") && !root.get("Id").isTextual()) {
            throw MalformedPolicyException.syntax();
        }
        List<JsonNode> raw = statementNodes(root.get("Statement"));
        boolean legacyEffect = false;
        for (JsonNode s : raw) {
            legacyEffect |= checkSyntax(s);
        }
        String versionText = version == null ? "2008-10-17" : version.textValue();
        if (kind == Kind.MANAGED && !versionText.equals("2012-10-17")) {
            throw new MalformedPolicyException("Policy document must be version 2012-10-17 or greater.");
        }
        if (legacyEffect) {
            throw new MalformedPolicyException("The policy failed legacy parsing");
        }
        Set<String> sids = new HashSet<>();
        List<Statement> statements = new ArrayList<>();
        for (JsonNode s : raw) {
            if (s.has("Sid") && !sids.add(s.get("Sid").textValue())) {
                throw new MalformedPolicyException("Statement IDs (SID) in a single policy must be unique.");
            }
            statements.add(statement(s, kind));
        }
        return new PolicyDocument(versionText, List.copyOf(statements), versionText.equals("2012-10-17"));
    }

    private static List<JsonNode> statementNodes(JsonNode statement) {
        List<JsonNode> list = new ArrayList<>();
        if (statement != null && statement.isObject()) {
            list.add(statement);
        } else if (statement != null && statement.isArray() && !statement.isEmpty()) {
            statement.forEach(list::add);
        }
        if (list.isEmpty() || list.stream().anyMatch(s -> !s.isObject())) {
            throw MalformedPolicyException.syntax();
        }
        return list;
    }

    /** Checks a statement's grammar; returns whether its Effect is Allow or Deny in the wrong case. */
    private static boolean checkSyntax(JsonNode s) {
        for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
            if (!STATEMENT_KEYS.contains(it.next())) {
                throw MalformedPolicyException.syntax();
            }
        }
        if ((s.has("Action") && s.has("NotAction")) || (s.has("Resource") && s.has("NotResource"))
                || (s.has("Principal") && s.has("NotPrincipal")) || (s.has("Sid") && !s.get("Sid").isTextual())) {
            throw MalformedPolicyException.syntax();
        }
        for (String principal : new String[] {"Principal", "NotPrincipal"}) {
            if (s.has(principal)) {
                Principals.checkSyntax(s.get(principal));
            }
        }
        for (String list : new String[] {"Action", "NotAction", "Resource", "NotResource"}) {
            if (s.has(list)) {
                strings(s.get(list));
            }
        }
        if (s.has("Condition")) {
            conditions(s.get("Condition"));
        }
        JsonNode effect = s.get("Effect");
        if (effect == null || !effect.isTextual()) {
            throw MalformedPolicyException.syntax();
        }
        if (effect.textValue().equals("Allow") || effect.textValue().equals("Deny")) {
            return false;
        }
        if (effect.textValue().equalsIgnoreCase("allow") || effect.textValue().equalsIgnoreCase("deny")) {
            return true;
        }
        throw MalformedPolicyException.syntax();
    }

    private static Statement statement(JsonNode s, Kind kind) {
        boolean principalsNegated = s.has("NotPrincipal");
        JsonNode principal = s.get(principalsNegated ? "NotPrincipal" : "Principal");
        boolean resourceBased = kind == Kind.TRUST || kind == Kind.RESOURCE;
        if (!resourceBased && principal != null) {
            throw new MalformedPolicyException("Policy document should not specify a principal.");
        }
        if (kind == Kind.TRUST && (s.has("Resource") || s.has("NotResource"))) {
            throw new MalformedPolicyException("Has prohibited field Resource");
        }
        if (resourceBased && principal == null) {
            // (sic) IAM's words, with the name of its internal exception
            throw new MalformedPolicyException("Invalid principal in policy: com.amazon.balsa.error."
                    + "InvalidPolicyException: The passed in policy has a statement with no principals!");
        }
        boolean actionsNegated = s.has("NotAction");
        List<String> actions = strings(s.get(actionsNegated ? "NotAction" : "Action"));
        if (actions.isEmpty()) {
            throw new MalformedPolicyException("Policy statement must contain actions.");
        }
        boolean resourcesNegated = s.has("NotResource");
        List<String> resources = strings(s.get(resourcesNegated ? "NotResource" : "Resource"));
        for (String resource : resources) {
            checkResource(resource);
        }
        for (String action : actions) {
            checkAction(action);
        }
        if (resources.isEmpty() && kind != Kind.TRUST) {
            throw new MalformedPolicyException("Policy statement must contain resources.");
        }
        Principals principals = principal == null ? null : Principals.parse(principal);
        String invalid = principals == null ? null : principals.firstInvalid();
        if (invalid != null) {
            throw new MalformedPolicyException("Invalid principal in policy: " + invalid);
        }
        List<Condition> conditions = s.has("Condition") ? conditions(s.get("Condition")) : List.of();
        return new Statement(s.has("Sid") ? s.get("Sid").textValue() : null, s.get("Effect").textValue().equals("Allow"),
                actions, actionsNegated, resources, resourcesNegated, conditions, principals, principalsNegated);
    }

    /** A string or a list of strings; null gives an empty list. */
    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (node.isTextual()) {
            out.add(node.textValue());
            return out;
        }
        if (!node.isArray()) {
            throw MalformedPolicyException.syntax();
        }
        for (JsonNode e : node) {
            if (!e.isTextual()) {
                throw MalformedPolicyException.syntax();
            }
            out.add(e.textValue());
        }
        return out;
    }

    private static void checkAction(String action) {
        if (action.equals("*")) {
            return;
        }
        int colon = action.indexOf(':');
        if (colon < 0) {
            throw new MalformedPolicyException("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
        }
        if (action.indexOf(':', colon + 1) >= 0) {
            throw new MalformedPolicyException("Actions/Condition can contain only one colon.");
        }
        String vendor = action.substring(0, colon);
        if (!VENDOR.matcher(vendor).matches()) {
            throw new MalformedPolicyException("Vendor " + vendor + " is not valid");
        }
    }

    private static void checkResource(String resource) {
        if (resource.equals("*")) {
            return;
        }
        String[] parts = resource.split(":", 6);
        if (!resource.startsWith("arn:") || parts.length < 6) {
            throw new MalformedPolicyException("Resource " + resource + " must be in ARN format or \"*\".");
        }
        if (!parts[1].contains("*") && !parts[1].contains("?") && !PARTITIONS.contains(parts[1])) {
            throw new MalformedPolicyException("Partition \"" + parts[1] + "\" is not valid for resource \""
                    + resource + "\".");
        }
        if (parts[2].isEmpty() || parts[2].contains("*") || parts[2].contains("?")) {
            throw new MalformedPolicyException("Resource vendor must be fully qualified and cannot contain regexes.");
        }
    }

    private static List<Condition> conditions(JsonNode block) {
        if (!block.isObject()) {
            throw MalformedPolicyException.syntax();
        }
        List<Condition> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> ops = block.fields(); ops.hasNext(); ) {
            Map.Entry<String, JsonNode> op = ops.next();
            ConditionOperator parsed = ConditionOperator.parse(op.getKey());
            if (parsed == null || !op.getValue().isObject()) {
                throw MalformedPolicyException.syntax();
            }
            for (Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> key = keys.next();
                List<String> values = new ArrayList<>();
                JsonNode v = key.getValue();
                for (JsonNode e : v.isArray() ? v : List.of(v)) {
                    if (!e.isValueNode() || e.isNull()) {
                        throw MalformedPolicyException.syntax();
                    }
                    values.add(e.asText());
                }
                if (parsed.operator().startsWith("Date")) {
                    for (String value : values) {
                        if (ConditionMatcher.date(value) == null) {
                            throw new MalformedPolicyException("The policy failed legacy parsing");
                        }
                    }
                }
                out.add(new Condition(parsed.operator(), parsed.qualifier(), parsed.ifExists(),
                        key.getKey().toLowerCase(Locale.ROOT), List.copyOf(values)));
            }
        }
        return out;
    }

    /** An operator name split into its parts; {@link #parse} gives null for one IAM does not know. */
    record ConditionOperator(String operator, String qualifier, boolean ifExists) {
        static final Set<String> OPERATORS = Set.of("StringEquals", "StringNotEquals", "StringEqualsIgnoreCase",
                "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike", "NumericEquals", "NumericNotEquals",
                "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals",
                "DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan",
                "DateGreaterThanEquals", "Bool", "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals", "ArnLike",
                "ArnNotEquals", "ArnNotLike", "Null");

        static ConditionOperator parse(String name) {
            String qualifier = null;
            String rest = name;
            int colon = name.indexOf(':');
            if (colon >= 0) {
                qualifier = name.substring(0, colon);
                rest = name.substring(colon + 1);
                if (!qualifier.equals("ForAllValues") && !qualifier.equals("ForAnyValue")) {
                    return null;
                }
            }
            boolean ifExists = rest.endsWith("IfExists") && !rest.equals("IfExists");
            String operator = ifExists ? rest.substring(0, rest.length() - "IfExists".length()) : rest;
            if (!OPERATORS.contains(operator) || (ifExists && operator.equals("Null"))) {
                return null;
            }
            return new ConditionOperator(operator, qualifier, ifExists);
        }
    }
}
