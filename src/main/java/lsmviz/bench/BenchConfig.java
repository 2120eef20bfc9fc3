package lsmviz.bench;

import java.nio.file.Path;
import java.util.List;
import lsmviz.engine.Options;
import lsmviz.engine.event.EventListener;
import lsmviz.engine.types.SyncMode;

/**
 * What one {@code lsmviz bench} run does. The command line (in {@code lsmviz.cli}) builds and
 * checks it; the bench only runs it.
 *
 * @param num          operations per benchmark, and the key space
 * @param valueSize    bytes per value
 * @param benchmarks   what to run, in order
 * @param listener     who listens while it runs
 * @param detail       how much that listener asks for
 * @param hooksCompare engines with the hooks and with them compiled out, in blocks taking turns
 * @param dir          where the stores go (null: a temporary directory, deleted afterwards)
 * @param options      the engine's options; the fills write without fsync, as db_bench's do
 * @param syncMode     what fillsync waits for
 * @param threads      fillsync's writer threads
 * @param repeat       runs of fillseq, fillrandom and readrandom (the median is reported)
 */
public record BenchConfig(int num, int valueSize, List<Benchmark> benchmarks, ListenerMode listener,
        EventListener.Detail detail, boolean hooksCompare, Path dir, Options options, SyncMode syncMode,
        int threads, int repeat) {

    public BenchConfig {
        benchmarks = List.copyOf(benchmarks);
    }
}
