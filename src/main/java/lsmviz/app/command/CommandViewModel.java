package lsmviz.app.command;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import lsmviz.app.session.SessionPort;
import lsmviz.engine.Options;
import lsmviz.workload.Workload;

/**
 * The command bar's state and commands: the key and value typed, checked before anything is sent
 * (a key is 1 to {@value Options#MAX_KEY_BYTES} bytes of UTF-8), and each command sent to the
 * session, its answer said. Plain Java.
 */
public final class CommandViewModel {
    private final SessionPort port;
    private final Answers answers;
    private final Executor onFx;
    private final StringProperty key = new SimpleStringProperty(this, "key", "");
    private final StringProperty value = new SimpleStringProperty(this, "value", "");

    /** @param onFx where answers are handed over (the FX thread) */
    public CommandViewModel(SessionPort port, Answers answers, Executor onFx) {
        this.port = port;
        this.answers = answers;
        this.onFx = onFx;
    }

    public StringProperty keyProperty() {
        return key;
    }

    public StringProperty valueProperty() {
        return value;
    }

    public void put() {
        String k = checkedKey();
        if (k == null) {
            return;
        }
        String v = value.get() == null ? "" : value.get();
        int bytes = v.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > Options.MAX_VALUE_BYTES) {
            answers.fail(new IllegalArgumentException("The value is " + bytes + " bytes: at most "
                    + Options.MAX_VALUE_BYTES + " bytes"));
            return;
        }
        run(port.put(k, v));
    }

    public void get() {
        String k = checkedKey();
        if (k != null) {
            run(port.get(k));
        }
    }

    public void delete() {
        String k = checkedKey();
        if (k != null) {
            run(port.delete(k));
        }
    }

    /** Scans from the key typed, or from the first key when none is. */
    public void scan() {
        String from = key.get() == null || key.get().isBlank() ? null : key.get();
        run(port.scan(from));
    }

    public void freeze() {
        run(port.freeze());
    }

    public void flush() {
        run(port.flush());
    }

    public void setAutoFlush(boolean on) {
        run(port.setAutoFlush(on));
    }

    public void startWorkload(Workload.Settings s) {
        run(port.startWorkload(s));
    }

    public void stopWorkload() {
        run(port.stopWorkload());
    }

    private void run(CompletableFuture<String> f) {
        answers.follow(f, onFx);
    }

    /** The key typed, or null after saying what is wrong with it. */
    private String checkedKey() {
        String k = key.get();
        if (k == null || k.isEmpty()) {
            answers.fail(new IllegalArgumentException("Type a key first: a key is 1 to " + Options.MAX_KEY_BYTES
                    + " bytes"));
            return null;
        }
        int bytes = k.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > Options.MAX_KEY_BYTES) {
            answers.fail(new IllegalArgumentException("The key is " + bytes + " bytes: a key is 1 to "
                    + Options.MAX_KEY_BYTES + " bytes"));
            return null;
        }
        return k;
    }
}
