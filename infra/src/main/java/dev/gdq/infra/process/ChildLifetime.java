package dev.gdq.infra.process;

/** Whether a child JVM ends with the JVM that started it. */
public enum ChildLifetime {

    /** Exits when the starting JVM ends, however it ends: tests. */
    TIED_TO_PARENT,

    /** Runs on, in a session of its own, until stopped by PID: {@code services.sh}. */
    DETACHED
}
