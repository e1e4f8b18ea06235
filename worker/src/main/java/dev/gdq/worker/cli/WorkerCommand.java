package dev.gdq.worker.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the worker's command line. */
@Command(name = "worker", mixinStandardHelpOptions = true, version = "gdq worker 0.1",
        description = "gdq worker: guided diffusion sampling.", subcommands = {SampleCommand.class, ServeCommand.class, SubmitCommand.class,
                EvalCommand.class})
public final class WorkerCommand {

    public static void main(String[] args) {
        int exitCode = new CommandLine(new WorkerCommand()).execute(args);
        System.exit(exitCode);
    }
}
