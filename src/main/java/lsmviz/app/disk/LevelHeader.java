package lsmviz.app.disk;

import java.util.Locale;
import lsmviz.app.Format;
import lsmviz.app.model.VisualState.LevelsVis;
import lsmviz.engine.inspect.LevelsReport;

/**
 * What one level's header says: its name, its tables and bytes, its target, and a bar that fills
 * toward the point where a compaction is due. L0's bar counts tables against the stop threshold,
 * with the compaction trigger and the slowdown marked on it. Plain Java.
 *
 * @param name     "L0"
 * @param facts    "3 tables · 212 KB", or "empty"
 * @param target   "compact at 4 · slow 8 · stop 12" (L0), "target 1.6 MB" (deeper), or "" (none)
 * @param score    the engine's score for the level (1.0: a compaction is due)
 * @param fill     how far the bar is filled, 0 to 1
 * @param marks    where the bar's thresholds are, 0 to 1 (L0: trigger, slowdown; deeper: 1.0 of the target)
 * @param due      whether a compaction is due (the score is 1 or more)
 * @param scoreText what the bar measures: "3 of 12 (compact at 4)" for L0, "of 1.6 MB" below, or ""
 */
record LevelHeader(String name, String facts, String target, double score, double fill, double[] marks, boolean due,
        String scoreText) {

    /** The header of {@code level} with {@code tables} tables of {@code bytes} bytes; {@code levels} may be null. */
    static LevelHeader of(int level, int tables, long bytes, LevelsVis levels) {
        String name = "L" + level;
        String facts = tables == 0 ? "empty" : Format.plural(tables, "table") + " · " + Format.bytes(bytes);
        if (levels == null) {
            return new LevelHeader(name, facts, "", 0, 0, new double[0], false, "");
        }
        LevelsReport.Level row = levels.level(level);
        double score = row == null ? 0 : row.score();
        String scoreText = row == null ? "" : String.format(Locale.ROOT, "%.2f", score);
        if (level == 0) {
            boolean leveled = levels.style().equals("leveled");
            int stop = Math.max(1, levels.l0Stop());
            String target = (leveled ? "compact at " + levels.l0Trigger() + " · " : "") + "slow " + levels.l0Slowdown()
                    + " · stop " + levels.l0Stop();
            double[] marks = leveled ? new double[] {levels.l0Trigger() / (double) stop, levels.l0Slowdown() / (double) stop}
                    : new double[] {levels.l0Slowdown() / (double) stop};
            return new LevelHeader(name, facts, target, score, Math.min(1, tables / (double) stop), marks,
                    score >= 1, tables + " of " + levels.l0Stop() + (leveled ? " (compact at " + levels.l0Trigger() + ")" : ""));
        }
        if (row == null || row.targetBytes() <= 0) {
            return new LevelHeader(name, facts, levels.style().equals("tiered") ? "one sorted run" : "", score, 0,
                    new double[0], false, levels.style().equals("leveled") ? "" : scoreText);
        }
        // the bar runs to twice the target, so "due" sits in its middle
        return new LevelHeader(name, facts, "target " + Format.bytes(row.targetBytes()) + ", score " + scoreText, score,
                Math.min(1, score / 2), new double[] {0.5}, score >= 1, "of " + Format.bytes(row.targetBytes()));
    }
}
