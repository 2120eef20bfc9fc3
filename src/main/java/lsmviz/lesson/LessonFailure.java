package lsmviz.lesson;

/**
 * A step did not do what the script says: fails the lesson with this message. Carries no stack
 * trace; the message says it all.
 */
final class LessonFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LessonFailure(String message) {
        super(message, null, false, false);
    }
}
