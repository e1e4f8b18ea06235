package dev.gdq.worker.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.gdq.worker.testing.ReferenceModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chunked forward passes of the reference noise model give the whole pass's result, in order. */
class RowChunkedNoisePredictorTest {

    private final ServedModel model = ReferenceModel.get();

    @Test
    void splitsIntoEqualPassesOfAtMostMaxRowsAndJoinsThemInOrder() {
        try (NDManager manager = NDManager.newBaseManager(model.device(), "PyTorch")) {
            int rows = 131;
            NDArray x = manager.randomNormal(new Shape(rows, 1, 28, 28));
            NDArray t = manager.arange(0, rows * 6, 6, DataType.INT64);
            NDArray y = manager.arange(0, rows, 1, DataType.INT64).mod(11);
            List<Long> passRows = new ArrayList<>();
            NoisePredictor counting = (a, b, c) -> {
                passRows.add(a.getShape().get(0));
                return model.noiseModel().predictNoise(a, b, c);
            };

            NDArray chunked = new RowChunkedNoisePredictor(counting, 64).predictNoise(x, t, y);
            NDArray whole = model.noiseModel().predictNoise(x, t, y);

            assertThat(passRows).containsExactly(44L, 44L, 43L);
            assertThat(chunked.getShape()).isEqualTo(whole.getShape());
            assertThat(chunked.sub(whole).abs().max().getFloat()).isLessThan(1e-4f);
        }
    }

    @Test
    void passesSmallBatchesThroughInOnePass() {
        try (NDManager manager = NDManager.newBaseManager(model.device(), "PyTorch")) {
            List<Long> passRows = new ArrayList<>();
            NoisePredictor counting = (a, b, c) -> {
                passRows.add(a.getShape().get(0));
                return model.noiseModel().predictNoise(a, b, c);
            };
            new RowChunkedNoisePredictor(counting, 64).predictNoise(manager.randomNormal(new Shape(64, 1, 28, 28)),
                    manager.full(new Shape(64), 10L), manager.zeros(new Shape(64), DataType.INT64));
            assertThat(passRows).containsExactly(64L);
        }
    }

    @Test
    void refusesANonPositiveChunk() {
        assertThatThrownBy(() -> new RowChunkedNoisePredictor(model.noiseModel(), 0))
                .hasMessageContaining("maxRows must be at least 1");
    }
}
