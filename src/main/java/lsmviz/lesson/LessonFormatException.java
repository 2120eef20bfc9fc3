package lsmviz.lesson;

import java.io.IOException;

/**
 * A lesson file (or the index) could not be read. The message names the file, the field (as a
 * path such as {@code steps[3].key}) and what is wrong with it.
 */
public final class LessonFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String field;

    /**
     * @param file   the file name, such as {@code 02-flush-steps.json}
     * @param field  the path of the bad field, or an empty string when the whole file is at fault
     * @param reason what is wrong, in one sentence
     */
    public LessonFormatException(String file, String field, String reason, Throwable cause) {
        super(file + (field.isEmpty() ? "" : ", field " + field) + ": " + reason, cause);
        this.file = file;
        this.field = field;
    }

    /** The file at fault. */
    public String file() {
        return file;
    }

    /** The path of the field at fault ({@code steps[3].key}), or an empty string. */
    public String field() {
        return field;
    }
}
