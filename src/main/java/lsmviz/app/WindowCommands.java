package lsmviz.app;

/**
 * The window's commands, split by what they act on: files ({@link FileCommands}), the engine
 * ({@link EngineCommands}), lessons ({@link LessonCommands}) and the window's looks
 * ({@link ViewCommands}). {@link #wire()} gives every action of the menus, the toolbar and the
 * keyboard its handler.
 */
public final class WindowCommands {
    private final FileCommands files;
    private final EngineCommands engine;
    private final LessonCommands lessons;
    private final ViewCommands looks;

    WindowCommands(FileCommands files, EngineCommands engine, LessonCommands lessons, ViewCommands looks) {
        this.files = files;
        this.engine = engine;
        this.lessons = lessons;
        this.looks = looks;
    }

    void wire() {
        files.wire();
        engine.wire();
        lessons.wire();
        looks.wire();
    }

    public FileCommands files() {
        return files;
    }

    public EngineCommands engine() {
        return engine;
    }

    public LessonCommands lessons() {
        return lessons;
    }
}
