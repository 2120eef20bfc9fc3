package lsmviz.lesson;

import java.util.Locale;
import lsmviz.engine.Options;
import lsmviz.engine.types.CompactionOptions;
import lsmviz.engine.types.SyncMode;

/**
 * The options of a lesson's engine. Only what a lesson needs to choose; the rest are small fixed
 * values so that tables and blocks stay easy to see.
 *
 * @param memtableSizeBytes     the active memtable freezes once it reaches this (1024 or more)
 * @param maxImmutableMemtables immutable memtables that may wait for a flush (1 to 64)
 * @param flushMode             {@code auto} (a background flusher) or {@code manual}
 * @param syncMode              {@code none} (the default), {@code sync} or {@code group}
 * @param blockSizeBytes        SSTable block size, 256 by default
 * @param compaction            {@code none} (the default: the lesson's tables stay in L0 as its
 *                              story counts them), {@code leveled} or {@code tiered}
 */
public record EngineSettings(Long memtableSizeBytes, Integer maxImmutableMemtables, String flushMode,
        String syncMode, Integer blockSizeBytes, String compaction) {

    public EngineSettings {
        if (memtableSizeBytes == null) {
            throw new FieldProblem("memtableSizeBytes", "missing field 'memtableSizeBytes'");
        }
        if (maxImmutableMemtables == null) {
            throw new FieldProblem("maxImmutableMemtables", "missing field 'maxImmutableMemtables'");
        }
        FieldChecks.require("flushMode", flushMode);
        flushMode = FieldChecks.oneOf("flushMode", flushMode, null, "flushMode", "auto", "manual");
        syncMode = syncModeOf("syncMode", syncMode, "none");
        blockSizeBytes = blockSizeBytes == null ? 256 : blockSizeBytes;
        compaction = compactionOf("compaction", compaction, "none");
        try {
            toOptions(memtableSizeBytes, maxImmutableMemtables, flushMode, syncMode, blockSizeBytes, compaction);
        } catch (IllegalArgumentException e) {
            // the engine's message names the option, the value and the allowed range
            throw new FieldProblem(e.getMessage().split(" ", 2)[0], e.getMessage());
        }
    }

    /** A compaction style as a lesson file spells it, lower case: {@code dflt} when absent. */
    static String compactionOf(String field, String value, String dflt) {
        return FieldChecks.oneOf(field, value, dflt, "compaction", "none", "leveled", "tiered");
    }

    /** A sync mode as a lesson file spells it, lower case: {@code dflt} (may be null) when absent. */
    static String syncModeOf(String field, String value, String dflt) {
        if (value == null && dflt == null) {
            return null;
        }
        return FieldChecks.oneOf(field, value, dflt, field.equals("sync") ? "sync mode" : field, "none", "sync",
                "group");
    }

    /** These settings with another compaction style and, when not null, another sync mode. */
    public EngineSettings with(String compaction, String sync) {
        return new EngineSettings(memtableSizeBytes, maxImmutableMemtables, flushMode, sync == null ? syncMode : sync,
                blockSizeBytes, compaction);
    }

    /** The engine options these settings stand for. */
    public Options toOptions() {
        return toOptions(memtableSizeBytes, maxImmutableMemtables, flushMode, syncMode, blockSizeBytes, compaction);
    }

    private static Options toOptions(long memtable, int maxImmutable, String flush, String sync, int block,
            String compaction) {
        return new Options(memtable, block, Math.max(memtable, 1L << 20), maxImmutable,
                Options.defaults().bloomBitsPerKey(),
                flush.equals("auto") ? Options.FlushMode.BACKGROUND : Options.FlushMode.MANUAL,
                SyncMode.valueOf(sync.toUpperCase(Locale.ROOT)), CompactionOptions.defaults()
                        .withStyle(CompactionOptions.Style.valueOf(compaction.toUpperCase(Locale.ROOT))));
    }
}
