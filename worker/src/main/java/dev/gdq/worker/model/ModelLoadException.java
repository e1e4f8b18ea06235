package dev.gdq.worker.model;

import java.nio.file.Path;

/** A model folder that cannot be served; the message names the file or manifest field and the rule. */
public final class ModelLoadException extends Exception {

    private final Path folder;

    public ModelLoadException(Path folder, String problem, Throwable cause) {
        super("model " + folder + ": " + problem, cause);
        this.folder = folder;
    }

    public ModelLoadException(Path folder, String problem) {
        this(folder, problem, null);
    }

    public Path folder() {
        return folder;
    }
}
