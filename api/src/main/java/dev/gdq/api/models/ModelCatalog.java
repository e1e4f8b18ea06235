package dev.gdq.api.models;

import dev.gdq.protocol.MalformedMessageException;
import dev.gdq.protocol.ModelManifest;
import dev.gdq.protocol.WireCodec;
import dev.gdq.scheduler.noise.NoiseSchedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The served models by name, read once from manifests. A manifest that cannot be read or that the scheduler could
 * not plan for (a prediction type other than epsilon, an unknown noise schedule) is skipped with an error in the
 * log; of two manifests with the same name the first found is served.
 */
public final class ModelCatalog {

    public static final String MANIFEST = "model.json";
    private static final Logger LOG = Logger.getLogger(ModelCatalog.class);

    private final Map<String, ModelManifest> byName;
    private final List<Path> searched;

    ModelCatalog(Map<String, ModelManifest> byName, List<Path> searched) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
        this.searched = List.copyOf(searched);
    }

    /** Reads the manifests under {@code dirs} (see {@link ModelsConfig#dirs()}). */
    public static ModelCatalog load(List<Path> dirs) {
        Map<String, ModelManifest> byName = new LinkedHashMap<>();
        List<Path> searched = new ArrayList<>();
        for (Path dir : dirs) {
            Path folder = dir.toAbsolutePath().normalize();
            if (!Files.isDirectory(folder)) {
                LOG.debugf("model folder %s does not exist; skipped", folder);
                continue;
            }
            searched.add(folder);
            for (Path manifest : manifestsIn(folder)) {
                read(manifest).ifPresent(model -> {
                    ModelManifest previous = byName.putIfAbsent(model.name(), model);
                    if (previous != null) {
                        LOG.warnf("model %s of %s ignored: a manifest of that name was found first", model.name(),
                                manifest);
                    } else {
                        LOG.infof("serving model %s %s (%d classes) from %s", model.name(), model.version(),
                                model.classNames().size(), manifest);
                    }
                });
            }
        }
        if (byName.isEmpty()) {
            LOG.errorf("no usable model manifest under %s: every request will be refused", dirs);
        }
        return new ModelCatalog(byName, searched);
    }

    /** The served models, keyed by name, in the order found. */
    public Map<String, ModelManifest> manifests() {
        return byName;
    }

    public Optional<ModelManifest> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The existing folders that were searched. */
    public List<Path> searched() {
        return searched;
    }

    private static List<Path> manifestsIn(Path folder) {
        Path own = folder.resolve(MANIFEST);
        if (Files.isRegularFile(own)) {
            return List.of(own);
        }
        try (Stream<Path> children = Files.list(folder)) {
            return children.sorted().map(child -> child.resolve(MANIFEST)).filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            LOG.errorf(e, "cannot list model folder %s", folder);
            return List.of();
        }
    }

    private static Optional<ModelManifest> read(Path file) {
        try {
            ModelManifest manifest = WireCodec.read(Files.readAllBytes(file), ModelManifest.class);
            if (!"epsilon".equals(manifest.predictionType())) {
                throw new IllegalArgumentException("predictionType '" + manifest.predictionType()
                        + "' is not served; v1 serves epsilon");
            }
            NoiseSchedule.from(manifest.noiseSchedule());
            if (manifest.classNames() == null || manifest.classNames().isEmpty()) {
                throw new IllegalArgumentException("classNames is empty");
            }
            return Optional.of(manifest);
        } catch (IOException e) {
            LOG.errorf(e, "cannot read model manifest %s; model skipped", file);
        } catch (MalformedMessageException | IllegalArgumentException e) {
            LOG.errorf("model manifest %s is not usable (%s); model skipped", file, e.getMessage());
        }
        return Optional.empty();
    }
}
