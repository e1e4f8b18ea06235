package dev.gdq.worker.sampling;

/**
 * Standard normal noise as a pure function of (job seed, image index, draw, element): a counter-based
 * generator (Salmon et al. 2011, "Parallel random numbers: as easy as 1, 2, 3") built from the SplitMix64
 * finaliser (Steele et al. 2014) and the Box-Muller transform. Nothing is carried between calls, so an image
 * gets the same noise whatever batch it runs in, on whichever worker, however often it is redelivered.
 *
 * <p>Draw 0 is the initial noise x_T; draw {@code i + 1} is the noise a stochastic sampler adds at step i.
 * Values are computed on the host in double precision and rounded to float, so they do not depend on the
 * device or the engine.
 */
public final class CounterNoise {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final double TWO_PI = 2 * Math.PI;
    private static final double TWO_POW_MINUS_53 = 0x1.0p-53;

    private CounterNoise() {
    }

    /** Fills {@code out} with N(0, 1) values of image {@code imageIndex} of the job, for one draw. */
    public static void fill(long seed, long imageIndex, int draw, float[] out, int offset, int length) {
        long stream = mix(seed + GOLDEN_GAMMA);
        stream = mix(stream ^ mix(imageIndex * GOLDEN_GAMMA + 1));
        stream = mix(stream ^ mix(draw * GOLDEN_GAMMA + 2));
        for (int j = 0; j < length; j += 2) {
            long counter = j >>> 1;
            double u1 = uniformOpen(mix(stream + counter * 2 * GOLDEN_GAMMA));
            double u2 = uniformOpen(mix(stream + (counter * 2 + 1) * GOLDEN_GAMMA));
            double radius = Math.sqrt(-2.0 * Math.log(u1));
            out[offset + j] = (float) (radius * Math.cos(TWO_PI * u2));
            if (j + 1 < length) {
                out[offset + j + 1] = (float) (radius * Math.sin(TWO_PI * u2));
            }
        }
    }

    public static float[] draw(long seed, long imageIndex, int draw, int length) {
        float[] out = new float[length];
        fill(seed, imageIndex, draw, out, 0, length);
        return out;
    }

    /** SplitMix64's output function (variant 13 of Stafford's mixers). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A double in (0, 1]: never 0, so log(u) is finite. */
    private static double uniformOpen(long bits) {
        return ((bits >>> 11) + 1) * TWO_POW_MINUS_53;
    }
}
