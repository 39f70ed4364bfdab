package io.jynamo.ejb.transfer;

import io.jynamo.ejb.backup.LongTransactions;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * How the export and import jobs take a step: in a long transaction (a step lasts as long as the upload or download
 * of one object, which may outlast the server's five-minute default), its failure recorded before it is rethrown
 * (to {@code Steps}, which leaves the thing to the job's next run).
 */
final class TransferSteps {
    private TransferSteps() {
    }

    static <T> T run(LongTransactions transactions, Supplier<T> step, Consumer<String> failed) {
        try {
            return transactions.run(step);
        } catch (RuntimeException e) {
            failed.accept(String.valueOf(e.getMessage()));
            throw e;
        }
    }
}
