package lsmviz.bench;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.CodeSource;
import lsmviz.engine.Options;

/**
 * {@code bench --hooks compare}: what the event hooks cost with no listener attached, measured in
 * one process. The switch that compiles the hooks out ({@code -Dlsmviz.events=off}) is a
 * {@code static final} read once per class loader, so separate processes were the only way to
 * compare, and on a noisy VM two processes differ by more than the few percent being measured.
 * Here two copies of the engine's classes are loaded side by side, each by its own class loader,
 * one with the hooks and one without; an engine of each works through the same keys in blocks
 * that take turns ({@link Interleaved}), so both meet the same machine at the same moment.
 * Each copy compiles on its own, as the engine does in a process of its own.
 */
final class HooksComparison {
    private static final String EVENTS_PROPERTY = "lsmviz.events";

    /** One copy of the engine's classes; closing it closes its class loader. */
    static final class EngineCopy implements AutoCloseable {
        private final URLClassLoader loader;
        private final boolean hooks;
        private final MethodHandle open;
        private final MethodHandle fill;
        private final MethodHandle read;
        private final MethodHandle found;
        private final MethodHandle awaitFlushes;
        private final MethodHandle close;

        private EngineCopy(URLClassLoader loader) throws Throwable {
            this.loader = loader;
            Class<?> probe = Class.forName(HooksProbe.class.getName(), true, loader);
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            this.hooks = (boolean) lookup.findStatic(probe, "hooks", MethodType.methodType(boolean.class)).invoke();
            this.open = lookup.findConstructor(probe, MethodType.methodType(void.class, Path.class, long.class, int.class,
                    long.class, int.class, int.class, String.class, byte[][].class));
            this.fill = lookup.findVirtual(probe, "fill", MethodType.methodType(long.class, byte[][].class, int.class, int.class));
            this.read = lookup.findVirtual(probe, "read", MethodType.methodType(long.class, byte[][].class, int.class, int.class));
            this.found = lookup.findVirtual(probe, "found", MethodType.methodType(long.class));
            this.awaitFlushes = lookup.findVirtual(probe, "awaitFlushes", MethodType.methodType(void.class));
            this.close = lookup.findVirtual(probe, "close", MethodType.methodType(void.class));
        }

        boolean hooks() {
            return hooks;
        }

        @Override
        public void close() throws IOException {
            loader.close();
        }

        /** An engine of this copy in {@code dir}. */
        Engine open(Path dir, Options o, byte[][] values) throws IOException {
            try {
                Object p = open.invoke(dir, o.memtableSizeBytes(), o.blockSizeBytes(), o.sstableTargetBytes(),
                        o.maxImmutableMemtables(), o.bloomBitsPerKey(), o.flushMode().name(), values);
                return new Engine(this, p);
            } catch (IOException e) {
                throw e;
            } catch (Throwable t) {
                throw unchecked(t);
            }
        }
    }

    /** An engine of one copy. */
    static final class Engine implements AutoCloseable {
        private final EngineCopy copy;
        private final Object probe;

        private Engine(EngineCopy copy, Object probe) {
            this.copy = copy;
            this.probe = probe;
        }

        long fill(byte[][] keys, int from, int to) {
            return call(copy.fill, keys, from, to);
        }

        long read(byte[][] keys, int from, int to) {
            return call(copy.read, keys, from, to);
        }

        long found() {
            try {
                return (long) copy.found.invoke(probe);
            } catch (Throwable t) {
                throw unchecked(t);
            }
        }

        void awaitFlushes() throws InterruptedException {
            try {
                copy.awaitFlushes.invoke(probe);
            } catch (InterruptedException e) {
                throw e;
            } catch (Throwable t) {
                throw unchecked(t);
            }
        }

        private long call(MethodHandle h, byte[][] keys, int from, int to) {
            try {
                return (long) h.invoke(probe, keys, from, to);
            } catch (Throwable t) {
                throw unchecked(t);
            }
        }

        @Override
        public void close() {
            try {
                copy.close.invoke(probe);
            } catch (Throwable t) {
                throw unchecked(t);
            }
        }
    }

    private HooksComparison() {
    }

    /** What a call into a copy threw, as an unchecked exception (an error is thrown as it is). */
    private static RuntimeException unchecked(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        return t instanceof RuntimeException r ? r
                : t instanceof IOException io ? new java.io.UncheckedIOException(io) : new IllegalStateException(t);
    }

    /**
     * Loads a copy of the engine's classes from where this class came from, with the hooks on or
     * compiled out.
     */
    static EngineCopy load(boolean hooks) {
        CodeSource source = HooksComparison.class.getProtectionDomain().getCodeSource();
        URL where = source == null ? null : source.getLocation();
        if (where == null || !"file".equals(where.getProtocol())) {
            throw new IllegalStateException("--hooks compare loads the engine's classes a second time and needs them in a"
                    + " directory or jar on the class path (java -cp target/classes lsmviz.cli.Main bench ...)");
        }
        // the platform loader as parent: the copy loads lsmviz's classes itself, not from ours
        URLClassLoader loader = new URLClassLoader("lsmviz-hooks-" + (hooks ? "on" : "off"), new URL[] {where},
                ClassLoader.getPlatformClassLoader());
        EngineCopy copy;
        synchronized (HooksComparison.class) {
            String before = System.getProperty(EVENTS_PROPERTY);
            try {
                if (hooks) {
                    System.clearProperty(EVENTS_PROPERTY);
                } else {
                    System.setProperty(EVENTS_PROPERTY, "off");
                }
                copy = new EngineCopy(loader); // initialises the copy's EventBus, which reads the property
            } catch (Throwable t) {
                try {
                    loader.close();
                } catch (IOException suppressed) {
                    t.addSuppressed(suppressed);
                }
                throw new IllegalStateException("could not load a copy of the engine from " + where + ": " + t, t);
            } finally {
                if (before == null) {
                    System.clearProperty(EVENTS_PROPERTY);
                } else {
                    System.setProperty(EVENTS_PROPERTY, before);
                }
            }
        }
        if (copy.hooks() != hooks) {
            try {
                copy.close();
            } catch (IOException ignored) {
                // the exception below says what went wrong
            }
            throw new IllegalStateException("the engine copy meant to have its hooks " + (hooks ? "on" : "off")
                    + " has them " + (copy.hooks() ? "on" : "off"));
        }
        return copy;
    }
}
