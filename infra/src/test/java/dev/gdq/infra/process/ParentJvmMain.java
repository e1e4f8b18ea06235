package dev.gdq.infra.process;

import dev.gdq.infra.s3.S3Server;
import dev.gdq.infra.s3.S3ServerConfig;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A parent JVM for {@link ChildLifecycleTest}: starts an S3 server tied to itself in {@code args[0]},
 * prints the child's PID, then waits for its standard input to close (or to be killed).
 */
public final class ParentJvmMain {

    static final String CHILD_PID = "child-pid=";

    private ParentJvmMain() {
    }

    public static void main(String[] args) throws IOException {
        S3Server server = S3Server.start(S3ServerConfig.onFreePort(Path.of(args[0])));
        System.out.println(CHILD_PID + server.process().pid());
        System.out.flush();
        System.in.transferTo(System.out);
        server.close();
    }
}
