package io.jynamo.ejb.config;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The region and account Jynamo presents itself as, in ARNs. Set with the environment variables (or system
 * properties) JYNAMO_REGION / jynamo.region and JYNAMO_ACCOUNT_ID / jynamo.account-id.
 */
@ApplicationScoped
public class ServiceIdentity {
    private final String region = Settings.get("jynamo.region", "JYNAMO_REGION", "us-east-1");
    private final String accountId = Settings.get("jynamo.account-id", "JYNAMO_ACCOUNT_ID", "000000000000");

    public String region() {
        return region;
    }

    public String accountId() {
        return accountId;
    }

    public String tableArn(String tableName) {
        return "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + tableName;
    }
}
