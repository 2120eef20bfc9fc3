package lsmviz.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import lsmviz.cli.Main.UsageException;
import lsmviz.engine.Options;
import lsmviz.engine.types.CompactionOptions;
import lsmviz.engine.types.SyncMode;

/** {@code --name value} pairs, checked: every option must be used by the command, or it is an error. */
final class Args {
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> used = new HashSet<>();

    Args(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || a.length() == 2) {
                throw new UsageException("expected an option like --dir, found '" + a + "'");
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else {
                if (i + 1 >= args.length) {
                    throw new UsageException("option --" + name + " needs a value");
                }
                value = args[++i];
            }
            if (values.put(name, value) != null) {
                throw new UsageException("option --" + name + " given twice");
            }
        }
    }

    String string(String name, String def) {
        used.add(name);
        return values.getOrDefault(name, def);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    Path requireDir() {
        used.add("dir");
        String d = values.get("dir");
        if (d == null || d.isBlank()) {
            throw new UsageException("--dir DIR is required");
        }
        return Path.of(d);
    }

    long size(String name, long def) {
        used.add(name);
        String v = values.get(name);
        return v == null ? def : parseSize(name, v);
    }

    long number(String name, long def, long min, long max) {
        used.add(name);
        String v = values.get(name);
        if (v == null) {
            return def;
        }
        long n;
        try {
            n = Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " expects a whole number, found '" + v + "'");
        }
        if (n < min || n > max) {
            throw new UsageException("--" + name + " = " + n + " is outside the allowed range " + min + ".." + max);
        }
        return n;
    }

    static long parseSize(String name, String v) {
        String s = v.trim().toLowerCase(Locale.ROOT).replace("_", "");
        long mult = 1;
        if (s.endsWith("ib")) {
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("b")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.endsWith("k")) {
            mult = 1024;
        } else if (s.endsWith("m")) {
            mult = 1024 * 1024;
        } else if (s.endsWith("g")) {
            mult = 1024L * 1024 * 1024;
        }
        if (mult != 1) {
            s = s.substring(0, s.length() - 1);
        }
        try {
            long n = Long.parseLong(s);
            if (n < 0 || n > Long.MAX_VALUE / mult) {
                throw new NumberFormatException();
            }
            return n * mult;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " expects a size such as 4096, 64k or 4m, found '" + v + "'");
        }
    }

    /** Engine options from the command line, checked by the engine's own rules. */
    Options engineOptions() {
        Options d = Options.defaults();
        String mode = string("flush-mode", d.flushMode().name()).toUpperCase(Locale.ROOT);
        Options.FlushMode flushMode;
        try {
            flushMode = Options.FlushMode.valueOf(mode);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--flush-mode expects background or manual, found '" + mode.toLowerCase(Locale.ROOT) + "'");
        }
        String syncName = string("sync", d.syncMode().name()).toUpperCase(Locale.ROOT);
        SyncMode sync;
        try {
            sync = SyncMode.valueOf(syncName);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--sync expects none, sync or group, found '" + syncName.toLowerCase(Locale.ROOT) + "'");
        }
        long memtable = size("memtable-size", d.memtableSizeBytes());
        long block = size("block-size", d.blockSizeBytes());
        long table = size("sstable-size", d.sstableTargetBytes());
        long maxImm = number("max-immutable", d.maxImmutableMemtables(), Integer.MIN_VALUE, Integer.MAX_VALUE);
        long bloom = number("bloom-bits", d.bloomBitsPerKey(), Integer.MIN_VALUE, Integer.MAX_VALUE);
        CompactionOptions compaction = compactionOptions();
        try {
            return new Options(memtable, (int) Math.min(block, Integer.MAX_VALUE), table, (int) maxImm, (int) bloom,
                    flushMode, sync, compaction);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** {@code --compaction} and the options of its levels, checked by the engine's own rules. */
    CompactionOptions compactionOptions() {
        CompactionOptions d = CompactionOptions.defaults();
        String name = string("compaction", "leveled");
        CompactionOptions.Style style;
        try {
            style = CompactionOptions.Style.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--compaction expects leveled, tiered or none, found '" + name + "'");
        }
        int trigger = (int) number("l0-trigger", d.l0Trigger(), 1, 1000);
        int slowdown = (int) number("l0-slowdown", Math.max(d.l0Slowdown(), trigger), 1, 10_000);
        int stop = (int) number("l0-stop", Math.max(d.l0Stop(), slowdown), 1, 10_000);
        long base = size("level-base", d.levelBaseBytes());
        int multiplier = (int) number("level-multiplier", d.levelMultiplier(), 2, 100);
        int levels = (int) number("max-levels", d.maxLevels(), 1, 16);
        try {
            return d.withStyle(style).withL0(trigger, slowdown, stop).withLevels(base, multiplier, levels);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage().replace("l0Trigger", "--l0-trigger")
                    .replace("l0Slowdown", "--l0-slowdown").replace("l0Stop", "--l0-stop"));
        }
    }

    /** Fails on any option the command did not read. */
    void rejectUnused() {
        for (String name : values.keySet()) {
            if (!used.contains(name)) {
                throw new UsageException("unknown option --" + name);
            }
        }
    }
}
