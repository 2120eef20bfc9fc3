package lsmviz.app.disk;

import java.util.List;
import lsmviz.app.model.VisualState;
import lsmviz.app.model.VisualState.CompactionVis;
import lsmviz.app.model.VisualState.FlushVis;
import lsmviz.app.model.VisualState.GetVis;
import lsmviz.app.model.VisualState.LevelsVis;
import lsmviz.app.model.VisualState.ObsoleteVis;
import lsmviz.app.model.VisualState.SSTableVis;

/**
 * What the level view draws: the live tables (L0 newest first, then each level by key), the flush
 * under way, the compactions under way, the obsolete tables still on disk, the latest get's path,
 * the levels' report, and the key whose line runs down through the levels (typed in the key
 * field, else the latest get's).
 */
public record LevelsPicture(List<SSTableVis> tables, FlushVis flush, List<CompactionVis> compactions,
        List<ObsoleteVis> obsolete, GetVis lastGet, LevelsVis levels, String compactionFailure, String key) {
    public static final LevelsPicture EMPTY = new LevelsPicture(List.of(), null, List.of(), List.of(), null, null, null,
            null);

    static LevelsPicture of(VisualState s, String typedKey) {
        GetVis get = s.getShown();
        String key = typedKey != null && !typedKey.isBlank() ? typedKey : get != null ? get.key() : null;
        return new LevelsPicture(s.sstables(), s.flush(), s.compactions(), s.obsolete(), get, s.levels(),
                s.compactionFailure(), key);
    }

    /** The deepest level with a table, an output being written or an obsolete table (at least 1). */
    int deepestLevel() {
        int deepest = 1;
        for (SSTableVis t : tables) {
            deepest = Math.max(deepest, t.level());
        }
        for (CompactionVis c : compactions) {
            deepest = Math.max(deepest, c.outputLevel());
        }
        for (ObsoleteVis o : obsolete) {
            deepest = Math.max(deepest, o.table().level());
        }
        return deepest;
    }

    /** The compaction reading table {@code id}, or null. */
    CompactionVis compactionReading(long id) {
        for (CompactionVis c : compactions) {
            if (!c.installed() && c.reads(id)) {
                return c;
            }
        }
        return null;
    }
}
