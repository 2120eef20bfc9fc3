package lsmviz.lesson;

/**
 * A field of a lesson file has a bad value. {@link #field()} names the field, relative to the
 * object it belongs to; the library adds the file and the path to that object.
 */
public final class FieldProblem extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public FieldProblem(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field, relative to the object being built (such as {@code key} or {@code steps[2]}). */
    public String field() {
        return field;
    }
}
