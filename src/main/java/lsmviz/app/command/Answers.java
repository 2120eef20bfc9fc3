package lsmviz.app.command;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Where the answers of commands go: a sentence to say, or a failure to explain. Futures complete
 * on worker threads; {@link #follow} hands their outcome over on the given executor (the FX
 * thread in the window).
 */
public interface Answers {
    void say(String sentence);

    /** A command failed; {@code cause} is unwrapped from the future's wrappers. */
    void fail(Throwable cause);

    /** Says what {@code f} answers, or explains why it failed, on {@code onFx}. */
    default void follow(CompletableFuture<String> f, Executor onFx) {
        f.whenComplete((text, ex) -> onFx.execute(() -> {
            if (ex != null) {
                fail(ex instanceof CompletionException && ex.getCause() != null ? ex.getCause() : ex);
            } else if (text != null) {
                say(text);
            }
        }));
    }
}
