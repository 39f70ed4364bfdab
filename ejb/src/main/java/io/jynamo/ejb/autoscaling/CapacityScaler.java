package io.jynamo.ejb.autoscaling;

import io.jynamo.core.autoscaling.ScalableResource;
import io.jynamo.core.autoscaling.ScalableTarget;
import io.jynamo.core.autoscaling.ScalingActivity;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.table.ProvisionedThroughput;
import io.jynamo.ejb.service.TableService;
import io.jynamo.ejb.storage.Catalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.UUID;

/**
 * Changes a target's capacity and records the scaling activity, successful or failed, as Application Auto Scaling
 * reports them ("Setting read capacity units to 10.", "Successfully set read capacity units to 10. Change successfully
 * fulfilled by dynamodb.").
 */
@ApplicationScoped
public class CapacityScaler {
    @Inject
    private TableService tables;

    @Inject
    private Catalog catalog;

    @Inject
    private ScalingCatalog scaling;

    /** The target's provisioned capacity now; null when its table or index is gone or the table is on demand. */
    public Long current(ScalableResource r) {
        ProvisionedThroughput p = catalog.find(r.tableName()).map(t -> Catalog.provisioned(t, r.indexName()))
                .orElse(null);
        return p == null ? null : r.write() ? p.writeCapacityUnits() : p.readCapacityUnits();
    }

    /**
     * After a registration: capacity outside the target's bounds is moved inside, the cause naming the bound given
     * ("minimum capacity was set to 5").
     */
    void intoBounds(ScalableTarget t, Integer minGiven, Integer maxGiven) {
        Long current = current(t.resource());
        if (current == null) {
            return;
        }
        if (current < t.minCapacity()) {
            scale(t.resource(), t.minCapacity(), "bounds", "minimum capacity was set to " + t.minCapacity());
        } else if (current > t.maxCapacity()) {
            scale(t.resource(), t.maxCapacity(), "bounds", "maximum capacity was set to " + t.maxCapacity());
        }
    }

    /**
     * Sets the capacity and records the activity.
     *
     * @param direction "out", "in" or "bounds"
     * @return whether the capacity was set
     */
    public boolean scale(ScalableResource r, long units, String direction, String cause) {
        Instant start = Instant.now();
        String kind = r.kind() + " capacity units to " + units;
        String status;
        String message;
        try {
            tables.setCapacity(r.tableName(), r.indexName(), r.write(), units);
            status = "Successful";
            message = "Successfully set " + kind + ". Change successfully fulfilled by dynamodb.";
        } catch (DynamoException e) {
            status = "Failed";
            message = "Failed to set " + kind + ". Reason: " + e.getMessage();
        }
        scaling.addActivity(new ScalingActivity(UUID.randomUUID().toString(), r, "Setting " + kind + ".", cause,
                start, Instant.now(), status, message), direction);
        return status.equals("Successful");
    }
}
