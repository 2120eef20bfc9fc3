package lsmviz.app.activity;

import static org.assertj.core.api.Assertions.assertThat;

import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EngineEvent.GetPath;
import org.junit.jupiter.api.Test;

/** The event log's text for a get's path: every source it looked in, runs of the same verdict told once. */
class EventLinesTest {
    private static GetPath path(int memtables, long[] ids, byte[] verdicts) {
        return new GetPath(1, 0, "reader-1", "key42", ids, verdicts, memtables);
    }

    @Test
    void aRunOfTablesThatSaidTheSameIsToldOnceWithItsEndsAndCount() {
        // two memtables, 17 SSTables whose bloom filter said no, one SSTable that had the key
        long[] ids = new long[20];
        byte[] verdicts = new byte[20];
        ids[0] = 36;
        ids[1] = 35;
        for (int i = 2; i < 19; i++) {
            ids[i] = 39 - 2L * i; // 35, 33, ... 3
            verdicts[i] = GetPath.BLOOM_NO;
        }
        ids[19] = 1;
        verdicts[19] = GetPath.FOUND;
        assertThat(EventLines.text(path(2, ids, verdicts))).isEqualTo("get key42 looked in memtable #36 (not found),"
                + " memtable #35 (not found), SSTables #35 … #3 (bloom: no, 17 SSTables), SSTable #1 (found)");
    }

    @Test
    void shortRunsAreNamedOneByOneAndADifferentVerdictBreaksARun() {
        long[] ids = {9, 8, 7, 6, 5, 4};
        byte[] verdicts = {GetPath.NOT_FOUND, GetPath.BLOOM_NO, GetPath.BLOOM_NO, GetPath.OUT_OF_RANGE,
                GetPath.BLOOM_NO, GetPath.TOMBSTONE};
        assertThat(EventLines.text(path(1, ids, verdicts))).isEqualTo("get key42 looked in memtable #9 (not found),"
                + " SSTable #8 (bloom: no), SSTable #7 (bloom: no), SSTable #6 (bloom: maybe, out of key range),"
                + " SSTable #5 (bloom: no), SSTable #4 (tombstone)");
        // three memtables in a row that said the same are a run too; the SSTable after them is not
        assertThat(EventLines.text(path(3, new long[] {12, 11, 10, 9}, new byte[4])))
                .isEqualTo("get key42 looked in memtables #12 … #10 (not found, 3 memtables), SSTable #9 (bloom: maybe, not found)");
        assertThat(EventLines.text(path(1, new long[] {3}, new byte[] {GetPath.FOUND})))
                .isEqualTo("get key42 looked in memtable #3 (found)");
    }

    @Test
    void aLineStartsWithTheTimeAndTheThread() {
        EngineEvent e = path(1, new long[] {3}, new byte[] {GetPath.FOUND});
        assertThat(EventLines.line(e, EventLines.wallOffsetNanos())).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3}  reader-1  get key42 looked in memtable #3 \\(found\\)");
    }
}
