package io.jynamo.core.operation;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.iam.MalformedPolicyException;
import io.jynamo.core.iam.PolicyDocument;
import io.jynamo.core.iam.Statement;
import io.jynamo.core.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * DynamoDB's rules for the resource-based policy of a table or a stream (developer guide, "Using resource-based
 * policies for DynamoDB"), with the messages DynamoDB gives, and the form in which GetResourcePolicy reads a policy
 * back. The messages were recorded against DynamoDB; where a recording was cut short (the relative-id message) or
 * none exists (a statement without a Principal), the wording is Jynamo's, modelled on its neighbours.
 *
 * <p>Checked in this order: size (20 KB, white space included), JSON, a Statement, each statement's Resource and
 * Principal, unique Sids, principals' forms, grants to everyone (DynamoDB's block of public access), action names
 * valid for the kind of resource, resources of the other kind, then IAM's grammar.
 */
public final class ResourcePolicyRules {
    /** "The maximum size of a resource-based policy is 20 KB", white space counted. */
    public static final int MAX_BYTES = 20_480;

    private static final String INVALID = "Invalid policy document: ";
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    /**
     * The "trusted condition keys" with which DynamoDB's block of public access accepts a grant to everyone: fixed
     * values of these (no wildcards, no variables; aws:PrincipalIsAWSService true) make it non-public.
     */
    private static final Set<String> LIMITING_KEYS = Set.of("aws:principalaccount", "aws:principalarn",
            "aws:principalorgid", "aws:principalorgpaths", "aws:sourceaccount", "aws:sourcearn", "aws:sourcevpc",
            "aws:sourcevpce", "aws:userid", "aws:principalservicename", "aws:principalservicenameslist",
            "aws:principalisawsservice", "aws:ec2instancesourcevpc", "aws:sourceorgid", "aws:sourceorgpaths");
    /** Operators that restrict a key to the values given (negated ones, and IfExists, restrict nothing). */
    private static final Set<String> LIMITING_OPERATORS = Set.of("StringEquals", "StringEqualsIgnoreCase",
            "StringLike", "ArnEquals", "ArnLike", "Bool");

    /** The actions of DynamoDB Streams, the only ones a stream's policy may name and none a table's may. */
    private static final Set<String> STREAM_ACTIONS = Set.of("dynamodb:describestream", "dynamodb:getrecords",
            "dynamodb:getsharditerator");
    /** The resource-policy actions themselves, which both kinds of policy may name. */
    private static final Set<String> POLICY_ACTIONS = Set.of("dynamodb:getresourcepolicy",
            "dynamodb:putresourcepolicy", "dynamodb:deleteresourcepolicy");

    private ResourcePolicyRules() {
    }

    /** The kind of resource a policy is for. */
    public enum Target { TABLE, STREAM }

    /**
     * Checks a policy for a table or a stream; gives it parsed, or throws DynamoDB's ValidationException.
     * Principals of this account that do not exist are the caller's to find ({@link #invalidPrincipal}).
     */
    public static PolicyDocument check(String text, Target target) {
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw DynamoException.invalidParameter("Maximum policy size of " + MAX_BYTES + " bytes exceeded");
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            throw invalid("This policy contains invalid Json");
        }
        JsonNode statement = root.get("Statement");
        List<JsonNode> statements = new ArrayList<>();
        if (statement != null && statement.isArray()) {
            statement.forEach(statements::add);
        } else if (statement != null && statement.isObject()) {
            statements.add(statement);
        }
        if (statements.isEmpty()) {
            throw invalid("Could not parse the policy: Statement is empty!");
        }
        Set<String> sids = new HashSet<>();
        for (JsonNode s : statements) {
            if (!s.isObject()) {
                throw invalid("This policy contains invalid Json");
            }
            if (!s.has("Resource") && !s.has("NotResource")) {
                throw invalid("Missing required field Resource");
            }
            if (!s.has("Principal") && !s.has("NotPrincipal")) {
                throw invalid("Missing required field Principal");
            }
            if (s.has("Sid") && s.get("Sid").isTextual() && !sids.add(s.get("Sid").textValue())) {
                throw invalid("The Statement Ids in the policy are not unique");
            }
            JsonNode principal = s.has("Principal") ? s.get("Principal") : s.get("NotPrincipal");
            if (principal.isTextual() && !principal.textValue().equals("*")) {
                throw invalid("Syntax error at position " + position(text, principal.textValue()));
            }
        }
        PolicyDocument policy;
        try {
            policy = PolicyDocument.parse(withEffectsCapitalised(root), PolicyDocument.Kind.RESOURCE);
        } catch (MalformedPolicyException e) {
            if (e.getMessage().startsWith("Invalid principal in policy")) {
                throw invalidPrincipal();
            }
            throw invalid(e.getMessage());
        }
        for (Statement s : policy.statements()) {
            // an Allow with NotPrincipal grants everyone but a few
            if (s.allow() && (s.principalsNegated() || s.principals().everyone()) && !limited(s)) {
                throw DynamoException.validation("Resource-based policy grants unbounded access in one or more "
                        + "elements. Please revise the policy to ensure least-privilege form of access");
            }
        }
        checkActions(policy, target);
        checkResources(policy, target);
        return policy;
    }

    /** A principal of this account that does not exist, which the caller found the policy to name. */
    public static DynamoException invalidPrincipal() {
        return DynamoException.invalidParameter("Invalid principal in policy document.");
    }

    /**
     * The policy as DynamoDB keeps and returns it: without white space; Version first (2008-10-17 when absent), then
     * Id and Statement, always a list; in each statement Sid, Effect, Principal, Action, Resource, Condition in that
     * order; one-element lists of actions, resources, principals and condition values as single strings; accounts as
     * their root ARN and repeated principals once; effects capitalised.
     */
    public static String normalised(String text) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("a checked policy no longer parses", e);
        }
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode out = f.objectNode();
        out.put("Version", root.has("Version") ? root.get("Version").asText() : "2008-10-17");
        if (root.has("Id")) {
            out.set("Id", root.get("Id"));
        }
        ArrayNode statements = out.putArray("Statement");
        JsonNode given = root.get("Statement");
        for (JsonNode s : given.isArray() ? given : List.of(given)) {
            ObjectNode n = statements.addObject();
            copy(s, n, "Sid");
            n.put("Effect", capitalised(s.get("Effect").asText()));
            for (String key : new String[] {"Principal", "NotPrincipal"}) {
                if (s.has(key)) {
                    n.set(key, principal(s.get(key)));
                }
            }
            for (String key : new String[] {"Action", "NotAction", "Resource", "NotResource"}) {
                if (s.has(key)) {
                    n.set(key, single(s.get(key)));
                }
            }
            if (s.has("Condition")) {
                ObjectNode conditions = n.putObject("Condition");
                for (Iterator<Map.Entry<String, JsonNode>> ops = s.get("Condition").fields(); ops.hasNext(); ) {
                    Map.Entry<String, JsonNode> op = ops.next();
                    ObjectNode keys = conditions.putObject(op.getKey());
                    op.getValue().fields().forEachRemaining(k -> keys.set(k.getKey(), single(k.getValue())));
                }
            }
        }
        try {
            return Json.MAPPER.writeValueAsString(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode principal(JsonNode p) {
        if (p.isTextual()) {
            return p;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        p.fields().forEachRemaining(type -> {
            Set<String> values = new LinkedHashSet<>();
            for (JsonNode v : type.getValue().isArray() ? type.getValue() : List.of(type.getValue())) {
                String text = v.asText();
                values.add(type.getKey().equals("AWS") && ACCOUNT.matcher(text).matches()
                        ? "arn:aws:iam::" + text + ":root" : text);
            }
            out.set(type.getKey(), single(JsonNodeFactory.instance.arrayNode().addAll(
                    values.stream().map(JsonNodeFactory.instance::textNode).toList())));
        });
        return out;
    }

    private static JsonNode single(JsonNode node) {
        return node.isArray() && node.size() == 1 ? node.get(0) : node;
    }

    private static void copy(JsonNode from, ObjectNode to, String key) {
        if (from.has(key)) {
            to.set(key, from.get(key));
        }
    }

    private static String capitalised(String effect) {
        return effect.equalsIgnoreCase("allow") ? "Allow" : effect.equalsIgnoreCase("deny") ? "Deny" : effect;
    }

    /** The document with "allow"/"deny" in any case written as IAM wants them: DynamoDB accepts either. */
    private static String withEffectsCapitalised(JsonNode root) {
        JsonNode copy = root.deepCopy();
        JsonNode statement = copy.get("Statement");
        for (JsonNode s : statement.isArray() ? statement : List.of(statement)) {
            if (s.has("Effect") && s.get("Effect").isTextual()) {
                ((ObjectNode) s).put("Effect", capitalised(s.get("Effect").textValue()));
            }
        }
        return copy.toString();
    }

    /** Whether a grant to everyone is bound by a trusted condition key to fixed values. */
    private static boolean limited(Statement s) {
        return s.conditions().stream().anyMatch(c -> LIMITING_KEYS.contains(c.key()) && !c.ifExists()
                && LIMITING_OPERATORS.contains(c.operator()) && !"ForAllValues".equals(c.qualifier())
                && (!c.operator().equals("Bool") || c.key().equals("aws:principalisawsservice"))
                && c.values().stream().noneMatch(v -> v.contains("*") || v.contains("?") || v.contains("${")
                        || (c.operator().equals("Bool") && !v.equalsIgnoreCase("true"))));
    }

    private static void checkActions(PolicyDocument policy, Target target) {
        Set<String> wrong = new LinkedHashSet<>();
        for (Statement s : policy.statements()) {
            for (String action : s.actions()) {
                String lower = action.toLowerCase(Locale.ROOT);
                if (action.equals("*") || lower.equals("dynamodb:*")
                        || (lower.startsWith("dynamodb:") && (action.contains("*") || action.contains("?")))) {
                    continue;
                }
                boolean valid = lower.startsWith("dynamodb:") && (POLICY_ACTIONS.contains(lower)
                        || STREAM_ACTIONS.contains(lower) == (target == Target.STREAM));
                if (!valid) {
                    wrong.add("\"" + action + "\"");
                }
            }
        }
        if (!wrong.isEmpty()) {
            throw invalid("The following action names are invalid: " + String.join(", ", wrong));
        }
    }

    /** A table's policy may not name streams' ARNs, nor a stream's policy tables'. */
    private static void checkResources(PolicyDocument policy, Target target) {
        for (Statement s : policy.statements()) {
            for (String resource : s.resources()) {
                String[] parts = resource.split(":", 6);
                if (parts.length < 6 || !parts[2].equals("dynamodb") || parts[5].contains("*")) {
                    continue;
                }
                String relative = parts[5];
                boolean stream = relative.contains("/stream/");
                if (stream != (target == Target.STREAM)) {
                    throw invalid("The relative-id \"" + relative + "\" is invalid for ARN \"" + resource + "\"");
                }
            }
        }
    }

    /** Where in the text a bare principal string stands, as "(line,column)" of its opening quote. */
    private static String position(String text, String value) {
        try (JsonParser p = Json.MAPPER.getFactory().createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME && (p.currentName().equals("Principal")
                        || p.currentName().equals("NotPrincipal"))) {
                    if (p.nextToken() == JsonToken.VALUE_STRING && p.getText().equals(value)) {
                        JsonLocation at = p.currentTokenLocation();
                        return "(" + at.getLineNr() + "," + at.getColumnNr() + ")";
                    }
                }
            }
        } catch (IOException e) {
            // checked before: it parses
        }
        return "(1,1)";
    }

    private static DynamoException invalid(String detail) {
        return DynamoException.invalidParameter(INVALID + detail);
    }
}
