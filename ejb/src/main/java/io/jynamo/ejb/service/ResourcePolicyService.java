package io.jynamo.ejb.service;

import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.ErrorType;
import io.jynamo.core.operation.ResourcePolicies;
import io.jynamo.core.operation.ResourcePolicyRules;
import io.jynamo.core.table.TableStatus;
import io.jynamo.ejb.config.Settings;
import io.jynamo.ejb.storage.Catalog;
import io.jynamo.ejb.storage.ResourcePolicySlot;
import io.jynamo.ejb.storage.StreamEntity;
import io.jynamo.ejb.storage.TableEntity;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * PutResourcePolicy, GetResourcePolicy and DeleteResourcePolicy on the policy slot of a table or of a stream (a
 * stream's policy outlives its table, as DynamoDB's does), with DynamoDB's rules as recorded against it: revisions
 * are the change's time in epoch milliseconds (strictly increasing), ExpectedRevisionId (or {@code NO_POLICY}) is
 * checked first, putting the same document again changes nothing, a change within 15 seconds of the last one is
 * throttled ("Resource-based policy for table T modified within the previous 15000 milliseconds"; documented among
 * the considerations of resource-based policies; {@code JYNAMO_RESOURCE_POLICY_CHANGE_INTERVAL_MILLIS}), and a table
 * being deleted cannot change. Deleting no policy answers the revision of the last deletion, if any.
 */
@Stateless
public class ResourcePolicyService {
    private static final String NOT_FOUND = "Resource-based policy not found for the provided ResourceArn: ";
    private static final DateTimeFormatter RETRY_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    private final Duration changeInterval = Settings.millis("jynamo.resource-policy.change-interval-millis",
            "JYNAMO_RESOURCE_POLICY_CHANGE_INTERVAL_MILLIS", Duration.ofSeconds(15));

    @Inject
    private Catalog catalog;

    /** A stored policy and its revision. */
    public record Stored(String policy, String revisionId) { }

    /** The policy slot of a table or a stream, and how DynamoDB's messages name it. */
    private record Slot(String kind, String name, ResourcePolicySlot columns) {
        String policy() {
            return columns.policy();
        }

        String revision() {
            return columns.revision();
        }
    }

    /**
     * PutResourcePolicy with a policy already checked ({@link ResourcePolicyRules#check}) and allowed.
     *
     * @return the policy's revision
     */
    public String put(ResourcePolicies.Put r) {
        Slot slot = slotForChange(r.target());
        String normalised = ResourcePolicyRules.normalised(r.policy());
        checkExpected(slot, r.expectedRevisionId());
        if (normalised.equals(slot.policy())) {
            return slot.revision();
        }
        return change(slot, normalised);
    }

    /** DeleteResourcePolicy: the revision of the deletion (or of the last one, when there is no policy; or none). */
    public String delete(ResourcePolicies.Delete r) {
        Slot slot = slotForChange(r.target());
        checkExpected(slot, r.expectedRevisionId());
        if (slot.policy() == null) {
            return slot.revision();
        }
        return change(slot, null);
    }

    public Stored get(ResourcePolicies.Target target) {
        Stored stored = stored(target);
        if (stored == null) {
            throw new DynamoException(ErrorType.POLICY_NOT_FOUND, NOT_FOUND + target.arn());
        }
        return stored;
    }

    /**
     * The policy of a table or a stream as it stands, or null when it has none (or does not exist): what the
     * authorizer weighs.
     */
    public Stored stored(ResourcePolicies.Target target) {
        if (target.isStream()) {
            StreamEntity s = catalog.stream(target.tableName(), target.streamLabel()).orElseThrow(() ->
                    streamNotFound(target));
            return stored(s.getResourcePolicy());
        }
        TableEntity t = catalog.find(target.tableName()).orElseThrow(() ->
                DynamoException.tableNotFound(target.tableName()));
        return stored(t.getResourcePolicy());
    }

    private static Stored stored(ResourcePolicySlot slot) {
        return slot.policy() == null ? null : new Stored(slot.policy(), slot.revision());
    }

    private Slot slotForChange(ResourcePolicies.Target target) {
        if (target.isStream()) {
            StreamEntity s = catalog.streamForUpdate(target.tableName(), target.streamLabel())
                    .orElseThrow(() -> streamNotFound(target));
            return new Slot("stream", s.getLabel(), s.getResourcePolicy());
        }
        TableEntity t = catalog.findForUpdate(target.tableName())
                .orElseThrow(() -> DynamoException.tableNotFound(target.tableName()));
        if (catalog.status(t) == TableStatus.DELETING) {
            throw new DynamoException(ErrorType.RESOURCE_IN_USE, "Attempt to change a resource which is still in "
                    + "use: Table is being deleted: " + t.getName());
        }
        return new Slot("table", t.getName(), t.getResourcePolicy());
    }

    private static void checkExpected(Slot slot, String expected) {
        if (expected == null) {
            return;
        }
        if (expected.equals(ResourcePolicies.NO_POLICY)) {
            if (slot.policy() != null) {
                throw new DynamoException(ErrorType.POLICY_NOT_FOUND, NOT_FOUND + "Requested policy update expecting "
                        + "none to be present for " + slot.kind() + " " + slot.name() + ", but a policy exists with "
                        + "revision id " + slot.revision() + ".");
            }
            return;
        }
        if (slot.policy() == null) {
            throw new DynamoException(ErrorType.POLICY_NOT_FOUND, NOT_FOUND + "Requested update for policy with "
                    + "revision id " + expected + ", but " + slot.kind() + " " + slot.name()
                    + " has no associated policy.");
        }
        if (!expected.equals(slot.revision())) {
            throw new DynamoException(ErrorType.POLICY_NOT_FOUND, NOT_FOUND + "Requested update for policy with "
                    + "revision id " + expected + ", but the policy associated to target " + slot.kind() + " "
                    + slot.name() + " has revision id " + slot.revision() + ".");
        }
    }

    private String change(Slot slot, String policy) {
        long now = Instant.now().toEpochMilli();
        long last = slot.revision() == null ? Long.MIN_VALUE : Long.parseLong(slot.revision());
        if (slot.revision() != null && now < last + changeInterval.toMillis()) {
            throw new DynamoException(ErrorType.THROTTLING, "Resource-based policy for " + slot.kind() + " "
                    + slot.name() + " modified within the previous " + changeInterval.toMillis() + " milliseconds. "
                    + "Please try again after " + RETRY_AT.format(Instant.ofEpochMilli(last).plus(changeInterval))
                    + ".");
        }
        String revision = Long.toString(Math.max(now, last + 1));
        slot.columns().set(policy, revision);
        return revision;
    }

    private static DynamoException streamNotFound(ResourcePolicies.Target target) {
        return new DynamoException(ErrorType.RESOURCE_NOT_FOUND, "Requested resource not found: Stream: "
                + target.streamLabel() + " not found for Table: " + target.tableName());
    }
}
