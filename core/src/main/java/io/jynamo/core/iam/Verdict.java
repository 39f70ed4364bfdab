package io.jynamo.core.iam;

/**
 * The decision on a request and the kind of policy that decided it, which AccessDenied messages name: "… with an
 * explicit deny in a resource-based policy", "… because no session policy allows the … action".
 *
 * @param by for a denial, the kind of policy that denied (explicitly) or failed to allow it; null for ALLOW
 */
public record Verdict(Decision decision, PolicyKind by) {
    public static final Verdict ALLOWED = new Verdict(Decision.ALLOW, null);

    /** The kinds of policy, in the words of AWS's AccessDenied messages. */
    public enum PolicyKind {
        IDENTITY("identity-based"), RESOURCE("resource-based"), SESSION("session");

        private final String words;

        PolicyKind(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    public boolean allowed() {
        return decision == Decision.ALLOW;
    }
}
