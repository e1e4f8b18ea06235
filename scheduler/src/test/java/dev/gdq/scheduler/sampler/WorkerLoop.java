package dev.gdq.scheduler.sampler;

import java.util.ArrayList;
import java.util.List;

/**
 * The worker loop contract of {@link SamplerPlan}, on plain double vectors: what the worker does with NDArrays.
 * Written from the contract, not from the samplers, so tests can drive every sampler with known eps functions.
 */
final class WorkerLoop {

    /** A model: eps at model input u and step s. */
    interface Denoiser {
        double[] eps(double[] u, SamplerStep s);
    }

    /** Standard normal noise of step i. */
    interface Noise {
        double[] at(int step);
    }

    /** The state after every step; the last is the sample. */
    static List<double[]> trajectory(SamplerPlan plan, double[] initialNoise, Denoiser model, Noise noise) {
        int d = initialNoise.length;
        double[] x = scale(plan.initialNoiseScale(), initialNoise);
        double[] x0Prev = new double[d];
        List<double[]> states = new ArrayList<>();
        for (SamplerStep s : plan.steps()) {
            double[] u = scale(s.inputScale(), x);
            double[] eps = model.eps(u, s);
            double[] x0 = new double[d];
            for (int k = 0; k < d; k++) {
                x0[k] = (u[k] - s.sqrtOneMinusAlphaBar() * eps[k]) / s.sqrtAlphaBar();
            }
            double[] z = s.cNoise() != 0.0 ? noise.at(s.index()) : new double[d];
            double[] next = new double[d];
            for (int k = 0; k < d; k++) {
                next[k] = s.cX() * x[k] + s.cEps() * eps[k] + s.cX0() * x0[k] + s.cX0Prev() * x0Prev[k]
                        + s.cNoise() * z[k];
            }
            x = next;
            x0Prev = x0;
            states.add(x.clone());
        }
        return states;
    }

    static double[] sample(SamplerPlan plan, double[] initialNoise, Denoiser model, Noise noise) {
        List<double[]> states = trajectory(plan, initialNoise, model, noise);
        return states.get(states.size() - 1);
    }

    private static double[] scale(double factor, double[] v) {
        double[] out = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            out[k] = factor * v[k];
        }
        return out;
    }

    private WorkerLoop() {
    }
}
