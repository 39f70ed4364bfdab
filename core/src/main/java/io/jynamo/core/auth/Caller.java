package io.jynamo.core.auth;

import io.jynamo.core.iam.PolicyDocument;

import java.util.List;

/**
 * Who signed a request: a user of the account (through one of its access keys, or temporary credentials issued to
 * it by GetSessionToken), or a session of a role (temporary credentials from AssumeRole).
 *
 * @param id            the user's id (AIDA…) or the role's (AROA…)
 * @param name          the user's or the role's name
 * @param path          the user's or role's IAM path, "/" unless set
 * @param sessionName   the RoleSessionName of a role session; null for users
 * @param sessionPolicies the session policies given to AssumeRole (inline and managed), which together bound what the
 *                        session may do; null when none were given
 * @param chained       whether a role session was assumed with another role session's credentials (role chaining)
 */
public record Caller(String accountId, Kind kind, String id, String name, String path, String accessKeyId,
                     boolean temporary, String sessionName, List<PolicyDocument> sessionPolicies,
                     boolean chained) {

    /** The two kinds of principal that sign requests. */
    public enum Kind { USER, ROLE_SESSION }

    public static Caller user(String accountId, String userId, String userName, String path, String accessKeyId,
                              boolean temporary) {
        return new Caller(accountId, Kind.USER, userId, userName, path, accessKeyId, temporary, null, null, false);
    }

    public static Caller roleSession(String accountId, String roleId, String roleName, String rolePath,
                                     String accessKeyId, String sessionName,
                                     List<PolicyDocument> sessionPolicies, boolean chained) {
        return new Caller(accountId, Kind.ROLE_SESSION, roleId, roleName, rolePath, accessKeyId, true, sessionName,
                sessionPolicies == null ? null : List.copyOf(sessionPolicies), chained);
    }

    public boolean isUser() {
        return kind == Kind.USER;
    }

    /**
     * The caller's ARN as IAM, STS and error messages name it: the user's, or the session's
     * ({@code arn:aws:sts::<account>:assumed-role/<role>/<session>}, without the role's path, as STS writes it).
     */
    public String arn() {
        return isUser() ? "arn:aws:iam::" + accountId + ":user" + path + name
                : "arn:aws:sts::" + accountId + ":assumed-role/" + name + "/" + sessionName;
    }

    /** {@code aws:PrincipalArn}: the user's ARN, or for a session its role's (with its path). */
    public String principalArn() {
        return isUser() ? arn() : roleArn();
    }

    /** The ARN of a session's role. */
    public String roleArn() {
        return "arn:aws:iam::" + accountId + ":role" + path + name;
    }

    /** {@code aws:userid}: the user's id, or for a session {@code <role id>:<session name>}. */
    public String userId() {
        return isUser() ? id : id + ":" + sessionName;
    }

    /** {@code aws:username}: the user's name; null for a role session, which has none. */
    public String userName() {
        return isUser() ? name : null;
    }
}
