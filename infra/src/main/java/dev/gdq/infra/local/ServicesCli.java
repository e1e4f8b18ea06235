package dev.gdq.infra.local;

import dev.gdq.infra.LocalServices;
import dev.gdq.infra.bootstrap.Bootstrap;
import dev.gdq.infra.bootstrap.BootstrapReport;
import dev.gdq.infra.kafka.KafkaBroker;
import dev.gdq.infra.process.ChildProcess;
import dev.gdq.infra.process.Ports;
import dev.gdq.infra.process.ServiceStartException;
import dev.gdq.infra.s3.S3Server;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code services.sh start|stop|status|clean}: a Kafka broker and an S3 server for local runs, as
 * daemons on fixed ports (see {@link LocalRun}), stopped by their recorded PID and never by name.
 */
public final class ServicesCli {

    /** Exit status of {@code status} when a server is down (as for LSB init scripts). */
    public static final int NOT_RUNNING = 3;

    private static final Duration PORT_PROBE_TIMEOUT = Duration.ofSeconds(1);
    private static final List<String> SERVICES = List.of(KafkaBroker.SERVICE, S3Server.SERVICE);

    private final LocalRun run;
    private final PrintStream out;

    public ServicesCli(LocalRun run, PrintStream out) {
        this.run = run;
        this.out = out;
    }

    public static void main(String[] args) {
        int status;
        try {
            status = new ServicesCli(LocalRun.fromEnvironment(System.getenv()), System.out).run(args);
        } catch (ServiceStartException | IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            System.err.println("services: " + e.getMessage());
            status = 1;
        }
        // MinIO's OkHttp dispatcher threads are not daemons
        System.exit(status);
    }

    /** Runs one command; returns the process exit status. */
    public int run(String... args) {
        String command = args.length == 1 ? args[0] : "";
        return switch (command) {
            case "start" -> start();
            case "stop" -> stop();
            case "status" -> status();
            case "clean" -> clean();
            default -> usage();
        };
    }

    /** Starts what is not running yet, waits until both are ready, bootstraps topics and bucket. */
    int start() {
        createHome();
        List<AutoCloseable> launched = new ArrayList<>();
        try {
            Optional<S3Server> s3 = running(S3Server.SERVICE).isPresent() ? Optional.empty()
                    : Optional.of(remember(S3Server.launch(run.s3()), launched));
            Optional<KafkaBroker> kafka = running(KafkaBroker.SERVICE).isPresent() ? Optional.empty()
                    : Optional.of(remember(KafkaBroker.launch(run.kafka()), launched));
            kafka.ifPresent(KafkaBroker::awaitReady);
            s3.ifPresent(S3Server::awaitReady);
            report(KafkaBroker.SERVICE, kafka.isPresent());
            report(S3Server.SERVICE, s3.isPresent());
        } catch (RuntimeException e) {
            launched.forEach(ServicesCli::stopQuietly);
            SERVICES.forEach(this::forgetIfGone);
            throw e;
        }
        LocalServices services = services();
        BootstrapReport bootstrap = Bootstrap.run(services, run.settings().topics());
        out.println("bootstrap: " + bootstrap.summary());
        out.println("to use them from tests and applications:");
        out.println("  export " + services.asEnvironment().entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(" ")));
        return status();
    }

    /** Stops the recorded processes that are still ours; forgets the rest. */
    int stop() {
        for (String service : List.of(S3Server.SERVICE, KafkaBroker.SERVICE)) {
            Path file = run.pidFile(service);
            Optional<PidFile> recorded = PidFile.read(file);
            if (recorded.isEmpty()) {
                out.println(service + ": not running");
                continue;
            }
            Optional<ProcessHandle> process = recorded.get().liveProcess(service);
            if (process.isPresent()) {
                ChildProcess.stop(process.get(), ChildProcess.STOP_GRACE);
                out.println(service + ": stopped (pid " + recorded.get().pid() + ")");
            } else {
                out.println(service + ": was not running (pid " + recorded.get().pid() + " is gone or not ours);"
                        + " removed its PID file");
            }
            delete(file);
        }
        return 0;
    }

    /** Prints both addresses and whether each server is up; status 0 if both are, {@value #NOT_RUNNING} otherwise. */
    int status() {
        boolean kafkaUp = printStatus(KafkaBroker.SERVICE, run.kafka().bootstrapServers(), run.kafkaPort());
        boolean s3Up = printStatus(S3Server.SERVICE, run.s3().endpoint(), run.s3Port());
        out.println("state: " + run.home());
        return kafkaUp && s3Up ? 0 : NOT_RUNNING;
    }

    /** Stops the servers and deletes the state directory (data, logs). */
    int clean() {
        stop();
        if (!Files.exists(run.home())) {
            return 0;
        }
        if (!Files.exists(run.marker())) {
            throw new IllegalStateException("not deleting " + run.home() + ": it has no " + run.marker().getFileName()
                    + " marker, so services.sh did not create it");
        }
        try (Stream<Path> paths = Files.walk(run.home())) {
            paths.sorted(Comparator.reverseOrder()).forEach(ServicesCli::delete);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + run.home(), e);
        }
        out.println("deleted " + run.home());
        return 0;
    }

    private int usage() {
        System.err.println("usage: services.sh start|stop|status|clean");
        return 2;
    }

    private boolean printStatus(String service, String configuredAddress, int configuredPort) {
        Optional<PidFile> recorded = PidFile.read(run.pidFile(service));
        Optional<ProcessHandle> process = recorded.flatMap(file -> file.liveProcess(service));
        String address = recorded.map(PidFile::address).orElse(configuredAddress);
        int port = recorded.map(file -> portOf(file.address())).orElse(configuredPort);
        boolean listening = Ports.accepts(port, PORT_PROBE_TIMEOUT);
        String state;
        if (process.isPresent() && listening) {
            state = "up (pid " + process.get().pid() + ")";
        } else if (process.isPresent()) {
            state = "starting or unhealthy: pid " + process.get().pid() + " runs but port " + port + " does not answer";
        } else if (listening) {
            state = "down; port " + port + " is held by a process services.sh did not start";
        } else {
            state = "down";
        }
        out.printf("%-13s %-24s %s%n", service, address, state);
        return process.isPresent() && listening;
    }

    private LocalServices services() {
        String kafka = PidFile.read(run.pidFile(KafkaBroker.SERVICE)).map(PidFile::address)
                .orElse(run.kafka().bootstrapServers());
        String s3 = PidFile.read(run.pidFile(S3Server.SERVICE)).map(PidFile::address).orElse(run.s3().endpoint());
        return new LocalServices(kafka, s3, run.settings().s3AccessKey(), run.settings().s3SecretKey(),
                run.settings().bucket());
    }

    private void report(String service, boolean startedNow) {
        out.println(service + ": " + (startedNow ? "started" : "already running"));
    }

    private Optional<ProcessHandle> running(String service) {
        Optional<ProcessHandle> process = PidFile.read(run.pidFile(service)).flatMap(file -> file.liveProcess(service));
        if (process.isEmpty()) {
            delete(run.pidFile(service));
        }
        return process;
    }

    private S3Server remember(S3Server server, List<AutoCloseable> launched) {
        launched.add(server);
        PidFile.of(server.process().handle(), server.endpoint()).write(run.pidFile(S3Server.SERVICE));
        return server;
    }

    private KafkaBroker remember(KafkaBroker broker, List<AutoCloseable> launched) {
        launched.add(broker);
        PidFile.of(broker.process().handle(), broker.bootstrapServers()).write(run.pidFile(KafkaBroker.SERVICE));
        return broker;
    }

    private void forgetIfGone(String service) {
        running(service);
    }

    private void createHome() {
        try {
            Files.createDirectories(run.home());
            if (!Files.exists(run.marker())) {
                Files.writeString(run.marker(), "state of infra/services.sh; 'services.sh clean' deletes this folder\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + run.home(), e);
        }
    }

    private static int portOf(String address) {
        String authority = address.contains("://") ? URI.create(address).getAuthority() : address;
        return Integer.parseInt(authority.substring(authority.lastIndexOf(':') + 1));
    }

    private static void stopQuietly(AutoCloseable server) {
        try {
            server.close();
        } catch (Exception e) {
            System.err.println("services: stopping " + server + " failed: " + e);
        }
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }
}
