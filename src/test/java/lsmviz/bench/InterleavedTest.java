package lsmviz.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The bench's interleaving: blocks of operations taking turns on a base side and a measured side. */
@Timeout(60)
class InterleavedTest {
    private static final int BLOCKS = Interleaved.BLOCKS_PER_RUN;

    /** One block the bench timed: its operations and the side that ran them. */
    private record Block(int from, int to, boolean measured) {
    }

    /** Runs {@code ops} operations, recording each block; every operation takes {@code nanos} on either side. */
    private static List<Block> run(Interleaved turns, int ops) {
        List<Block> blocks = new ArrayList<>();
        turns.run(ops, (from, to) -> {
            blocks.add(new Block(from, to, false));
            return 100L * (to - from);
        }, (from, to) -> {
            blocks.add(new Block(from, to, true));
            return 100L * (to - from);
        });
        return blocks;
    }

    @Test
    void oneEngineBlocksTakeTurnsOverConsecutiveOperationsAndRunsSwapWhichSideGoesFirst() {
        Interleaved turns = new Interleaved(false);
        int ops = 10 * BLOCKS;
        List<Block> blocks = run(turns, ops);

        assertThat(blocks).hasSize(BLOCKS);
        int next = 0;
        for (Block b : blocks) {
            assertThat(b.from()).isEqualTo(next); // in order, none skipped or repeated
            next = b.to();
        }
        assertThat(next).isEqualTo(ops);
        // pairs: base then measured, then measured then base, and so on
        for (int pair = 0; pair < blocks.size() / 2; pair++) {
            boolean measuredFirst = pair % 2 == 1;
            assertThat(blocks.get(2 * pair).measured()).as("pair %d, first block", pair).isEqualTo(measuredFirst);
            assertThat(blocks.get(2 * pair + 1).measured()).as("pair %d, second block", pair).isEqualTo(!measuredFirst);
        }
        assertThat(turns.pairs()).isEqualTo(BLOCKS / 2);
        assertThat(turns.blockOps()).isEqualTo(10);

        // the next run swaps the sides, so that what happens at the same operation in each run
        // (a fill's freezes) does not always fall on the same side
        blocks = run(turns, ops);
        for (int pair = 0; pair < blocks.size() / 2; pair++) {
            boolean measuredFirst = pair % 2 == 0;
            assertThat(blocks.get(2 * pair).measured()).as("run 2, pair %d, first block", pair).isEqualTo(measuredFirst);
            assertThat(blocks.get(2 * pair + 1).measured()).as("run 2, pair %d", pair).isEqualTo(!measuredFirst);
        }
        assertThat(turns.pairs()).isEqualTo(BLOCKS);

        // a run whose last pair has one block only: every operation still runs once, and that
        // block makes no pair
        Interleaved odd = new Interleaved(false);
        blocks = run(odd, 10 * BLOCKS + 5);
        assertThat(blocks.get(blocks.size() - 1)).isEqualTo(new Block(10 * BLOCKS, 10 * BLOCKS + 5, false));
        assertThat(blocks.stream().mapToInt(b -> b.to() - b.from()).sum()).isEqualTo(10 * BLOCKS + 5);
        assertThat(odd.pairs()).isEqualTo(BLOCKS / 2);
    }

    @Test
    void twoEnginesDoTheSameOperationsOnEachSide() {
        Interleaved turns = new Interleaved(true);
        int ops = 10 * BLOCKS + 5; // a last, shorter block
        List<Block> blocks = run(turns, ops);

        List<int[]> base = blocks.stream().filter(b -> !b.measured()).map(b -> new int[] {b.from(), b.to()}).toList();
        List<int[]> measured = blocks.stream().filter(Block::measured).map(b -> new int[] {b.from(), b.to()}).toList();
        assertThat(measured).usingElementComparator(java.util.Arrays::compare).containsExactlyElementsOf(base);
        int next = 0;
        for (int[] b : base) {
            assertThat(b[0]).isEqualTo(next);
            next = b[1];
        }
        assertThat(next).as("each side did every operation once").isEqualTo(ops);
        for (int pair = 0; pair < blocks.size() / 2; pair++) {
            assertThat(blocks.get(2 * pair).from()).isEqualTo(blocks.get(2 * pair + 1).from());
        }
        // never two blocks of one engine back to back: the second would run on warm caches
        // (A B | B A made the first block of a pair 9-13 % faster than the second)
        for (int i = 1; i < blocks.size(); i++) {
            assertThat(blocks.get(i).measured()).as("block %d", i).isNotEqualTo(blocks.get(i - 1).measured());
        }
        assertThat(blocks.get(0).measured()).isFalse();
        assertThat(turns.pairs()).isEqualTo(BLOCKS + 1);
        assertThat(turns.cost()).isCloseTo(0, within(1e-12));

        // the next run starts on the other side
        blocks = run(turns, ops);
        assertThat(blocks.get(0).measured()).isTrue();
        for (int i = 1; i < blocks.size(); i++) {
            assertThat(blocks.get(i).measured()).as("run 2, block %d", i).isNotEqualTo(blocks.get(i - 1).measured());
        }
    }

    @Test
    void eachSideIsChargedTheBytesItsBlocksAllocate() {
        Interleaved turns = new Interleaved(false);
        List<byte[]> kept = new ArrayList<>();
        turns.run(20 * BLOCKS, (from, to) -> 100L * (to - from), (from, to) -> {
            for (int i = from; i < to; i++) {
                kept.add(new byte[1000]);
            }
            return 100L * (to - from);
        });
        assertThat(kept).hasSize(10 * BLOCKS);
        assertThat(turns.measuredBytesPerOp()).isGreaterThanOrEqualTo(1000);
        assertThat(turns.baseBytesPerOp()).isLessThan(100);
    }

    @Test
    void theCostComesFromTheTimesOfEachSide() {
        Interleaved turns = new Interleaved(false);
        int pairs = BLOCKS / 2;
        // 100 ns per op on the base side, 110 on the measured one, except one slow measured block
        // (a pause): the total cost shows the pause, the pairs' median does not
        double baseMicros = turns.run(40 * pairs, (from, to) -> 100L * (to - from),
                (from, to) -> (from == 20 ? 1_000L : 110L) * (to - from));
        assertThat(baseMicros).isCloseTo(0.100, within(1e-9));
        assertThat(turns.baseMicros()).isCloseTo(0.100, within(1e-9));
        double measured = ((pairs - 1) * 110.0 + 1000) / pairs;
        assertThat(turns.measuredMicros()).isCloseTo(measured / 1000, within(1e-9));
        assertThat(turns.cost()).isCloseTo(measured / 100 - 1, within(1e-9)).isGreaterThan(0.10);
        assertThat(turns.pairCost(0.5)).isCloseTo(0.10, within(1e-9));
        assertThat(turns.pairCost(0.75)).isCloseTo(0.10, within(1e-9));
        assertThat(turns.pairCost(1.0)).as("the slow pair").isCloseTo(9.0, within(1e-9));
    }
}
