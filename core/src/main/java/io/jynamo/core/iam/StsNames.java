package io.jynamo.core.iam;

import java.util.regex.Pattern;

/** STS's rules for the names AssumeRole takes (its API model's constraints), with its messages. */
public final class StsNames {
    private static final String SESSION_NAME = "[\\w+=,.@-]*";
    private static final String EXTERNAL_ID = "[\\w+=,.@:\\/-]*";
    private static final Pattern SESSION_NAME_PATTERN = Pattern.compile(SESSION_NAME);
    private static final Pattern EXTERNAL_ID_PATTERN = Pattern.compile(EXTERNAL_ID);

    private StsNames() {
    }

    /** A RoleSessionName: 2 to 64 characters of letters, digits and +=,.@_-. */
    public static void sessionName(String name) {
        check("roleSessionName", name, 2, 64, SESSION_NAME_PATTERN, SESSION_NAME);
    }

    /** An ExternalId: 2 to 1,224 characters of letters, digits and +=,.@:/_-. */
    public static void externalId(String id) {
        check("externalId", id, 2, 1224, EXTERNAL_ID_PATTERN, EXTERNAL_ID);
    }

    private static void check(String member, String value, int min, int max, Pattern pattern, String patternText) {
        String at = "1 validation error detected: Value '" + value + "' at '" + member + "' failed to satisfy "
                + "constraint: Member must ";
        if (value.length() < min) {
            throw IamException.validation(at + "have length greater than or equal to " + min);
        }
        if (value.length() > max) {
            throw IamException.validation(at + "have length less than or equal to " + max);
        }
        if (!pattern.matcher(value).matches()) {
            throw IamException.validation(at + "satisfy regular expression pattern: " + patternText);
        }
    }
}
