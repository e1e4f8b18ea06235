package dev.gdq.protocol;

/** Versions of the wire contract this code reads and writes. */
public final class SchemaVersion {

    public static final int V1 = 1;
    public static final int CURRENT = V1;

    public static boolean isSupported(int version) {
        return version == V1;
    }

    private SchemaVersion() {
    }
}
