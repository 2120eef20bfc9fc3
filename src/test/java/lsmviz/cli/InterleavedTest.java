package lsmviz.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.Options;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EventBatch;
import lsmviz.engine.event.EventListener;
import lsmviz.engine.wal.SyncMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench --listener compare}: blocks of operations taking turns without and with the listener. */
@Timeout(60)
class InterleavedTest {
    @TempDir
    Path dir;

    private final LongAdder counted = new LongAdder();
    private final EventListener counter = new EventListener() {
        @Override
        public void onEvent(EngineEvent event) {
            counted.increment();
        }

        @Override
        public void onEvents(EventBatch batch) {
            counted.add(batch.size());
        }
    };

    /** One block the bench timed: its operations and whether the listener heard them. */
    private record Block(int from, int to, boolean listened) {
    }

    @Test
    void blocksTakeTurnsWithTheListenerCoverEveryOperationOnceAndLeaveItDetached() throws Exception {
        try (LsmEngine engine = LsmEngine.open(dir, Options.defaults().withSyncMode(SyncMode.NONE))) {
            Bench.Interleaved turns = new Bench.Interleaved(counter);
            List<Block> blocks = new ArrayList<>();
            int blocksPerRun = Bench.Interleaved.BLOCKS_PER_RUN;
            int ops = 10 * blocksPerRun;
            turns.run(engine, ops, (from, to) -> {
                long before = counted.sum();
                for (int i = from; i < to; i++) {
                    engine.put(Bench.key(i), new byte[8]);
                }
                blocks.add(new Block(from, to, counted.sum() > before));
                return 1_000L * (to - from);
            });

            assertThat(blocks).hasSize(blocksPerRun);
            int next = 0;
            for (Block b : blocks) {
                assertThat(b.from()).isEqualTo(next); // in order, none skipped or repeated
                next = b.to();
            }
            assertThat(next).isEqualTo(ops);
            // pairs: without then with, then with then without, and so on
            for (int pair = 0; pair < blocks.size() / 2; pair++) {
                boolean countedFirst = pair % 2 == 1;
                assertThat(blocks.get(2 * pair).listened()).as("pair %d, first block", pair).isEqualTo(countedFirst);
                assertThat(blocks.get(2 * pair + 1).listened()).as("pair %d, second block", pair).isEqualTo(!countedFirst);
            }
            assertThat(turns.pairs()).isEqualTo(blocksPerRun / 2);
            assertThat(turns.blockOps()).isEqualTo(10);

            long afterRun = counted.sum();
            engine.put(Bench.key(ops), new byte[8]);
            assertThat(counted.sum()).as("the listener is detached after the run").isEqualTo(afterRun);

            // the next run swaps the sides, so that what happens at the same operation in each run
            // (a fill's freezes) does not always fall on the same side
            blocks.clear();
            turns.run(engine, ops, (from, to) -> {
                long before = counted.sum();
                engine.put(Bench.key(from), new byte[8]);
                blocks.add(new Block(from, to, counted.sum() > before));
                return 1_000L * (to - from);
            });
            for (int pair = 0; pair < blocks.size() / 2; pair++) {
                boolean countedFirst = pair % 2 == 0;
                assertThat(blocks.get(2 * pair).listened()).as("run 2, pair %d, first block", pair).isEqualTo(countedFirst);
                assertThat(blocks.get(2 * pair + 1).listened()).as("run 2, pair %d", pair).isEqualTo(!countedFirst);
            }
            assertThat(turns.pairs()).isEqualTo(blocksPerRun);
        }
    }

    @Test
    void theCostComesFromTheTimesOfEachSide() throws Exception {
        try (LsmEngine engine = LsmEngine.open(dir, Options.defaults().withSyncMode(SyncMode.NONE))) {
            Bench.Interleaved turns = new Bench.Interleaved(counter);
            List<Boolean> sides = new ArrayList<>();
            // 100 ns per op without the listener, 110 with it, except one slow block with it (a
            // pause): the total cost shows the pause, the pairs' median does not
            int pairs = Bench.Interleaved.BLOCKS_PER_RUN / 2;
            double plainMicros = turns.run(engine, 40 * pairs, (from, to) -> {
                long before = counted.sum();
                engine.put(Bench.key(from), new byte[1]);
                boolean listened = counted.sum() > before;
                sides.add(listened);
                int n = to - from;
                return listened ? (from == 20 ? 1_000L * n : 110L * n) : 100L * n;
            });
            assertThat(sides.get(1)).as("the block from 20 is the first with the listener").isTrue();
            assertThat(plainMicros).isCloseTo(0.100, within(1e-9));
            assertThat(turns.plainMicros()).isCloseTo(0.100, within(1e-9));
            // all blocks with the listener at 110 ns per op but one at 1,000
            double counted = ((pairs - 1) * 110.0 + 1000) / pairs;
            assertThat(turns.countedMicros()).isCloseTo(counted / 1000, within(1e-9));
            assertThat(turns.cost()).isCloseTo(counted / 100 - 1, within(1e-9)).isGreaterThan(0.10);
            assertThat(turns.pairCost(0.5)).isCloseTo(0.10, within(1e-9));
            assertThat(turns.pairCost(0.75)).isCloseTo(0.10, within(1e-9));
        }
    }
}
