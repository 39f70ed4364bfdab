package io.jynamo.core.iam;

import java.util.List;

/**
 * One statement of a policy: its effect, the actions (or all but some: {@code NotAction}) and resources (or all but
 * some: {@code NotResource}) it applies to, and the conditions under which it does.
 *
 * @param actionsNegated   whether {@code actions} came from NotAction
 * @param resourcesNegated whether {@code resources} came from NotResource
 */
public record Statement(String sid, boolean allow, List<String> actions, boolean actionsNegated,
                        List<String> resources, boolean resourcesNegated, List<Condition> conditions) {
}
