package dev.gdq.worker.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.gdq.protocol.MalformedMessageException;
import dev.gdq.protocol.ModelManifest;
import dev.gdq.protocol.WireCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;

/**
 * Loads model folders: {@code model.json} beside TorchScript files. Checks, in order, the manifest against the
 * contract, each file's SHA-256, then the tensor shapes of one forward pass, and fails with the first problem
 * found, naming the file or field.
 */
public final class ModelRepository {

    public static final String MANIFEST_FILE = "model.json";
    private static final String ENGINE = "PyTorch";

    private final boolean useGpu;

    /** @param useGpu take the first GPU when the engine sees one; otherwise, or when false, the CPU */
    public ModelRepository(boolean useGpu) {
        this.useGpu = useGpu;
    }

    public Device device() {
        Engine engine = Engine.getEngine(ENGINE);
        return useGpu && engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    }

    public static ModelManifest readManifest(Path folder) throws ModelLoadException {
        Path file = folder.resolve(MANIFEST_FILE);
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelLoadException(folder, MANIFEST_FILE + " is missing", e);
        } catch (IOException e) {
            throw new ModelLoadException(folder, "cannot read " + MANIFEST_FILE + ": " + e.getMessage(), e);
        }
        ModelManifest manifest;
        try {
            manifest = WireCodec.read(json, ModelManifest.class);
        } catch (MalformedMessageException e) {
            throw new ModelLoadException(folder, MANIFEST_FILE + ": " + e.getMessage(), e);
        }
        List<String> problems = ManifestRules.check(manifest);
        if (!problems.isEmpty()) {
            throw new ModelLoadException(folder, MANIFEST_FILE + ": " + String.join("; ", problems));
        }
        return manifest;
    }

    public ServedModel load(Path folder) throws ModelLoadException {
        ModelManifest manifest = readManifest(folder);
        ModelManifest.Files files = manifest.files();
        verifyHash(folder, "files.noiseModel", files.noiseModel());
        if (files.noisyClassifier() != null) {
            verifyHash(folder, "files.noisyClassifier", files.noisyClassifier());
        }
        if (files.evalClassifier() != null) {
            verifyHash(folder, "files.evalClassifier", files.evalClassifier());
        }
        Device device = device();
        List<TorchScriptNetwork> loaded = new ArrayList<>();
        try {
            TorchScriptNetwork noise = track(loaded, loadFile(folder, files.noiseModel(), device, false));
            TorchScriptNetwork noisy = files.noisyClassifier() == null ? null
                    : track(loaded, loadFile(folder, files.noisyClassifier(), device, true));
            TorchScriptNetwork eval = files.evalClassifier() == null ? null
                    : track(loaded, loadFile(folder, files.evalClassifier(), device, false));
            ServedModel model = new ServedModel(folder, manifest, device, noise, noisy, eval);
            checkShapes(model);
            return model;
        } catch (ModelLoadException | RuntimeException e) {
            loaded.forEach(TorchScriptNetwork::close);
            throw e;
        }
    }

    private static TorchScriptNetwork track(List<TorchScriptNetwork> loaded, TorchScriptNetwork network) {
        loaded.add(network);
        return network;
    }

    private static TorchScriptNetwork loadFile(Path folder, ModelManifest.ModelFile file, Device device,
                                               boolean withGradients) throws ModelLoadException {
        try {
            return TorchScriptNetwork.load(folder, file.path(), device, withGradients);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new ModelLoadException(folder, file.path() + " is not a loadable TorchScript module: " + e.getMessage(), e);
        }
    }

    private static void verifyHash(Path folder, String field, ModelManifest.ModelFile file) throws ModelLoadException {
        Path path = folder.resolve(file.path()).normalize();
        if (!path.startsWith(folder.normalize())) {
            throw new ModelLoadException(folder, field + ".path must stay inside the model folder, got " + file.path());
        }
        if (!Files.isRegularFile(path)) {
            throw new ModelLoadException(folder, field + ".path: file " + file.path() + " is missing");
        }
        String actual = sha256(path);
        if (!actual.equalsIgnoreCase(file.sha256())) {
            throw new ModelLoadException(folder, field + ".sha256: " + file.path() + " has SHA-256 " + actual
                    + ", the manifest says " + file.sha256());
        }
    }

    static String sha256(Path path) throws ModelLoadException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(path), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new ModelLoadException(path.getParent(), "cannot read " + path.getFileName() + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JRE", e);
        }
    }

    /** One forward pass of batch 2 through each network, checking the output shapes against the manifest. */
    private static void checkShapes(ServedModel model) throws ModelLoadException {
        ModelManifest manifest = model.manifest();
        long[] image = model.imageShape();
        Shape batch = new Shape(2, image[0], image[1], image[2]);
        int classes = manifest.classNames().size();
        try (NDManager manager = NDManager.newBaseManager(model.device(), ENGINE)) {
            NDArray x = manager.zeros(batch);
            NDArray t = manager.create(new long[] {0, manifest.noiseSchedule().timesteps() - 1});
            NDArray y = manager.create(new long[] {0, manifest.nullLabel()});
            expectShape(model.folder(), manifest.files().noiseModel().path(), "noise prediction",
                    model.noiseModel().predictNoise(x, t, y), batch);
            if (model.noisyClassifier().isPresent()) {
                expectShape(model.folder(), manifest.files().noisyClassifier().path(), "logits",
                        model.noisyClassifier().get().logits(x, t), new Shape(2, classes));
            }
            if (model.evalClassifier().isPresent()) {
                ImageClassifier.Output out = model.evalClassifier().get().classify(x);
                expectShape(model.folder(), manifest.files().evalClassifier().path(), "logits", out.logits(),
                        new Shape(2, classes));
                if (out.features().getShape().dimension() != 2 || out.features().getShape().get(0) != 2) {
                    throw new ModelLoadException(model.folder(), manifest.files().evalClassifier().path()
                            + ": features must be float[B,D], got " + out.features().getShape());
                }
            }
        } catch (RuntimeException e) {
            throw new ModelLoadException(model.folder(), "a test forward pass failed (inputs x float" + batch
                    + ", t long[2], y long[2]): " + e.getMessage(), e);
        }
    }

    private static void expectShape(Path folder, String file, String what, NDArray actual, Shape expected)
            throws ModelLoadException {
        if (!actual.getShape().equals(expected) || actual.getDataType() != DataType.FLOAT32) {
            throw new ModelLoadException(folder, file + ": " + what + " must be float32" + expected + ", got "
                    + actual.getDataType() + actual.getShape());
        }
    }

    /** Semantic rules of the manifest beyond its JSON shape. */
    static final class ManifestRules {

        private ManifestRules() {
        }

        static List<String> check(ModelManifest m) {
            List<String> problems = new ArrayList<>();
            if (m.name() == null || !m.name().matches("[a-z0-9][a-z0-9._-]*")) {
                problems.add("field 'name': must match [a-z0-9][a-z0-9._-]*, got " + m.name());
            }
            if (m.imageSize() < 1) {
                problems.add("field 'imageSize': must be at least 1, got " + m.imageSize());
            }
            if (m.channels() != 1 && m.channels() != 3) {
                problems.add("field 'channels': must be 1 or 3, got " + m.channels());
            }
            if (m.classNames().isEmpty()) {
                problems.add("field 'classNames': must list at least one class");
            } else if (new HashSet<>(m.classNames()).size() != m.classNames().size()) {
                problems.add("field 'classNames': names must be unique");
            }
            if (m.nullLabel() >= 0 && m.nullLabel() < m.classNames().size()) {
                problems.add("field 'nullLabel': must not be a class index (0.." + (m.classNames().size() - 1)
                        + "), got " + m.nullLabel());
            }
            if (m.nullLabel() < 0) {
                problems.add("field 'nullLabel': must be at least 0, got " + m.nullLabel());
            }
            if (!"epsilon".equals(m.predictionType())) {
                problems.add("field 'predictionType': only 'epsilon' is served, got " + m.predictionType());
            }
            ModelManifest.NoiseScheduleSpec schedule = m.noiseSchedule();
            if (!"linear".equals(schedule.type()) && !"cosine".equals(schedule.type())) {
                problems.add("field 'noiseSchedule.type': must be linear or cosine, got " + schedule.type());
            }
            if (schedule.timesteps() < 1) {
                problems.add("field 'noiseSchedule.timesteps': must be at least 1, got " + schedule.timesteps());
            }
            if ("linear".equals(schedule.type()) && (schedule.betaStart() == null || schedule.betaEnd() == null
                    || !(schedule.betaStart() > 0) || !(schedule.betaEnd() >= schedule.betaStart())
                    || !(schedule.betaEnd() < 1))) {
                problems.add("field 'noiseSchedule': a linear schedule needs 0 < betaStart <= betaEnd < 1");
            }
            checkFile(problems, "files.noiseModel", m.files().noiseModel());
            checkFile(problems, "files.noisyClassifier", m.files().noisyClassifier());
            checkFile(problems, "files.evalClassifier", m.files().evalClassifier());
            return problems;
        }

        private static void checkFile(List<String> problems, String field, ModelManifest.ModelFile file) {
            if (file != null && (file.sha256() == null || !file.sha256().matches("[0-9a-fA-F]{64}"))) {
                problems.add("field '" + field + ".sha256': must be 64 hex digits, got " + file.sha256());
            }
        }
    }
}
