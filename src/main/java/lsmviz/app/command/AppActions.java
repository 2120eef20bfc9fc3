package lsmviz.app.command;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.controlsfx.control.action.Action;
import org.controlsfx.control.action.ActionUtils;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Every command of the window, once: its words, icon, shortcut and help line, as ControlsFX
 * {@link Action}s. The menus ({@link #menus()}), the buttons (configured from these actions) and
 * the F1 help ({@link #helpText()}) all come from this one table, so a shortcut or a label is
 * changed in one place. What each action does is wired by the main view ({@link #on}).
 *
 * <p>A few commands answer keys that are no menu accelerators, because a text field needs them
 * while one has the focus (Space, Right, Enter) or because a presenter's clicker sends them
 * (Page Down, Page Up); their key is noted here ({@link #keyOf}) for the help, and the main view
 * handles it.
 */
public final class AppActions {
    private static final String KEY = "lsmviz.key";
    private static final String TOGGLE = "lsmviz.toggle";
    private static final String HELP = "lsmviz.help";
    private static final String ICON = "lsmviz.icon";

    // File
    public final Action newTemporary = action("New temporary directory", "fth-file-plus", null,
            "Start again in a new, empty temporary data directory");
    public final Action openDirectory = action("Open data directory…", "fth-folder", shortcut(KeyCode.O),
            "Open a data directory: its state is restored");
    public final Action reopenLast = action("Reopen the last directory", null, null, "Open the directory opened last");
    public final Action exportPng = action("Export view as PNG…", "fth-image", shortcut(KeyCode.E),
            "Save what the window shows as a picture");
    public final Action exportTrace = action("Export trace…", null, null, "Save every event of this engine to a file");
    public final Action openTrace = action("Open trace to replay…", null, null, "Replay a saved trace, without an engine");
    public final Action backToEngine = action("Back to the engine", null, null, "Leave the replayed trace");
    public final Action quit = action("Quit", null, shortcut(KeyCode.Q), "Close the window (the engine flushes first)");

    // View
    public final Action fullScreen = action("Full screen", "fth-maximize", key(KeyCode.F11), "Full screen on or off");
    public final Action biggerText = action("Bigger text", null, shortcut(KeyCode.EQUALS), "Text 10 % bigger (up to 200 %)");
    public final Action smallerText = action("Smaller text", null, shortcut(KeyCode.MINUS), "Text 10 % smaller");
    public final Action highContrast = toggle("High contrast", shortcut(KeyCode.H), "Black on white, thick outlines");
    public final Action darkTheme = toggle("Dark theme", null, "Dark colours");
    public final Action perfOverlay = toggle("Performance overlay", key(KeyCode.F3), "Pulses, events and operations per second");
    public final Action timeline = toggle("Timeline", null, "Show or hide the timeline");

    // Engine
    public final Action put = action("Put", null, null, "Write the key with the value");
    public final Action get = action("Get", null, null, "Look the key up: memtables first, then SSTables");
    public final Action delete = action("Delete", null, null, "Write a tombstone for the key");
    public final Action scan = action("Scan", null, null, "List keys in order, from the key (or the first)");
    public final Action freeze = action("Freeze", "fth-pause-circle", key(KeyCode.F5), "Freeze the active memtable now");
    public final Action flush = action("Flush", "fth-download", key(KeyCode.F6), "Flush the oldest immutable memtable");
    public final Action autoFlush = toggle("Auto-flush", key(KeyCode.F7), "Let the background flusher flush on its own",
            "fth-refresh-cw");
    public final Action workload = toggle("Workload", key(KeyCode.F8), "Start or stop the workload (writers and readers)",
            "fth-play");
    public final Action workloadSettings = action("Workload settings…", "fth-sliders", null,
            "Workload threads, rate, keys and value size");
    public final Action options = action("Engine options…", "fth-settings", null, "Engine options (reopens the engine)");
    public final Action crashProcess = action("Crash: process (kill -9)", "fth-zap", shortcutShift(KeyCode.K),
            "Kill the engine where it stands (simulated): what reached the operating system survives");
    public final Action crashPower = action("Crash: power cut", "fth-zap-off", shortcutShift(KeyCode.P),
            "Cut the power (simulated): every byte not yet fsynced is lost");
    public final Action recover = action("Recover", "fth-rotate-ccw", shortcutShift(KeyCode.R),
            "Open the crashed directory again: recovery replays the manifest and the write-ahead logs");

    // Step
    public final Action live = action("Live", null, null, "Full speed: nothing stops");
    public final Action slow = action("Slow", null, null, "Every engine thread waits a moment at each step");
    public final Action stepMode = action("Step", null, null, "Threads stop at the breakpoints chosen under Stop at");
    public final Action playPause = action("Pause", null, null, "Pause every engine thread at its next step, or play on");
    public final Action step = action("Step ▸", null, null, "Move the chosen paused thread to its next step");
    public final Action continueOperation = action("Continue", null, null,
            "The chosen paused thread runs to the end of its operation");

    // Lessons
    public final Action chooseLesson = action("Choose a lesson…", "fth-book-open", shortcut(KeyCode.L),
            "Pick a lesson: it runs the real engine in a fresh directory");
    public final Action lessonNext = action("Next", "fth-chevron-right", null, "The lesson's next part");
    public final Action lessonBack = action("Back", null, null, "Show the lesson's previous part again");
    public final Action lessonRestart = action("Restart", null, null, "Start the lesson again from the beginning");
    public final Action lessonStop = action("Stop", null, null, "End the lesson; a fresh engine opens");

    // Help
    public final Action help = action("Keyboard shortcuts", "fth-help-circle", key(KeyCode.F1), "Every shortcut (F1 again closes)");
    public final Action about = action("About LSM Visualizer", null, null, "Version and data directory");

    public AppActions() {
        keyOf(put, "Enter (in the value field)");
        keyOf(get, "Enter (in the key field)");
        keyOf(playPause, "Space");
        keyOf(step, "Right");
        keyOf(continueOperation, "Shift+Right");
        keyOf(lessonNext, "Page Down");
        keyOf(lessonBack, "Page Up");
    }

    /** What {@code a} does; a toggle's handler reads {@link Action#isSelected()}. */
    public static void on(Action a, Runnable handler) {
        ((Command) a).handler = handler;
    }

    /** An action whose handler is given after it is built (the table comes first, the wiring later). */
    private static final class Command extends Action {
        private Runnable handler = () -> { };

        Command(String text) {
            super(text);
            setEventHandler(e -> handler.run());
        }
    }

    /** The menu bar's menus; {@code lessons} fills the lesson list between Choose and Next. */
    public List<Menu> menus(Consumer<Menu> lessons) {
        Menu lessonMenu = menu("_Lessons", chooseLesson, null);
        lessons.accept(lessonMenu);
        add(lessonMenu, null, lessonNext, lessonBack, lessonRestart, lessonStop);
        return List.of(
                menu("_File", newTemporary, openDirectory, reopenLast, null, exportPng, exportTrace, openTrace,
                        backToEngine, null, quit),
                menu("_View", fullScreen, biggerText, smallerText, highContrast, darkTheme, perfOverlay, timeline),
                menu("_Engine", put, get, delete, scan, null, freeze, flush, autoFlush, null, workload, workloadSettings,
                        options, null, crashProcess, crashPower, recover),
                menu("_Step", live, slow, stepMode, null, playPause, step, continueOperation),
                lessonMenu,
                menu("_Help", help, about));
    }

    /** Every action, in menu order. */
    public List<Action> all() {
        return List.of(newTemporary, openDirectory, reopenLast, exportPng, exportTrace, openTrace, backToEngine, quit,
                fullScreen, biggerText, smallerText, highContrast, darkTheme, perfOverlay, timeline, put, get, delete,
                scan, freeze, flush, autoFlush, workload, workloadSettings, options, crashProcess, crashPower, recover, live, slow, stepMode, playPause,
                step, continueOperation, chooseLesson, lessonNext, lessonBack, lessonRestart, lessonStop, help, about);
    }

    /** The F1 help: every action that has a key, with its key and what it does. */
    public String helpText() {
        List<String> lines = new ArrayList<>();
        lines.add("Keyboard shortcuts");
        lines.add("");
        for (Action a : all()) {
            String k = keyOf(a);
            if (k != null) {
                lines.add(String.format("%-28s %s", k, a.getProperties().get(HELP)));
            }
        }
        lines.add("");
        lines.add("Click here or press F1 to close");
        return String.join("\n", lines);
    }

    /** The key that runs {@code a}: its accelerator, or the key the main view handles for it; null for none. */
    public static String keyOf(Action a) {
        Object noted = a.getProperties().get(KEY);
        if (noted != null) {
            return (String) noted;
        }
        return a.getAccelerator() == null ? null : a.getAccelerator().getDisplayText();
    }

    private static void keyOf(Action a, String key) {
        a.getProperties().put(KEY, key);
        a.setLongText(a.getLongText() + " (" + key + ")");
    }

    private static Menu menu(String text, Action... actions) {
        Menu m = new Menu(text);
        add(m, actions);
        return m;
    }

    /** Adds menu items for the actions; a null adds a separator. */
    private static void add(Menu m, Action... actions) {
        for (Action a : actions) {
            if (a == null) {
                m.getItems().add(new SeparatorMenuItem());
            } else {
                MenuItem item = Boolean.TRUE.equals(a.getProperties().get(TOGGLE)) ? ActionUtils.createCheckMenuItem(a)
                        : ActionUtils.createMenuItem(a);
                m.getItems().add(item);
            }
        }
    }

    /**
     * Makes {@code button} run {@code a}, with its words, tooltip and icon ({@code showText}: the
     * words beside the icon; false: the icon alone, the words in the tooltip). Each button gets
     * its own icon node (a node sits in one place only).
     */
    public static <B extends ButtonBase> B configure(B button, Action a, boolean showText) {
        ActionUtils.configureButton(a, button, showText ? ActionUtils.ActionTextBehavior.SHOW
                : ActionUtils.ActionTextBehavior.HIDE);
        Object icon = a.getProperties().get(ICON);
        button.graphicProperty().unbind();
        if (icon != null) {
            FontIcon graphic = new FontIcon((String) icon);
            // the icon grows with the text (the window's text size). An inline style, set again
            // when the size changes: the theme's CSS would reset a size set in code, and
            // resetting a bound one fails with an error on every hover
            graphic.setStyle(withIconSize(graphic.getStyle(), iconSizeFor(button)));
            button.fontProperty().addListener((o, was, now) ->
                    graphic.setStyle(withIconSize(graphic.getStyle(), iconSizeFor(button))));
            button.setGraphic(graphic);
        } else {
            button.setGraphic(null);
        }
        return button;
    }

    private static int iconSizeFor(ButtonBase button) {
        return (int) Math.round(button.getFont().getSize() * 1.2);
    }

    /** The icon's inline style (it holds the icon's own font too) with its size replaced. */
    static String withIconSize(String style, int size) {
        String others = style == null ? "" : style.replaceAll("-fx-icon-size:[^;]*;?", "").trim();
        return (others.isEmpty() ? "" : others.endsWith(";") ? others + " " : others + "; ")
                + "-fx-icon-size: " + size + "px;";
    }

    private static Action action(String text, String icon, KeyCombination key, String help) {
        Action a = new Command(text);
        if (icon != null) {
            a.getProperties().put(ICON, icon);
        }
        a.getProperties().put(HELP, help);
        a.setAccelerator(key);
        a.setLongText(help + (key == null ? "" : " (" + key.getDisplayText() + ")"));
        return a;
    }

    private static Action toggle(String text, KeyCombination key, String help) {
        return toggle(text, key, help, null);
    }

    private static Action toggle(String text, KeyCombination key, String help, String icon) {
        Action a = action(text, icon, key, help);
        a.getProperties().put(TOGGLE, true);
        return a;
    }

    private static KeyCombination key(KeyCode code) {
        return new KeyCodeCombination(code);
    }

    private static KeyCombination shortcut(KeyCode code) {
        return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN);
    }

    private static KeyCombination shortcutShift(KeyCode code) {
        return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    }

    /** Menu items for the actions, for a menu button; a null adds a separator. */
    public static List<MenuItem> items(Action... actions) {
        Menu holder = new Menu();
        add(holder, actions);
        return List.copyOf(holder.getItems());
    }
}
