package dev.gdq.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The worker as built by {@code mvn -pl worker package}: {@code worker/target/gdq-worker-*.jar} and
 * {@code worker/target/lib/}, plus the trivial model of {@code models/trivial}, found from the repository root.
 *
 * @param classpath the worker jar and its runtime libraries
 * @param trivialModel the model folder the fault runs serve
 */
public record WorkerDistribution(List<Path> classpath, Path trivialModel) {

    /** The repository root (set by the build); without it, it is looked for above the working directory. */
    public static final String REPO_ROOT_PROPERTY = "gdq.repo.root";

    public WorkerDistribution {
        classpath = List.copyOf(classpath);
    }

    /** The built worker of this repository; fails with the command that builds it when it is missing. */
    public static WorkerDistribution locate() {
        Path root = repoRoot();
        Path target = root.resolve("worker/target");
        Path lib = target.resolve("lib");
        List<Path> classpath = new ArrayList<>();
        try (Stream<Path> jars = Files.list(target)) {
            jars.filter(p -> p.getFileName().toString().matches("gdq-worker-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-sources.jar"))
                    .forEach(classpath::add);
        } catch (IOException e) {
            throw notBuilt(root, e.toString());
        }
        if (classpath.size() != 1 || !Files.isDirectory(lib)) {
            throw notBuilt(root, "expected one gdq-worker jar and lib/ in " + target + ", found " + classpath);
        }
        try (Stream<Path> jars = Files.list(lib)) {
            jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(classpath::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new WorkerDistribution(classpath, root.resolve("models/trivial"));
    }

    static Path repoRoot() {
        String configured = System.getProperty(REPO_ROOT_PROPERTY);
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("models/trivial/model.json")) && Files.isDirectory(p.resolve("worker"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root (with models/trivial and worker/) above " + start
                + "; set -D" + REPO_ROOT_PROPERTY);
    }

    private static IllegalStateException notBuilt(Path root, String detail) {
        return new IllegalStateException("the worker is not built (" + detail + "); build it with: cd " + root
                + " && mvn -B -q -pl worker -am package -DskipTests");
    }
}
