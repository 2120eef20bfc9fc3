package lsmviz.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import lsmviz.bench.BenchConfig;
import lsmviz.bench.Benchmark;
import lsmviz.bench.ListenerMode;
import lsmviz.cli.Main.UsageException;
import lsmviz.engine.Options;
import lsmviz.engine.event.EventListener;
import lsmviz.engine.types.SyncMode;

/** {@code bench}'s command line: its options, checked, as a {@link BenchConfig} (see {@link lsmviz.bench.Bench}). */
final class BenchCommand {
    private BenchCommand() {}

    static BenchConfig parse(Args a) {
        int num = (int) a.number("num", 1_000_000, 1, 100_000_000);
        int valueSize = (int) a.number("value-size", 100, 0, Options.MAX_VALUE_BYTES);
        String hooks = a.string("hooks", "on");
        if (!List.of("on", "compare").contains(hooks)) {
            throw new UsageException("--hooks expects on or compare, found '" + hooks + "'");
        }
        boolean hooksCompare = hooks.equals("compare");
        List<Benchmark> benchmarks = benchmarks(a, hooksCompare);
        String listenerName = a.string("listener", "none");
        ListenerMode listener = ListenerMode.named(listenerName);
        if (listener == null) {
            throw new UsageException("--listener expects " + names(ListenerMode.values()) + ", found '"
                    + listenerName + "'");
        }
        if ((listener.compares() || hooksCompare) && num < 2) {
            throw new UsageException("--" + (hooksCompare ? "hooks" : "listener") + " compare needs --num 2 or more:"
                    + " each run has blocks on both sides");
        }
        if (hooksCompare && listener != ListenerMode.NONE) {
            throw new UsageException("--hooks compare measures the hooks with no listener: leave out --listener");
        }
        String detailName = a.string("detail", "all");
        if (!List.of("all", "structure").contains(detailName)) {
            throw new UsageException("--detail expects all or structure, found '" + detailName + "'");
        }
        EventListener.Detail detail = EventListener.Detail.valueOf(detailName.toUpperCase(Locale.ROOT));
        String dir = a.string("dir", null);
        boolean syncGiven = a.has("sync");
        Options given = a.engineOptions();
        int threads = (int) a.number("threads", 1, 1, 64);
        int repeat = (int) a.number("repeat", 1, 1, 99);
        return new BenchConfig(num, valueSize, benchmarks, listener, detail, hooksCompare,
                dir == null ? null : Path.of(dir), given, syncGiven ? given.syncMode() : SyncMode.SYNC, threads, repeat);
    }

    private static List<Benchmark> benchmarks(Args a, boolean hooksCompare) {
        List<Benchmark> allowed = hooksCompare ? Benchmark.COMPARED : Benchmark.DEFAULT;
        String list = a.string("benchmarks", allowed.stream().map(Benchmark::label).collect(Collectors.joining(",")));
        List<Benchmark> out = new ArrayList<>();
        for (String name : list.split(",")) {
            Benchmark b = Benchmark.named(name);
            if (b == null) {
                throw new UsageException("unknown benchmark '" + name + "': known are "
                        + Arrays.stream(Benchmark.values()).map(Benchmark::label).collect(Collectors.joining(", ")));
            }
            if (hooksCompare && !Benchmark.COMPARED.contains(b)) {
                throw new UsageException("--hooks compare runs " + Benchmark.COMPARED.stream().map(Benchmark::label)
                        .collect(Collectors.joining(", ")) + ", not '" + name + "'");
            }
            out.add(b);
        }
        return out;
    }

    private static String names(ListenerMode[] modes) {
        List<String> n = Arrays.stream(modes).map(ListenerMode::label).toList();
        return String.join(", ", n.subList(0, n.size() - 1)) + " or " + n.get(n.size() - 1);
    }
}
