package dev.gdq.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gdq.protocol.WireCodec;
import dev.gdq.worker.testing.ReferenceModel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code worker eval} on two small sweeps with the reference model and the real Fashion-MNIST test set (Debian
 * package dataset-fashion-mnist, installed by .ci/run).
 */
class EvalCommandTest {

    private static final Path REPO = ReferenceModel.repoRoot();
    private static final Path SWEEPS = REPO.resolve("worker/src/test/resources/eval");

    @TempDir
    Path out;

    @Test
    void measuresGuidedAgainstUnconditionalWritesTheReportAndResumes() throws IOException {
        Run first = eval("--out", out.toString(), SWEEPS.resolve("quick-cfg.json").toString(),
                SWEEPS.resolve("quick-samplers.json").toString());
        assertThat(first.exitCode).as(first.stderr).isZero();

        JsonNode unconditional = setting("quick-cfg", "00-s-0");
        JsonNode guided = setting("quick-cfg", "01-s-3");
        // 30 images each: unconditional samples land on their "intended" class about one time in ten
        assertThat(metric(guided, "accuracy")).isGreaterThanOrEqualTo(0.8);
        assertThat(metric(unconditional, "accuracy")).isLessThan(0.4);
        assertThat(metric(guided, "inceptionScore")).isGreaterThan(metric(unconditional, "inceptionScore"));
        assertThat(metric(guided, "frechetDistance")).isPositive();

        String summary = Files.readString(out.resolve("summary.md"));
        assertThat(summary).contains("| real test images (held out) |", "[s=3](quick-cfg/grids/01-s-3.png)",
                "[DDPM 5 + classifier](quick-samplers/grids/01-ddpm-5-classifier.png)");
        BufferedImage grid = ImageIO.read(out.resolve("quick-cfg/grids/01-s-3.png").toFile());
        assertThat(grid.getHeight()).as("ten class rows of 56-pixel cells").isGreaterThan(10 * 56);
        for (Path plot : new Path[] {out.resolve("quick-cfg/tradeoff.png"), out.resolve("tradeoff-all.png")}) {
            assertThat(ImageIO.read(plot.toFile()).getWidth()).as(plot.toString()).isGreaterThan(600);
        }

        Path stored = out.resolve("quick-cfg/settings/01-s-3.json");
        FileTime written = Files.getLastModifiedTime(stored);
        Run resumed = eval("--resume", "--out", out.toString(), SWEEPS.resolve("quick-cfg.json").toString());
        assertThat(resumed.exitCode).as(resumed.stderr).isZero();
        assertThat(resumed.stderr).contains("s=3 accuracy", "reused");
        assertThat(Files.getLastModifiedTime(stored)).isEqualTo(written);
    }

    @Test
    void refusesAnInvalidSweepBeforeSamplingAndNamesTheField() throws IOException {
        Path bad = Files.writeString(out.resolve("bad.json"), """
                {"schemaVersion": 1, "name": "bad", "title": "t", "imagesPerClass": 2, "seed": 1,
                 "settings": [{"label": "x", "sampler": {"name": "ddim", "steps": 5000}}]}
                """);
        Run run = eval("--out", out.resolve("results").toString(), bad.toString());
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.stderr).contains("settings[0].sampler.steps");
        assertThat(out.resolve("results")).doesNotExist();
    }

    private record Run(int exitCode, String stderr) {
    }

    private Run eval(String... options) {
        String[] args = new String[options.length + 3];
        args[0] = "eval";
        args[1] = "--model";
        args[2] = ReferenceModel.folder().toString();
        System.arraycopy(options, 0, args, 3, options.length);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream previous = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int code = new CommandLine(new WorkerCommand()).execute(args);
            return new Run(code, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(previous);
        }
    }

    private JsonNode setting(String sweep, String file) throws IOException {
        return WireCodec.mapper().readTree(out.resolve(sweep).resolve("settings").resolve(file + ".json").toFile())
                .get("result");
    }

    private static double metric(JsonNode result, String name) {
        return result.get("metrics").get(name).asDouble();
    }
}
