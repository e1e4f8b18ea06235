package dev.gdq.worker.bench;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Structure;

/**
 * glibc's {@code mallinfo2()}, summed over all arenas: the bytes malloc has handed out and not yet taken back
 * (libtorch's tensors, DJL's handles, the JVM's own mallocs), and the free bytes it keeps. A native leak shows as
 * growing bytes in use; fragmentation or arena warm-up as growing free bytes with flat bytes in use.
 */
public final class MallocStats {

    /** {@code struct mallinfo2} of glibc 2.33+, every field a size_t. */
    @Structure.FieldOrder({"arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
        "fordblks", "keepcost"})
    public static class MallInfo2 extends Structure implements Structure.ByValue {
        public long arena;
        public long ordblks;
        public long smblks;
        public long hblks;
        public long hblkhd;
        public long usmblks;
        public long fsmblks;
        public long uordblks;
        public long fordblks;
        public long keepcost;
    }

    interface LibC extends Library {
        MallInfo2 mallinfo2();

        int malloc_trim(long pad);
    }

    private static final LibC LIBC = Native.load("c", LibC.class);

    private MallocStats() {
    }

    /** Bytes in use: allocated from the arenas plus mmapped chunks. */
    static long inUseBytes() {
        MallInfo2 info = LIBC.mallinfo2();
        return info.uordblks + info.hblkhd;
    }

    /** Free bytes malloc keeps in its arenas. */
    static long freeBytes() {
        return LIBC.mallinfo2().fordblks;
    }

    /** {@code malloc_trim(0)}: gives the free pages of every arena back to the system. */
    static void trim() {
        LIBC.malloc_trim(0);
    }
}
