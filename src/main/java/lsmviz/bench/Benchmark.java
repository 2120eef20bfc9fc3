package lsmviz.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The workloads {@code lsmviz bench} runs, named as db_bench names them. */
public enum Benchmark {
    /** Writes keys 0..num-1 in order into an empty store. */
    FILLSEQ,
    /** Writes num keys drawn at random into an empty store. */
    FILLRANDOM,
    /** Random writes over a store that holds every key once. */
    OVERWRITE,
    /** Random reads of the store fillrandom left, at rest. */
    READRANDOM,
    /** One scan over that store, in key order. */
    READSEQ,
    /** Concurrent writes, each waiting for the disk. */
    FILLSYNC,
    /** Compacts the store fillrandom left into one level: MB/s of input read. */
    COMPACT;

    /** What {@code --benchmarks} runs when not given. */
    public static final List<Benchmark> DEFAULT = List.of(FILLSEQ, FILLRANDOM, OVERWRITE, READRANDOM, READSEQ, COMPACT);
    /** What {@code --hooks compare} can run (and runs when not told). */
    public static final List<Benchmark> COMPARED = List.of(FILLSEQ, FILLRANDOM, READRANDOM);

    /** The name on the command line and in the output. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The benchmark of that name, or null. */
    public static Benchmark named(String label) {
        return Arrays.stream(values()).filter(b -> b.label().equals(label)).findFirst().orElse(null);
    }
}
