package io.jynamo.it;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

/** Users made through IAM by the administrator, for tests that need callers with policies of their own. */
final class Users {
    private Users() {
    }

    /** A new user (unique name from {@code prefix}) with an inline policy, and a key of its own. */
    static AwsCredentials withPolicy(IamClient iam, String prefix, String policy) {
        String name = Tables.uniqueName(prefix);
        iam.createUser(b -> b.userName(name));
        if (policy != null) {
            iam.putUserPolicy(b -> b.userName(name).policyName("test").policyDocument(policy));
        }
        AccessKey key = iam.createAccessKey(b -> b.userName(name)).accessKey();
        return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
    }

    /** The name of the user a key belongs to, as made by {@link #withPolicy}. */
    static String nameOf(IamClient iam, AwsCredentials credentials) {
        return iam.getAccessKeyLastUsed(b -> b.accessKeyId(credentials.accessKeyId())).userName();
    }

    /** A policy document of one statement. */
    static String allow(String actions, String resources) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":" + actions
                + ",\"Resource\":" + resources + "}]}";
    }
}
