package lsmviz.workload;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** How a workload picks the next key number in [0, keySpace). */
public enum KeyDistribution {
    /** 0, 1, 2, ... shared by all threads, wrapping at the key space. */
    SEQUENTIAL,
    /** Every key equally likely. */
    UNIFORM,
    /** A few keys hot, most cold (Zipf, skew 0.99 as in YCSB), hot keys scattered over the space. */
    ZIPFIAN;

    /** A picker for one workload run; thread-safe. */
    public Picker picker(long keySpace) {
        return switch (this) {
            case SEQUENTIAL -> new Picker() {
                private final AtomicLong next = new AtomicLong();

                @Override
                public long next() {
                    return Math.floorMod(next.getAndIncrement(), keySpace);
                }
            };
            case UNIFORM -> () -> ThreadLocalRandom.current().nextLong(keySpace);
            case ZIPFIAN -> new Zipfian(keySpace, 0.99);
        };
    }

    /** Picks key numbers. */
    @FunctionalInterface
    public interface Picker {
        long next();
    }

    /**
     * The Zipfian generator of Gray et al. ("Quickly generating billion-record synthetic
     * databases"), as YCSB uses it, with ranks scrambled by a hash so hot keys are spread out.
     */
    static final class Zipfian implements Picker {
        private final long n;
        private final double theta;
        private final double alpha;
        private final double zetan;
        private final double eta;

        Zipfian(long n, double theta) {
            this.n = n;
            this.theta = theta;
            this.zetan = zeta(n, theta);
            double zeta2 = zeta(2, theta);
            this.alpha = 1.0 / (1.0 - theta);
            this.eta = (1 - Math.pow(2.0 / n, 1 - theta)) / (1 - zeta2 / zetan);
        }

        /** Sum of 1/i^theta; for large n the tail is estimated by an integral (exact below 1e6). */
        static double zeta(long n, double theta) {
            long exact = Math.min(n, 1_000_000);
            double sum = 0;
            for (long i = 1; i <= exact; i++) {
                sum += 1 / Math.pow(i, theta);
            }
            if (n > exact) {
                sum += (Math.pow(n, 1 - theta) - Math.pow(exact, 1 - theta)) / (1 - theta);
            }
            return sum;
        }

        long rank() {
            double u = ThreadLocalRandom.current().nextDouble();
            double uz = u * zetan;
            if (uz < 1.0) {
                return 0;
            }
            if (uz < 1.0 + Math.pow(0.5, theta)) {
                return 1;
            }
            return Math.min(n - 1, (long) (n * Math.pow(eta * u - eta + 1, alpha)));
        }

        @Override
        public long next() {
            long r = rank();
            // scramble so that hot ranks land all over the key space, not at its start
            long h = r * 0x9E3779B97F4A7C15L;
            h ^= h >>> 32;
            return Math.floorMod(h, n);
        }
    }
}
