package io.hyperstream.cli.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How each trainer process is sized: its native threads (DL4J's OpenMP and BLAS threads, fixed by
 * {@code OMP_NUM_THREADS} when the JVM starts) and its Java heap. The default, one thread and
 * 512 MB, gives one single-threaded trainer per core.
 *
 * @param threads native threads per trainer
 * @param heap    the {@code -Xmx} value, such as {@code 512m} or {@code 1g}
 */
public record TrainerResources(int threads, String heap) {

    /** One native thread and a 512 MB heap. */
    public static final TrainerResources DEFAULT = new TrainerResources(1, "512m");

    public TrainerResources {
        if (threads < 1) {
            throw new IllegalArgumentException("trainer threads must be at least 1, but got " + threads);
        }
        if (heap == null || !heap.toLowerCase(Locale.ROOT).matches("[1-9][0-9]*[kmg]?")) {
            throw new IllegalArgumentException("the trainer heap is a size such as 512m or 1g, but got '" + heap + "'");
        }
    }

    /**
     * The trainer's JVM options: the heap, the serial collector with a 32 MB young generation
     * (one core per trainer; DL4J leaves every native buffer to the collector, and many short
     * pauses kept the mean epoch near the median and the resident memory near 180 MB, where the
     * default young generation gave pauses of 100-200 ms), JavaCPP's memory accounting
     * off (its physical-memory check cost more than the training, and it would cap native memory
     * at the heap size), one JavaCPP cache for all trainers under {@code <home>/.hpo/javacpp}, and
     * the C1 compiler alone: DL4J's Java side is a thin layer over native calls, and with C2 an
     * epoch of the reference network took 40-100% more CPU on a 2-core machine (C2's
     * compilations compete with training for the core).
     */
    public List<String> jvmOptions(Path home) {
        return List.of("-Xmx" + heap, "-Xmn32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0", "-Dorg.bytedeco.javacpp.maxBytes=0",
                "-Dorg.bytedeco.javacpp.cachedir=" + home.resolve(".hpo").resolve("javacpp"));
    }

    /** The trainer's environment: native threads are read from it when the JVM loads DL4J's native code. */
    public Map<String, String> environment() {
        return Map.of("OMP_NUM_THREADS", String.valueOf(threads));
    }
}
