package dev.gdq.scheduler.guidance;

/**
 * The two guidance terms a schedule can drive, each with its neutral scale: the scale at which that guidance is
 * off, used outside an interval schedule's window and when the request has no such guidance.
 */
public enum GuidanceKind {

    /** Classifier-free guidance (Ho &amp; Salimans 2022): neutral s = 1, plain conditional sampling. */
    CLASSIFIER_FREE(1.0),
    /** Classifier guidance (Dhariwal &amp; Nichol 2021, Section 4): neutral s_c = 0, no classifier gradient. */
    CLASSIFIER(0.0);

    private final double neutralScale;

    GuidanceKind(double neutralScale) {
        this.neutralScale = neutralScale;
    }

    /** The scale at which this guidance has no effect. */
    public double neutralScale() {
        return neutralScale;
    }
}
