package dev.gdq.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;

/**
 * Runs the noise model on at most {@code maxRows} rows per forward pass, in chunks of equal size, and joins the
 * results. On a CPU, a forward pass over many rows costs more per row than one over a few (its activations outgrow
 * the caches and the allocator returns and faults in fresh pages every pass; see BENCHMARKS.md, "forward cost per
 * row"), so a guided step with its unconditional rows would otherwise cost more than the rows it adds. Rows are independent
 * in the network (GroupNorm, no batch statistics), so the result is the same.
 */
public final class RowChunkedNoisePredictor implements NoisePredictor {

    private final NoisePredictor network;
    private final int maxRows;

    public RowChunkedNoisePredictor(NoisePredictor network, int maxRows) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1, got " + maxRows);
        }
        this.network = network;
        this.maxRows = maxRows;
    }

    @Override
    public NDArray predictNoise(NDArray x, NDArray t, NDArray y) {
        long rows = x.getShape().get(0);
        if (rows <= maxRows) {
            return network.predictNoise(x, t, y);
        }
        // equal chunks: 80 rows as 40 + 40, not 64 + 16 (a pass of few rows costs more per row again)
        long chunks = (rows + maxRows - 1) / maxRows;
        long size = (rows + chunks - 1) / chunks;
        NDList parts = new NDList();
        for (long from = 0; from < rows; from += size) {
            NDIndex slice = new NDIndex("{}:{}", from, Math.min(rows, from + size));
            parts.add(network.predictNoise(x.get(slice), t.get(slice), y.get(slice)));
        }
        return NDArrays.concat(parts, 0);
    }
}
