package dev.gdq.infra.local;

import dev.gdq.infra.process.ChildJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A started server as {@code services.sh} records it: PID, start time and address. A PID alone can be
 * reused by an unrelated process; PID, start time and the service marker on the command line
 * together cannot.
 *
 * @param pid       the child JVM's PID
 * @param startedAt its start time as the OS reports it
 * @param address   what clients connect to
 */
public record PidFile(long pid, Instant startedAt, String address) {

    /** Records {@code process}, which must be alive. */
    public static PidFile of(ProcessHandle process, String address) {
        Instant startedAt = process.info().startInstant()
                .orElseThrow(() -> new IllegalStateException("no start time for pid " + process.pid()));
        return new PidFile(process.pid(), startedAt, address);
    }

    public static Optional<PidFile> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return Optional.of(new PidFile(Long.parseLong(lines.get(0).strip()), Instant.parse(lines.get(1).strip()),
                    lines.get(2).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException(file + " is not a PID file of services.sh; remove it", e);
        }
    }

    public void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, pid + "\n" + startedAt + "\n" + address + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The recorded process if it still runs and still is the {@code service} child started then. */
    public Optional<ProcessHandle> liveProcess(String service) {
        String marker = ChildJvm.markerArgument(service);
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().startInstant().map(startedAt::equals).orElse(false))
                .filter(process -> process.info().arguments().map(List::of).orElse(List.of()).contains(marker));
    }
}
