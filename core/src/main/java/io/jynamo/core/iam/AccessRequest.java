package io.jynamo.core.iam;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a policy is asked about: one action on one resource, with the condition keys of the request (global ones
 * such as {@code aws:username} and {@code aws:SourceIp}, and the service's, such as {@code dynamodb:LeadingKeys}).
 *
 * @param resource the resource's ARN, or {@code *} for actions on none (ListTables)
 * @param keys     condition keys, lower-cased, to their values; absent keys are not in the map
 * @param multiValued the keys whose values are a set (dynamodb:Attributes, dynamodb:LeadingKeys)
 */
public record AccessRequest(String action, String resource, Map<String, List<String>> keys, Set<String> multiValued) {

    /** The values of a condition key; null when the request does not have it. */
    public List<String> values(String lowerCaseKey) {
        return keys.get(lowerCaseKey);
    }

    /** The one value of a single-valued key, for policy variables; null when absent or multi-valued. */
    public String single(String lowerCaseKey) {
        List<String> v = keys.get(lowerCaseKey);
        return v == null || v.size() != 1 || multiValued.contains(lowerCaseKey) ? null : v.get(0);
    }
}
