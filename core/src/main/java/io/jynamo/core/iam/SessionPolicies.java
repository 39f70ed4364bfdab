package io.jynamo.core.iam;

/**
 * The inline session policy of AssumeRole (its {@code Policy}): an inline policy's grammar, within STS's limit on its
 * plain text, and the share of that limit it takes (PackedPolicySize, in per cent).
 */
public final class SessionPolicies {
    /** "The plaintext that you use for both inline and managed session policies can't exceed 2,048 characters." */
    public static final int MAX_CHARACTERS = 2048;

    private SessionPolicies() {
    }

    /** The policy parsed, or STS's MalformedPolicyDocument or PackedPolicyTooLarge. */
    public static PolicyDocument check(String document) {
        PolicyDocument policy;
        try {
            policy = PolicyDocument.parse(document, PolicyDocument.Kind.INLINE);
        } catch (MalformedPolicyException e) {
            throw IamException.malformedPolicy(e.getMessage());
        }
        if (document.length() > MAX_CHARACTERS) {
            throw new IamException("PackedPolicyTooLarge", 400, "Packed size of the session policy exceeds the "
                    + "limit of " + MAX_CHARACTERS + " characters.");
        }
        return policy;
    }

    public static int packedSize(String document) {
        return (int) Math.ceil(document.replaceAll("\\s", "").length() * 100.0 / MAX_CHARACTERS);
    }
}
