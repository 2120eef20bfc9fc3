package lsmviz.app;

/** The application's version, shown in About; a test keeps it equal to the pom's. */
public final class Version {
    public static final String NUMBER = "0.1.0";

    private Version() {}
}
