package dev.gdq.infra.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A running child JVM. Owns the {@link Process}: keep this object reachable for as long as the
 * child should run, since a {@link ChildLifetime#TIED_TO_PARENT} child exits when the pipe held by
 * the {@code Process} closes.
 */
public final class ChildProcess implements AutoCloseable {

    /** How long a stopped child may take to run its shutdown hooks before it is killed. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final ChildJvm jvm;
    private final Process process;

    private ChildProcess(ChildJvm jvm, Process process) {
        this.jvm = jvm;
        this.process = process;
    }

    /** Starts {@code jvm}; does not wait for anything. */
    public static ChildProcess start(ChildJvm jvm) {
        try {
            Files.createDirectories(jvm.workingDirectory());
            Files.createDirectories(jvm.logFile().toAbsolutePath().getParent());
            Path launcherDirectory = installLauncher(jvm.workingDirectory());
            ProcessBuilder builder = new ProcessBuilder(command(jvm, launcherDirectory))
                    .directory(jvm.workingDirectory().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(jvm.logFile().toFile()))
                    .redirectInput(jvm.lifetime() == ChildLifetime.TIED_TO_PARENT
                            ? Redirect.PIPE
                            : Redirect.from(new File("/dev/null")));
            return new ChildProcess(jvm, builder.start());
        } catch (IOException e) {
            throw new ServiceStartException(jvm.service(), "cannot start a child JVM: " + e.getMessage(), e);
        }
    }

    /**
     * Waits until {@code readiness} says yes. If the child exits first, or is not ready within
     * {@code timeout}, it is stopped and a {@link ServiceStartException} carrying its log tail is thrown.
     */
    public void awaitReady(Readiness readiness, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            if (isReady(readiness)) {
                return;
            }
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative() || left.isZero()) {
                stop();
                throw failure("not ready within " + timeout.toMillis() + " ms; stopped it");
            }
            if (waitForExit(left.compareTo(POLL_INTERVAL) < 0 ? left : POLL_INTERVAL)) {
                throw failure("exited with status " + process.exitValue() + " before it was ready");
            }
        }
    }

    /** Waits for a one-off child (a tool) to finish with status 0; otherwise stops it and throws. */
    public void awaitSuccess(Duration timeout) {
        if (!waitForExit(timeout)) {
            stop();
            throw failure(jvm.mainClass() + " did not finish within " + timeout.toMillis() + " ms; stopped it");
        }
        if (process.exitValue() != 0) {
            throw failure(jvm.mainClass() + " failed with status " + process.exitValue());
        }
    }

    public long pid() {
        return process.pid();
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** Asks the child to stop (its shutdown hooks run), kills it after {@link #STOP_GRACE}; idempotent. */
    public void stop() {
        stop(process.toHandle(), STOP_GRACE);
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Stops any process: SIGTERM, then SIGKILL if it is still there after {@code grace}. Returns once
     * it is gone.
     */
    public static void stop(ProcessHandle handle, Duration grace) {
        if (!handle.isAlive()) {
            return;
        }
        handle.destroy();
        try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            handle.destroyForcibly();
            handle.onExit().join();
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for process " + handle.pid() + " failed", e);
        }
    }

    private boolean isReady(Readiness readiness) {
        try {
            return readiness.isReady();
        } catch (Exception notYet) {
            return false;
        }
    }

    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new ServiceStartException(jvm.service(), "interrupted while waiting for the child; stopped it", e);
        }
    }

    private ServiceStartException failure(String what) {
        return new ServiceStartException(jvm.service(), what + " (pid " + process.pid() + ")."
                + System.lineSeparator() + LogTail.describe(jvm.logFile()));
    }

    /**
     * Extra JVM options for every server child, after the defaults (so that they win): for example
     * {@code -XX:TieredStopAtLevel=4} for benchmarks, where the defaults' C1-only JIT (chosen for fast start-up)
     * would inflate the servers' CPU per request.
     */
    public static final String ENV_EXTRA_JVM_OPTIONS = "GDQ_SERVICES_EXTRA_JVM_OPTIONS";

    static List<String> extraJvmOptions(String value) {
        return value == null || value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
    }

    private static List<String> command(ChildJvm jvm, Path launcherDirectory) throws IOException {
        List<String> command = new ArrayList<>();
        if (jvm.lifetime() == ChildLifetime.DETACHED) {
            // a session of its own: no hang-up or Ctrl-C from the terminal that ran services.sh
            command.add("setsid");
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvm.jvmOptions());
        command.addAll(extraJvmOptions(System.getenv(ENV_EXTRA_JVM_OPTIONS)));
        command.add(ChildJvm.markerArgument(jvm.service()));
        command.add("@" + classpathArgumentFile(jvm, launcherDirectory));
        command.add(ChildMain.class.getName());
        if (jvm.lifetime() == ChildLifetime.TIED_TO_PARENT) {
            command.add(ChildMain.EXIT_ON_STDIN_EOF);
        }
        command.add(jvm.mainClass());
        command.addAll(jvm.arguments());
        return command;
    }

    /**
     * Writes {@code -cp <classpath>} to a java argument file: the broker's classpath alone is longer
     * than the page of {@code /proc/PID/cmdline} that {@link ProcessHandle.Info#arguments()} reads, and
     * without the arguments the service marker could not be checked.
     */
    private static Path classpathArgumentFile(ChildJvm jvm, Path launcherDirectory) throws IOException {
        String classpath = Stream.concat(Stream.of(launcherDirectory), jvm.classpath().stream())
                .map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator));
        Path file = launcherDirectory.resolve(jvm.service() + ".classpath.args");
        Files.writeString(file, "-cp\n\"" + classpath.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n");
        return file;
    }

    /** Copies {@link ChildMain}'s class file to {@code directory/launcher}, whatever class loader loaded it here. */
    private static Path installLauncher(Path directory) throws IOException {
        Path root = directory.resolve("launcher");
        Path target = root.resolve(ChildMain.class.getName().replace('.', '/') + ".class");
        Files.createDirectories(target.getParent());
        try (InputStream in = ChildMain.class.getResourceAsStream(ChildMain.class.getSimpleName() + ".class")) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("class file of " + ChildMain.class.getName() + " not found"));
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return root;
    }
}
