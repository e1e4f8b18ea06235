package dev.gdq.scheduler.sampler;

import dev.gdq.scheduler.noise.NoiseSchedule;
import dev.gdq.scheduler.noise.TimestepSpacing;
import java.util.ArrayList;
import java.util.List;

/**
 * Where step {@code index} of a run starts and ends on the noise schedule: abar at its timestep and at the next
 * chosen timestep, 1 after the last (Nichol &amp; Dhariwal 2021, Section 4; GUIDANCE.md "timestep spacing").
 */
record StepPoint(int index, int timestep, double alphaBar, double alphaBarNext, boolean first, boolean last) {

    static List<StepPoint> of(NoiseSchedule schedule, TimestepSpacing spacing, int steps) {
        int[] timesteps = spacing.timesteps(schedule.trainTimesteps(), steps);
        List<StepPoint> points = new ArrayList<>(steps);
        for (int i = 0; i < steps; i++) {
            boolean last = i == steps - 1;
            double next = last ? 1.0 : schedule.alphaBar(timesteps[i + 1]);
            points.add(new StepPoint(i, timesteps[i], schedule.alphaBar(timesteps[i]), next, i == 0, last));
        }
        return points;
    }

    double sigma() {
        return NoiseSchedule.sigmaOf(alphaBar);
    }

    double sigmaNext() {
        return NoiseSchedule.sigmaOf(alphaBarNext);
    }

    /** The step record with these coordinates and the given input scale and weights. */
    SamplerStep step(double inputScale, double cX, double cEps, double cX0, double cX0Prev, double cNoise) {
        return new SamplerStep(index, timestep, alphaBar, alphaBarNext, sigma(), sigmaNext(), inputScale,
                Math.sqrt(alphaBar), Math.sqrt(1.0 - alphaBar), cX, cEps, cX0, cX0Prev, cNoise);
    }
}
