package io.jynamo.core.auth;

/**
 * Who signed a request: a user of the account, through one of its access keys or through temporary credentials
 * issued to it.
 *
 * @param path the user's IAM path, "/" unless set
 */
public record Caller(String accountId, String userId, String userName, String path, String accessKeyId,
                     boolean temporary) {

    /** The user's ARN, as IAM and error messages name it. */
    public String arn() {
        return "arn:aws:iam::" + accountId + ":user" + path + userName;
    }
}
