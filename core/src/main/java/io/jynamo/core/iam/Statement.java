package io.jynamo.core.iam;

import java.util.List;

/**
 * One statement of a policy: its effect, the actions (or all but some: {@code NotAction}) and resources (or all but
 * some: {@code NotResource}) it applies to, the principals it is about (in resource-based policies only), and the
 * conditions under which it does.
 *
 * @param actionsNegated    whether {@code actions} came from NotAction
 * @param resources         empty in a role's trust policy, whose resource is the role
 * @param resourcesNegated  whether {@code resources} came from NotResource
 * @param principals        whom a resource-based policy's statement is about; null in identity-based policies
 * @param principalsNegated whether {@code principals} came from NotPrincipal
 */
public record Statement(String sid, boolean allow, List<String> actions, boolean actionsNegated,
                        List<String> resources, boolean resourcesNegated, List<Condition> conditions,
                        Principals principals, boolean principalsNegated) {
}
