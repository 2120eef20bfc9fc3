package lsmviz.engine.step;

/** A thread stopped at a probe point since {@code sinceNanos} ({@link System#nanoTime()}). */
public record PausedThread(String thread, ProbePoint point, long sinceNanos) {}
