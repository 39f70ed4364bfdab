package io.jynamo.core.iam;

import java.util.regex.Pattern;

/** IAM's rules for names and paths, with its messages. */
public final class IamNames {
    private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]+");
    private static final Pattern PATH = Pattern.compile("(/)|(/[\\u0021-\\u007E]+/)");

    private IamNames() {
    }

    /** A user name (1 to 64 characters of letters, digits and +=,.@_-). */
    public static String user(String name) {
        return name("userName", name, 64);
    }

    /** A role's name (1 to 64 characters, as a user's). */
    public static String role(String name) {
        return name("roleName", name, 64);
    }

    /** A group's, or a policy's, name (1 to 128 characters). */
    public static String group(String name) {
        return name("groupName", name, 128);
    }

    public static String policy(String name) {
        return name("policyName", name, 128);
    }

    private static String name(String member, String name, int max) {
        if (name.length() > max) {
            throw IamException.validation("1 validation error detected: Value '" + name + "' at '" + member
                    + "' failed to satisfy constraint: Member must have length less than or equal to " + max);
        }
        if (!NAME.matcher(name).matches()) {
            throw IamException.validation("The specified value for " + member + " is invalid. It must contain only "
                    + "alphanumeric characters and/or the following: +=,.@_-");
        }
        return name;
    }

    /** A path: "/" or "/a/b/" (default "/"). */
    public static String path(String path) {
        if (path == null) {
            return "/";
        }
        if (path.length() > 512 || !PATH.matcher(path).matches()) {
            throw IamException.validation("The specified value for path is invalid. It must begin and end with / and "
                    + "contain only alphanumeric characters and/or / characters.");
        }
        return path;
    }
}
