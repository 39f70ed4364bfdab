package io.jynamo.ejb.transfer;

import io.jynamo.ejb.backup.LongTransactions;
import io.jynamo.ejb.jobs.Steps;

import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;

/**
 * How the export and import jobs take their steps: each in a long transaction (a step lasts as long as the upload or
 * download of one object, which may outlast the server's five-minute default), its failure recorded before it is
 * rethrown (to {@link Steps}, which leaves the thing to the job's next run).
 */
final class TransferSteps {
    private TransferSteps() {
    }

    static Steps.Done run(BooleanSupplier stopping, LongTransactions transactions, TransferWork work) {
        LongFunction<Steps.Outcome> step = id -> attempt(transactions, work, id, () -> work.step(id));
        LongConsumer finish = id -> attempt(transactions, work, id, () -> {
            work.finish(id);
            return null;
        });
        return Steps.run(work.pending(), stopping, step, finish);
    }

    private static <T> T attempt(LongTransactions transactions, TransferWork work, long id,
                                 java.util.function.Supplier<T> step) {
        try {
            return transactions.run(step);
        } catch (RuntimeException e) {
            work.failed(id, String.valueOf(e.getMessage()));
            throw e;
        }
    }
}
