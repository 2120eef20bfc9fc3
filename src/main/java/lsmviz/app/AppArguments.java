package lsmviz.app;

import java.util.List;

/**
 * The window's command line: {@code --lesson=N} opens built-in lesson N (1 for the first) at start,
 * a teacher's desktop shortcut; {@code --workload} starts the workload at once ({@code --rate=N}
 * operations a second, else as fast as possible); {@code --measure=S} runs it S seconds at full
 * speed, prints the figures and quits ({@code --warmup=W} seconds first).
 */
record AppArguments(int lesson, boolean workload, long rate, int measureSeconds, int warmupSeconds) {

    static AppArguments parse(List<String> args) {
        int lesson = 0;
        boolean workload = false;
        long rate = 0;
        int measure = 0;
        int warmup = 0;
        for (String a : args) {
            if (a.equals("--workload")) {
                workload = true;
            } else if (a.startsWith("--lesson=")) {
                lesson = positive(a, "--lesson=");
            } else if (a.startsWith("--rate=")) {
                rate = positive(a, "--rate=");
            } else if (a.startsWith("--measure=")) {
                measure = positive(a, "--measure=");
            } else if (a.startsWith("--warmup=")) {
                warmup = positive(a, "--warmup=");
            } else {
                throw new IllegalArgumentException("unknown argument '" + a
                        + "' (known: --lesson=N, --workload, --rate=N, --measure=S, --warmup=S)");
            }
        }
        return new AppArguments(lesson, workload || measure > 0, rate, measure, warmup);
    }

    private static int positive(String arg, String prefix) {
        String v = arg.substring(prefix.length());
        try {
            int n = Integer.parseInt(v);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(prefix.replace("=", "") + " takes a whole number, not '" + v + "'");
        }
    }
}
