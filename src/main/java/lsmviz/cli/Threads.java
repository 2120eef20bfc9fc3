package lsmviz.cli;

/** Starting and waiting for the command line's worker threads. */
final class Threads {
    private Threads() {}

    /** Waits for every thread; an interrupt is kept as the caller's interrupt status and rethrown. */
    static void joinAll(Thread[] threads) throws InterruptedException {
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw e;
            }
        }
    }
}
