/**
 * {@code lsmviz bench}: db_bench-style figures for the engine beside a bare skip list, and the
 * paired-block comparisons ({@link lsmviz.bench.Interleaved}) that measure what a listener
 * ({@code --listener compare}, {@code compare-queue}) or the event hooks themselves
 * ({@code --hooks compare}, {@link lsmviz.bench.HooksComparison}) cost, inside one process.
 * Uses the JDK and the engine alone; the command line that builds a
 * {@link lsmviz.bench.BenchConfig} lives in {@code lsmviz.cli}.
 */
package lsmviz.bench;
