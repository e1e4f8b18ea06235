package dev.gdq.infra.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to run in a child JVM.
 *
 * @param service          short name, used in messages and as the {@code -Dgdq.infra.service=}
 *                         marker on the command line
 * @param classpath        the server's classpath (see {@link ChildClasspath})
 * @param jvmOptions       heap and JIT flags
 * @param mainClass        the server's main class, run through {@link ChildMain}
 * @param arguments        arguments of that main
 * @param workingDirectory the child's working directory; also receives a copy of {@link ChildMain}
 * @param logFile          receives standard output and error of the child (appended)
 * @param lifetime         whether the child ends with this JVM
 */
public record ChildJvm(
        String service,
        List<Path> classpath,
        List<String> jvmOptions,
        String mainClass,
        List<String> arguments,
        Path workingDirectory,
        Path logFile,
        ChildLifetime lifetime) {

    /** System property on every child's command line naming its service: how a PID is recognised as ours. */
    public static final String SERVICE_MARKER = "gdq.infra.service";

    public ChildJvm {
        Objects.requireNonNull(service, "service");
        classpath = List.copyOf(classpath);
        jvmOptions = List.copyOf(jvmOptions);
        Objects.requireNonNull(mainClass, "mainClass");
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(logFile, "logFile");
        Objects.requireNonNull(lifetime, "lifetime");
    }

    /** The command-line argument that marks a process as a child running {@code service}. */
    public static String markerArgument(String service) {
        return "-D" + SERVICE_MARKER + "=" + service;
    }
}
