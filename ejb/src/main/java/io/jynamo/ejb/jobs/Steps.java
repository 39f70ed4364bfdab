package io.jynamo.ejb.jobs;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Work a job does in steps, each its own transaction, for each of several things (an index to fill, a table to
 * restore): the steps of one thing until it is done, then its final step, then the next thing. A job stopped meanwhile
 * leaves the rest to its next run, which goes on from the last committed step.
 */
public final class Steps {
    private static final Logger LOG = Logger.getLogger(Steps.class.getName());

    private Steps() {
    }

    /** What a step left: more steps to take, nothing (the thing is done), or nothing until another job's work is. */
    public enum Outcome { MORE, DONE, WAITING }

    /** How many things were finished, in how many steps. */
    public record Done(int finished, long steps) { }

    /**
     * Takes the steps of each thing in turn.
     *
     * @param step   one step of the thing with this id
     * @param finish what is done once a thing's steps are (in a transaction of its own)
     */
    public static Done run(List<Long> ids, BooleanSupplier stopping, LongFunction<Outcome> step, LongConsumer finish) {
        int finished = 0;
        long steps = 0;
        for (long id : ids) {
            try {
                Outcome outcome = Outcome.MORE;
                while (outcome == Outcome.MORE && !stopping.getAsBoolean()) {
                    outcome = step.apply(id);
                    steps++;
                }
                if (outcome == Outcome.DONE) {
                    finish.accept(id);
                    finished++;
                }
            } catch (RuntimeException e) {
                // the others go on; this one goes on from its last committed step on the next run
                LOG.log(Level.WARNING, "a step of " + id + " failed", e);
            }
        }
        return new Done(finished, steps);
    }
}
