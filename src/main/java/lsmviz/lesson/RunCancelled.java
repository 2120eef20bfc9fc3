package lsmviz.lesson;

/** The run was stopped: unwinds the control thread (and the lesson threads) quietly. */
final class RunCancelled extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RunCancelled() {
        super("stopped", null, false, false);
    }
}
