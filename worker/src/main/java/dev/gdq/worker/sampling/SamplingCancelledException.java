package dev.gdq.worker.sampling;

/** A batch stopped between steps because its listener asked to. */
public final class SamplingCancelledException extends RuntimeException {

    private final int stepsDone;

    public SamplingCancelledException(int stepsDone) {
        super("sampling cancelled after " + stepsDone + " steps");
        this.stepsDone = stepsDone;
    }

    public int stepsDone() {
        return stepsDone;
    }
}
