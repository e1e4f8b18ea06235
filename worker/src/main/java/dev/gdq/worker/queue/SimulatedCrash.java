package dev.gdq.worker.queue;

/**
 * Thrown by a test's {@link FaultInjector}: the worker stops at once, committing nothing more. An {@link Error}, like the
 * process death it stands for, so no handler of ordinary failures turns it into a FAILED task.
 */
public final class SimulatedCrash extends Error {

    public SimulatedCrash(String where) {
        super("simulated crash " + where);
    }
}
