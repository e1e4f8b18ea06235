package dev.gdq.worker.testing;

import dev.gdq.worker.model.ModelLoadException;
import dev.gdq.worker.model.ModelRepository;
import dev.gdq.worker.model.ServedModel;
import java.nio.file.Files;
import java.nio.file.Path;

/** The committed reference model (models/fashion-mnist), loaded once per test JVM. */
public final class ReferenceModel {

    private static ServedModel shared;

    private ReferenceModel() {
    }

    public static Path repoRoot() {
        String configured = System.getProperty("gdq.repo.root");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("models/fashion-mnist"))) {
                return p;
            }
        }
        throw new IllegalStateException("no models/fashion-mnist above " + start);
    }

    public static Path folder() {
        return repoRoot().resolve("models/fashion-mnist");
    }

    public static synchronized ServedModel get() {
        if (shared == null) {
            try {
                shared = new ModelRepository(false).load(folder());
            } catch (ModelLoadException e) {
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }
}
