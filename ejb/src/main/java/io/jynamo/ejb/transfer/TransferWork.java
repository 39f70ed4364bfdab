package io.jynamo.ejb.transfer;

import io.jynamo.ejb.jobs.Steps;

import java.util.List;

/**
 * What the table-export and table-import jobs do with each export or import in progress: its steps, its final step,
 * and the record of a step that failed ({@link TransferSteps}).
 */
public interface TransferWork {
    /** The exports or imports with steps to take. */
    List<Long> pending();

    Steps.Outcome step(long id);

    void finish(long id);

    void failed(long id, String message);
}
