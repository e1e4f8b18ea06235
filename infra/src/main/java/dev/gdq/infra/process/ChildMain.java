package dev.gdq.infra.process;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Main class of every child JVM: {@code ChildMain [--exit-on-stdin-eof] <main class> <args...>}.
 *
 * <p>With {@value #EXIT_ON_STDIN_EOF} it exits as soon as its standard input reaches end of file. The
 * parent holds the other end of that pipe and never writes to it, so the pipe closes exactly when
 * the parent process ends, however it ends (even {@code kill -9}): a crashed test JVM cannot leave
 * a broker behind. The exit runs the server's shutdown hooks; if they hang, the JVM is halted.
 *
 * <p>If the wrapped main throws, the JVM exits with status 1 instead of lingering on the threads
 * the half-started server left behind.
 *
 * <p>This class is copied to a directory of its own and put in front of the server's classpath
 * (see {@link ChildProcess}); it must use nothing but the JDK and compile to a single class file.
 */
public final class ChildMain {

    public static final String EXIT_ON_STDIN_EOF = "--exit-on-stdin-eof";

    private static final long HALT_AFTER_SECONDS = 15;

    private ChildMain() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        int first = 0;
        if (args.length > 0 && args[0].equals(EXIT_ON_STDIN_EOF)) {
            exitWhenStdinCloses();
            first = 1;
        }
        if (args.length <= first) {
            System.err.println("usage: ChildMain [" + EXIT_ON_STDIN_EOF + "] <main class> <args...>");
            System.exit(2);
        }
        String mainClass = args[first];
        String[] mainArgs = Arrays.copyOfRange(args, first + 1, args.length);
        try {
            Class.forName(mainClass).getMethod("main", String[].class).invoke(null, (Object) mainArgs);
        } catch (InvocationTargetException e) {
            System.err.println("gdq child: " + mainClass + ".main failed, exiting");
            e.getCause().printStackTrace();
            System.exit(1);
        }
    }

    private static void exitWhenStdinCloses() {
        Thread watcher = new Thread(() -> {
            try {
                System.in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                System.err.println("gdq child: reading stdin failed (" + e + "), treating the parent as gone");
            }
            System.err.println("gdq child: parent process gone (stdin closed), exiting");
            CompletableFuture.delayedExecutor(HALT_AFTER_SECONDS, TimeUnit.SECONDS)
                    .execute(() -> Runtime.getRuntime().halt(3));
            System.exit(0);
        }, "gdq-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
