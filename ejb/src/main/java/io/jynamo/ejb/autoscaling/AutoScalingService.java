package io.jynamo.ejb.autoscaling;

import io.jynamo.core.autoscaling.AutoScalingRequests;
import io.jynamo.core.autoscaling.ScalableResource;
import io.jynamo.core.autoscaling.ScalableTarget;
import io.jynamo.core.autoscaling.ScalingActivity;
import io.jynamo.core.autoscaling.ScalingPolicy;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.ErrorType;
import io.jynamo.core.table.TableStatus;
import io.jynamo.ejb.config.ServiceIdentity;
import io.jynamo.ejb.storage.Catalog;
import io.jynamo.ejb.storage.TableEntity;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The Application Auto Scaling operations on DynamoDB targets. Registering a target whose capacity lies outside its
 * new bounds moves the capacity inside them, as the service does, and records the activity.
 */
@Stateless
public class AutoScalingService {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789";

    @Inject
    private ScalingCatalog scaling;

    @Inject
    private Catalog catalog;

    @Inject
    private ServiceIdentity identity;

    @Inject
    private CapacityScaler scaler;

    /** A page of a list and the token of the next, null when it is the last. */
    public record Page<T>(List<T> items, String nextToken) { }

    /** RegisterScalableTarget: registers the target, or changes the bounds, role and suspension of the one there. */
    public String register(AutoScalingRequests.Register r) {
        ScalableResource resource = r.resource();
        checkExists(resource);
        ScalableTarget existing = scaling.targetForUpdate(resource).orElse(null);
        ScalableTarget target;
        if (existing == null) {
            if (r.minCapacity() == null || r.maxCapacity() == null) {
                throw AutoScalingRequests.validation("MinCapacity and MaxCapacity must be specified when registering a new scalable "
                        + "target");
            }
            target = new ScalableTarget(resource, r.minCapacity(), r.maxCapacity(),
                    r.roleArn() != null ? r.roleArn() : "arn:aws:iam::" + identity.accountId() + ":role/"
                            + "aws-service-role/dynamodb.application-autoscaling.amazonaws.com/"
                            + "AWSServiceRoleForApplicationAutoScaling_DynamoDBTable",
                    new ScalableTarget.Suspension(Boolean.TRUE.equals(r.scalingInSuspended()),
                            Boolean.TRUE.equals(r.scalingOutSuspended()), Boolean.TRUE.equals(r.scheduledSuspended())),
                    Instant.now(), "arn:aws:application-autoscaling:" + identity.region() + ":"
                    + identity.accountId() + ":scalable-target/" + randomId());
            scaling.insertTarget(target, null);
        } else {
            if (r.tagged()) {
                throw AutoScalingRequests.validation("The scalable target that you tried to tag already exists. To update tags on an "
                        + "existing scalable target, use the TagResource API.");
            }
            int min = r.minCapacity() != null ? r.minCapacity() : existing.minCapacity();
            int max = r.maxCapacity() != null ? r.maxCapacity() : existing.maxCapacity();
            if (min > max) {
                throw AutoScalingRequests.validation("Minimum capacity cannot be greater than maximum capacity");
            }
            ScalableTarget.Suspension was = existing.suspended();
            target = new ScalableTarget(resource, min, max, r.roleArn() != null ? r.roleArn() : existing.roleArn(),
                    new ScalableTarget.Suspension(
                            r.scalingInSuspended() != null ? r.scalingInSuspended() : was.dynamicScalingIn(),
                            r.scalingOutSuspended() != null ? r.scalingOutSuspended() : was.dynamicScalingOut(),
                            r.scheduledSuspended() != null ? r.scheduledSuspended() : was.scheduledScaling()),
                    existing.creationTime(), existing.arn());
            scaling.updateTarget(target);
        }
        scaler.intoBounds(target, r.minCapacity(), r.maxCapacity());
        return target.arn();
    }

    /** DeregisterScalableTarget: the target and its policies go. */
    public void deregister(ScalableResource resource) {
        if (!scaling.deleteTarget(resource)) {
            throw resource.notRegistered();
        }
    }

    public Page<ScalableTarget> describeTargets(AutoScalingRequests.DescribeTargets r) {
        int offset = offset(r.nextToken());
        return page(scaling.targets(r.resourceIds(), r.dimension(), offset, r.maxResults() + 1), offset,
                r.maxResults());
    }

    /** PutScalingPolicy: adds a target-tracking policy to a registered target, or changes the one of that name. */
    public ScalingPolicy putPolicy(AutoScalingRequests.PutPolicy r) {
        ScalableResource resource = r.resource();
        scaling.targetForUpdate(resource).orElseThrow(resource::notRegistered);
        ScalingPolicy same = null;
        for (ScalingPolicy p : scaling.policies(resource)) {
            if (p.name().equals(r.policyName())) {
                same = p;
            } else if (p.configuration().metricType().equals(r.configuration().metricType())) {
                throw AutoScalingRequests.validation("Only one TargetTrackingScaling policy for a given metric specification is "
                        + "allowed.");
            }
        }
        String arn;
        String alarmId;
        Instant created;
        if (same != null) {
            arn = same.arn();
            alarmId = same.alarms().get(0).substring(same.alarms().get(0).length() - 36);
            created = same.creationTime();
        } else {
            arn = "arn:aws:autoscaling:" + identity.region() + ":" + identity.accountId() + ":scalingPolicy:"
                    + UUID.randomUUID() + ":resource/dynamodb/" + resource.resourceId() + ":policyName/"
                    + r.policyName();
            alarmId = UUID.randomUUID().toString();
            created = Instant.now();
        }
        ScalingPolicy policy = new ScalingPolicy(arn, r.policyName(), resource, r.configuration(),
                ScalingPolicy.alarmNames(resource, alarmId, r.configuration().disableScaleIn()), created);
        scaling.putPolicy(policy, alarmId);
        return policy;
    }

    public Page<ScalingPolicy> describePolicies(AutoScalingRequests.DescribePolicies r) {
        int offset = offset(r.nextToken());
        return page(scaling.policies(r.policyNames(), r.resourceId(), r.dimension(), offset, r.maxResults() + 1),
                offset, r.maxResults());
    }

    public void deletePolicy(AutoScalingRequests.DeletePolicy r) {
        if (!scaling.deletePolicy(r.resource(), r.policyName())) {
            throw new DynamoException(ErrorType.OBJECT_NOT_FOUND, "No scaling policy found for service namespace: "
                    + ScalableResource.NAMESPACE + ", resource ID: " + r.resource().resourceId()
                    + ", scalable dimension: " + r.resource().dimension() + ", policy name: " + r.policyName());
        }
    }

    public Page<ScalingActivity> describeActivities(AutoScalingRequests.DescribeActivities r) {
        int offset = offset(r.nextToken());
        return page(scaling.activities(r.resourceId(), r.dimension(), offset, r.maxResults() + 1), offset,
                r.maxResults());
    }

    /** The table (and global index) a target scales must exist, as the service checks on registration. */
    private void checkExists(ScalableResource r) {
        TableEntity t = catalog.find(r.tableName()).orElse(null);
        if (t == null || catalog.status(t) == TableStatus.DELETING) {
            throw AutoScalingRequests.validation("DynamoDB table does not exist: table/" + r.tableName());
        }
        if (r.indexName() != null) {
            boolean found = Catalog.indexes(t).stream().anyMatch(i -> i.global() && i.name().equals(r.indexName()));
            if (!found) {
                throw AutoScalingRequests.validation("DynamoDB global secondary index does not exist: " + r.resourceId());
            }
        }
    }

    /** A page of {@code limit} from rows fetched one beyond it (the extra one says there is a next page). */
    private static <T> Page<T> page(List<T> rows, int offset, int limit) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        return new Page<>(new ArrayList<>(rows.subList(0, limit)), token(offset + limit));
    }

    private static String token(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + offset)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Where the page a NextToken asks for starts; InvalidNextTokenException for one this service did not give. */
    private static int offset(String nextToken) {
        if (nextToken == null || nextToken.isEmpty()) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(nextToken), StandardCharsets.UTF_8);
            if (text.startsWith("offset:")) {
                int offset = Integer.parseInt(text.substring("offset:".length()));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the service's error
        }
        throw new DynamoException(ErrorType.INVALID_NEXT_TOKEN, "Invalid NextToken");
    }

    private static String randomId() {
        StringBuilder id = new StringBuilder(36);
        for (int i = 0; i < 36; i++) {
            id.append(ID_CHARACTERS.charAt(RANDOM.nextInt(ID_CHARACTERS.length())));
        }
        return id.toString();
    }
}
