package io.jynamo.core.iam;

import java.util.List;

/**
 * One key of a Condition block: {@code "<qualifier>:<operator><IfExists>": {"<key>": [values]}}.
 *
 * @param operator  the operator without qualifier or IfExists (StringEquals, NumericLessThan, Null, ...)
 * @param qualifier ForAllValues or ForAnyValue; null for none
 * @param ifExists  whether an absent key satisfies the condition
 * @param key       the condition key, lower-cased (keys are case-insensitive)
 */
public record Condition(String operator, String qualifier, boolean ifExists, String key, List<String> values) {
}
