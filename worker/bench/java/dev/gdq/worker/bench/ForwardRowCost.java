package dev.gdq.worker.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.gdq.worker.model.NoisePredictor;
import dev.gdq.worker.model.RowChunkedNoisePredictor;
import dev.gdq.worker.model.ServedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Cost per row of one noise-model forward pass against the number of rows, whole and split into chunks of at most
 * {@code chunk} rows. If the cost per row grows with the rows, a guided step (2B rows) costs more than twice an
 * unguided one (B rows). Every (rows, variant) pair runs once per round in an order rotated every round; the
 * report is the median milliseconds per row and each variant's ratio to the smallest row count.
 *
 * <p>Arguments: {@code rows=16,32,64,80,128,160}, {@code chunk=64}, {@code passes=20} (forward passes per
 * measurement), {@code rounds=7}.
 */
public final class ForwardRowCost {

    private ForwardRowCost() {
    }

    private record Variant(String name, int rows, NoisePredictor predictor) {
    }

    public static void main(String[] args) {
        Options options = Options.parse(args, Set.of("rows", "chunk", "passes", "rounds"));
        BenchSupport.printMachine("ForwardRowCost", args);
        int chunk = options.intValue("chunk", 64);
        int passes = options.intValue("passes", 20);
        int rounds = options.intValue("rounds", 7);
        ServedModel model = BenchSupport.model();
        NoisePredictor whole = model.noiseModel();
        NoisePredictor chunked = new RowChunkedNoisePredictor(whole, chunk);
        List<Variant> variants = new ArrayList<>();
        for (String r : options.list("rows", "16,32,64,80,128,160")) {
            int rows = Integer.parseInt(r);
            variants.add(new Variant("whole " + rows, rows, whole));
            if (rows > chunk) {
                variants.add(new Variant("chunked " + rows, rows, chunked));
            }
        }
        long[] image = model.imageShape();
        List<List<Double>> msPerRow = new ArrayList<>();
        variants.forEach(v -> msPerRow.add(new ArrayList<>()));
        for (int r = -1; r < rounds; r++) {
            for (int k : BenchSupport.interleavedOrder(variants.size(), Math.max(r, 0))) {
                Variant v = variants.get(k);
                double seconds = BenchSupport.seconds(() -> forward(model, v, image, passes));
                if (r >= 0) {
                    msPerRow.get(k).add(seconds * 1000 / passes / v.rows());
                }
            }
        }
        double base = BenchSupport.median(msPerRow.get(0));
        System.out.printf("%-14s %6s %12s %10s  %s%n", "variant", "rows", "ms/row", "vs first", "rounds (ms/row)");
        for (int k = 0; k < variants.size(); k++) {
            double median = BenchSupport.median(msPerRow.get(k));
            System.out.printf("%-14s %6d %12.4f %10.3f  %s%n", variants.get(k).name(), variants.get(k).rows(), median,
                    median / base, BenchSupport.formatList(msPerRow.get(k), "%.4f"));
        }
    }

    private static void forward(ServedModel model, Variant v, long[] image, int passes) {
        try (NDManager manager = NDManager.newBaseManager(model.device())) {
            NDArray x = manager.randomNormal(new Shape(v.rows(), image[0], image[1], image[2]));
            NDArray t = manager.full(new Shape(v.rows()), 500L);
            NDArray y = manager.zeros(new Shape(v.rows()), DataType.INT64);
            for (int i = 0; i < passes; i++) {
                try (NDManager step = manager.newSubManager()) {
                    x.attach(step);
                    v.predictor().predictNoise(x, t, y);
                    x.attach(manager);
                }
            }
        }
    }
}
