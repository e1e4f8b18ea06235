package dev.gdq.worker.cli;

import dev.gdq.protocol.ModelManifest;
import dev.gdq.scheduler.plan.SamplingPlanner;
import dev.gdq.worker.eval.Embedder;
import dev.gdq.worker.eval.Embeddings;
import dev.gdq.worker.eval.EvalReport;
import dev.gdq.worker.eval.IdxDataset;
import dev.gdq.worker.eval.InvalidSweepException;
import dev.gdq.worker.eval.RealReference;
import dev.gdq.worker.eval.SettingResult;
import dev.gdq.worker.eval.Sweep;
import dev.gdq.worker.eval.SweepOutput;
import dev.gdq.worker.eval.SweepResult;
import dev.gdq.worker.eval.SweepRunner;
import dev.gdq.worker.eval.TradeOffPlot;
import dev.gdq.worker.model.ImageClassifier;
import dev.gdq.worker.model.ModelRepository;
import dev.gdq.worker.model.ServedModel;
import dev.gdq.worker.sampling.ImageGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code worker eval}: measures the sample quality of sweeps of sampling settings against the real test set, e.g.
 * {@code worker eval --model models/fashion-mnist --out eval/results eval/sweeps/cfg-scale.json}.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Sample every setting of one or more sweeps and measure it with the model's evaluation "
                + "classifier: class accuracy, Frechet distance, Inception Score analogue, k-NN precision and recall.",
                "Writes per sweep report.md, tradeoff.png and a sample grid per setting; summary.md and "
                        + "tradeoff-all.png for all sweeps."})
final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SWEEP", description = "sweep files (JSON, see eval/sweeps/)")
    List<Path> sweepFiles;

    @Option(names = "--model", required = true, description = "model folder with an evaluation classifier")
    Path modelFolder;

    @Option(names = "--reference-data", defaultValue = "/usr/share/datasets/fashion-mnist",
            description = "folder of the real test set in IDX format (default: ${DEFAULT-VALUE})")
    Path referenceData;

    @Option(names = "--reference-prefix", defaultValue = "t10k",
            description = "file prefix of the test set (default: ${DEFAULT-VALUE})")
    String referencePrefix;

    @Option(names = "--out", defaultValue = "eval/results", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--images-per-class", description = "override every sweep's imagesPerClass (quick looks)")
    Integer imagesPerClass;

    @Option(names = "--batch-size", defaultValue = "100", description = "images per sampling batch (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--resume", description = "reuse settings already measured under --out with the same fingerprint")
    boolean resume;

    @Option(names = "--gpu", negatable = true, defaultValue = "true", description = "use a GPU when there is one")
    boolean gpu;

    @Override
    public Integer call() throws Exception {
        if (batchSize < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--batch-size must be at least 1");
        }
        try (ServedModel model = new ModelRepository(gpu).load(modelFolder)) {
            ImageClassifier classifier = model.evalClassifier().orElseThrow(() -> new CommandLine.ParameterException(
                    spec.commandLine(), "--model: " + modelFolder + " has no files.evalClassifier to measure with"));
            List<Sweep> sweeps = readSweeps(model.manifest());
            if (sweeps == null) {
                return 2;
            }
            Embedder embedder = new Embedder(classifier, model.device(), model.imageShape());
            Embeddings testSet = embedTestSet(embedder);
            SweepRunner runner = new SweepRunner(new ImageGenerator(model), embedder, new SamplingPlanner(), batchSize);
            Map<Integer, RealReference> references = new HashMap<>();
            List<SweepResult> results = new ArrayList<>();
            // originalArgs() starts at the root command's arguments, so it already holds "eval".
            StringBuilder summary = new StringBuilder("# Sample quality\n\nProduced by `worker "
                    + String.join(" ", spec.commandLine().getParseResult().originalArgs()) + "`.\n\n");
            for (Sweep sweep : sweeps) {
                RealReference reference = references.computeIfAbsent(sweep.imagesPerClass(),
                        n -> RealReference.of(testSet, model.manifest().classNames().size(), n));
                SweepOutput output = new SweepOutput(out, sweep, model.manifest(), resume);
                long started = System.nanoTime();
                SweepResult result = runner.run(sweep, reference, output, new ConsoleProgress(sweep.name()));
                results.add(result);
                TradeOffPlot.writeSweep(result, output.folder().resolve("tradeoff.png"));
                List<String> grids = IntStream.range(0, sweep.settings().size())
                        .mapToObj(i -> output.folder().relativize(output.grid(i)).toString()).toList();
                Files.writeString(output.folder().resolve("report.md"), EvalReport.sweepTable(result, model.manifest(),
                        grids) + "\n![trade-off](tradeoff.png)\n");
                summary.append(EvalReport.sweepTable(result, model.manifest(), IntStream.range(0, grids.size())
                        .mapToObj(i -> sweep.name() + "/" + grids.get(i)).toList()));
                summary.append(String.format(Locale.ROOT, "%n![%s](%s/tradeoff.png)%n%nSampling time of this sweep "
                        + "(sum of its settings' column, kept across --resume): %.0f s; this run: %.0f s.%n%n",
                        sweep.name(), sweep.name(),
                        result.settings().stream().mapToDouble(SettingResult::samplingSeconds).sum(),
                        (System.nanoTime() - started) / 1e9));
                System.err.printf("wrote %s%n", output.folder());
            }
            TradeOffPlot.writeAll(results, out.resolve("tradeoff-all.png"));
            Files.writeString(out.resolve("summary.md"), summary + "![all sweeps](tradeoff-all.png)\n");
            System.err.printf("wrote %s and %s%n", out.resolve("summary.md"), out.resolve("tradeoff-all.png"));
            return 0;
        }
    }

    /** Every sweep read and checked before any sampling; null (after printing each problem) when one is invalid. */
    private List<Sweep> readSweeps(ModelManifest manifest) throws java.io.IOException {
        List<Sweep> sweeps = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        SamplingPlanner planner = new SamplingPlanner();
        for (Path file : sweepFiles) {
            try {
                Sweep sweep = Sweep.read(file);
                if (imagesPerClass != null) {
                    sweep = new Sweep(sweep.schemaVersion(), sweep.name(), sweep.title(), sweep.axis(), imagesPerClass,
                            sweep.seed(), sweep.settings());
                }
                sweep.validate(manifest, planner);
                sweeps.add(sweep);
            } catch (InvalidSweepException e) {
                problems.add(file + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            problems.forEach(System.err::println);
            return null;
        }
        return sweeps;
    }

    private Embeddings embedTestSet(Embedder embedder) throws java.io.IOException {
        long started = System.nanoTime();
        IdxDataset data = IdxDataset.read(referenceData, referencePrefix);
        Embeddings embedded = embedder.embed(Arrays.asList(data.pixels()), data.labels());
        System.err.printf(Locale.ROOT, "embedded %d real test images from %s in %.1f s%n", data.size(), referenceData,
                (System.nanoTime() - started) / 1e9);
        return embedded;
    }

    /** One line per setting on stderr, with a progress bar while it samples. */
    private static final class ConsoleProgress implements SweepRunner.Progress {

        private final String sweep;
        private ProgressBar bar;

        ConsoleProgress(String sweep) {
            this.sweep = sweep;
        }

        @Override
        public void settingStarted(Sweep.Setting setting, int index, int count) {
            System.err.printf("[%s %d/%d] %s%n", sweep, index + 1, count, setting.label());
            bar = null;
        }

        @Override
        public void imagesSampled(int done, int total) {
            if (bar == null) {
                bar = new ProgressBar(System.err, total);
            }
            bar.update(done, done + "/" + total + " images");
        }

        @Override
        public void settingFinished(SettingResult result, boolean reused) {
            var m = result.metrics();
            System.err.printf(Locale.ROOT, "  %s accuracy %.3f  FD %.2f  IS %.2f  precision %.3f  recall %.3f  "
                            + "(%d images sampled in %.1f s%s)%n", result.setting().label(), m.accuracy(),
                    m.frechetDistance(), m.inceptionScore(), m.precision(), m.recall(), result.images(),
                    result.samplingSeconds(), reused ? ", reused" : "");
        }
    }
}
