package lsmviz.engine.compaction;

import lsmviz.engine.types.CompactionOptions;

/** The policy for a style. */
public final class CompactionPolicies {
    private CompactionPolicies() {}

    /** The policy {@code options} names, for memtables of {@code memtableBytes}. */
    public static CompactionPolicy of(CompactionOptions options, long memtableBytes) {
        return switch (options.style()) {
            case LEVELED -> new LeveledPolicy(options, memtableBytes);
            case TIERED -> new TieredPolicy(options);
            case NONE -> new NoCompactionPolicy();
        };
    }
}
