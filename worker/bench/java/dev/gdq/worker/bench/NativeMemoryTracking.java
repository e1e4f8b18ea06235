package dev.gdq.worker.bench;

import java.lang.management.ManagementFactory;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;

/** The JVM's native memory tracking ({@code -XX:NativeMemoryTracking=summary}) through its diagnostic command. */
final class NativeMemoryTracking {

    private static final Pattern TOTAL = Pattern.compile("Total: reserved=(\\d+)KB, committed=(\\d+)KB");

    private NativeMemoryTracking() {
    }

    static boolean enabled() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(a -> a.startsWith("-XX:NativeMemoryTracking=") && !a.endsWith("=off"));
    }

    /** Memory the JVM itself has committed (heap, code, metaspace, threads, GC, ...), in KiB. */
    static long committedKib() {
        String summary = command("summary");
        Matcher m = TOTAL.matcher(summary);
        if (!m.find()) {
            throw new IllegalStateException("no total in the NMT summary: " + summary);
        }
        return Long.parseLong(m.group(2));
    }

    static void baseline() {
        command("baseline");
    }

    static String summaryDiff() {
        return command("summary.diff");
    }

    private static String command(String argument) {
        try {
            return (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                    new Object[] {new String[] {argument}}, new String[] {String[].class.getName()});
        } catch (JMException e) {
            throw new IllegalStateException("VM.native_memory " + argument + " failed", e);
        }
    }
}
