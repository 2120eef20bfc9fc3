package lsmviz.engine.compaction;

/** What a merge has done so far; written by the compactor thread alone, read for its events. */
public final class MergeCounts {
    public long keysIn;
    public long keysOut;
    public long overwritesDropped;
    public long tombstonesDropped;
    public long bytesIn;
    public long bytesOut;
}
