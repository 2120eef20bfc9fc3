package lsmviz.lesson;

/** Small helpers that word the runner's messages. */
final class MessageText {
    private MessageText() {}

    /** A duration as a person reads it: "10 s", or "250 ms" when it is not whole seconds. */
    static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** What went wrong, in words: the message, or the exception's name when it has none. */
    static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
