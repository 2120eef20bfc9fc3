package lsmviz.bench.compare;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import lsmviz.bench.compare.CompareStores.Result;
import lsmviz.engine.types.Bytes;

/** How {@link CompareStores} prints its figures: a line per store and benchmark, db_bench's shape. */
final class CompareReport {
    private final PrintStream out;
    private final int num;
    private final int repeat;

    CompareReport(PrintStream out, int num, int repeat) {
        this.out = out;
        this.num = num;
        this.repeat = repeat;
    }

    void print(List<Result> results) {
        Result ours = results.stream().filter(r -> r.store().equals("ours")).findFirst().orElse(null);
        String runs = repeat == 1 ? "" : " (median of " + repeat + " runs)";
        for (Result r : results) {
            double mbPerSec = (Workloads.KEY_SIZE + Workloads.VALUE_SIZE) / (r.fillMicros() / 1e6) / (1024.0 * 1024.0);
            line("fillrandom", r, String.format(Locale.ROOT, "%10.3f micros/op; %7.1f MB/s%s", r.fillMicros(), mbPerSec,
                    runs), ours == null ? Double.NaN : ours.fillMicros() / r.fillMicros());
        }
        for (Result r : results) {
            line("at rest", r, String.format(Locale.ROOT, "%10s on disk, %s in tables; at rest %d ms after the fill%s",
                    Bytes.size(r.bytes()), Bytes.size(r.tableBytes()), r.restMillis(), runs),
                    ours == null ? Double.NaN : (double) ours.bytes() / r.bytes());
        }
        for (Result r : results) {
            line("readrandom", r, String.format(Locale.ROOT, "%10.3f micros/op (%d of %d found)%s", r.readMicros(),
                    r.found(), num, runs), ours == null ? Double.NaN : ours.readMicros() / r.readMicros());
        }
        out.flush();
    }

    private void line(String benchmark, Result r, String figures, double ratio) {
        String vs = r.store().equals("ours") || Double.isNaN(ratio) ? ""
                : String.format(Locale.ROOT, " | ours/%s %.2fx", r.store(), ratio);
        out.printf(Locale.ROOT, "%-10s : %-8s %s%s%n", benchmark, r.store(), figures, vs);
    }
}
