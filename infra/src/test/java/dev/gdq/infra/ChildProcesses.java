package dev.gdq.infra;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Finds processes by their command line, to prove none was left behind. */
public final class ChildProcesses {

    private ChildProcesses() {
    }

    /** Live processes whose command line mentions {@code directory} (every child names its config file there). */
    public static List<ProcessHandle> runningIn(Path directory) {
        String fragment = directory.toAbsolutePath().toString();
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().arguments()
                        .map(arguments -> Arrays.stream(arguments).anyMatch(argument -> argument.contains(fragment)))
                        .orElse(false))
                .toList();
    }
}
