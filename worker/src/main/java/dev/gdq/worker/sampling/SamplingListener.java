package dev.gdq.worker.sampling;

/** Called between steps, on the sampling thread. */
public interface SamplingListener {

    SamplingListener NONE = new SamplingListener() {
    };

    /** After step {@code stepsDone} of {@code steps}. */
    default void onStep(int stepsDone, int steps) {
    }

    /** Checked before each step; true stops the batch with {@link SamplingCancelledException}. */
    default boolean isCancelled() {
        return false;
    }
}
