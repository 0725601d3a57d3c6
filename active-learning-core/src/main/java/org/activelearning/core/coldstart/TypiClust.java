package org.activelearning.core.coldstart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.activelearning.core.InitialSelection;
import org.activelearning.core.Pool;
import org.activelearning.core.strategy.Reservoir;

/**
 * TypiClust (Hacohen, Dekel and Weinshall, "Active Learning on a Budget: Opposite Strategies Suit
 * High and Low Budgets", ICML 2022): a cold-start initial selection that is both typical and
 * diverse. The unlabeled pool is embedded, clustered by k-means into as many clusters as labels
 * wanted, and from each cluster, largest first, the most typical member is taken: the one with the
 * highest typicality, the inverse of the mean distance to its {@code min(20, size / 2)} nearest
 * neighbours within the cluster.
 *
 * <p>The embedding is any function of the inputs; {@link #pixels(int, Function)} uses {@link
 * RandomPca} of raw values (pixels) so no trained model is needed. Memory: {@code n x d} floats of
 * embeddings plus k-means' {@code k x d} centers; the neighbour search is within clusters, about
 * {@code (n / k)^2} distances each. Pools larger than {@link #DEFAULT_MAX_CANDIDATES} are
 * subsampled first (seeded), which bounds the time of k-means ({@code O(n k d)} per iteration).
 */
public final class TypiClust implements InitialSelection {

    /** The largest number of pool instances clustered; larger pools are subsampled. */
    public static final int DEFAULT_MAX_CANDIDATES = 20_000;
    private static final int NEIGHBOURS = 20;
    private static final int ITERATIONS = 30;

    private final int count;
    private final Function<long[], float[][]> embedding;
    private final int maxCandidates;

    /**
     * Creates the selection.
     *
     * @param count labels to choose, positive
     * @param embedding maps a batch of pool ids to their embedding rows (all of one length)
     * @param maxCandidates largest number of pool instances to cluster
     */
    public TypiClust(int count, Function<long[], float[][]> embedding, int maxCandidates) {
        if (count < 1) {
            throw new IllegalArgumentException("Initial labeled count must be >= 1, got " + count);
        }
        if (maxCandidates < count) {
            throw new IllegalArgumentException("maxCandidates " + maxCandidates + " is below the count " + count);
        }
        this.count = count;
        this.embedding = embedding;
        this.maxCandidates = maxCandidates;
    }

    /**
     * TypiClust on an engine-free embedding: 50 principal components of a 128-wide random projection
     * of each input's raw values.
     *
     * @param count labels to choose
     * @param rawValues the raw values of an input, such as its pixels
     * @param <X> the input type
     * @return the selection, for a pool of inputs of type {@code X}
     */
    public static <X> InitialSelection pixels(int count, Function<X, float[]> rawValues) {
        return new InitialSelection() {
            @Override
            @SuppressWarnings("unchecked")
            public long[] select(Pool<?> pool, RandomGenerator random) {
                Pool<X> typed = (Pool<X>) pool;
                long seed = random.nextLong();
                return new TypiClust(count, ids -> {
                    float[] flat = RandomPca.embed(i -> rawValues.apply(typed.input(ids[i])), ids.length, 128, 50, seed);
                    float[][] rows = new float[ids.length][];
                    for (int i = 0; i < ids.length; i++) {
                        rows[i] = Arrays.copyOfRange(flat, i * 50, (i + 1) * 50);
                    }
                    return rows;
                }, DEFAULT_MAX_CANDIDATES).select(pool, random);
            }

            @Override
            public String toString() {
                return "typiclust(" + count + ", pixels)";
            }
        };
    }

    @Override
    public long[] select(Pool<?> pool, RandomGenerator random) {
        if (count > pool.unlabeledCount()) {
            throw new IllegalArgumentException("Initial labeled count " + count + " exceeds the "
                    + pool.unlabeledCount() + " unlabeled instances of the pool; choose at most " + pool.unlabeledCount());
        }
        long[] ids = sample(pool, Math.min(maxCandidates, pool.unlabeledCount()), random);
        float[][] rows = embedding.apply(ids);
        if (rows.length != ids.length || rows.length == 0) {
            throw new IllegalStateException("The embedding returned " + rows.length + " rows for " + ids.length + " ids");
        }
        int n = ids.length;
        int d = rows[0].length;
        float[] data = new float[n * d];
        for (int i = 0; i < n; i++) {
            if (rows[i].length != d) {
                throw new IllegalStateException("Embedding row " + i + " has " + rows[i].length + " values; row 0 has " + d);
            }
            System.arraycopy(rows[i], 0, data, i * d, d);
        }
        int[] assign = KMeans.cluster(data, n, d, count, ITERATIONS, random);
        List<List<Integer>> clusters = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            clusters.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            clusters.get(assign[i]).add(i);
        }
        // members of each cluster, most typical first
        List<int[]> ranked = new ArrayList<>();
        for (List<Integer> members : clusters) {
            if (!members.isEmpty()) {
                ranked.add(byTypicality(members, data, d));
            }
        }
        ranked.sort(Comparator.<int[]>comparingInt(m -> -m.length).thenComparingLong(m -> ids[m[0]]));
        long[] out = new long[count];
        int filled = 0;
        for (int turn = 0; filled < count; turn++) {
            for (int[] members : ranked) {
                if (turn < members.length && filled < count) {
                    out[filled++] = ids[members[turn]];
                }
            }
        }
        return out;
    }

    /** The members sorted by decreasing typicality (ties to the smaller index). */
    static int[] byTypicality(List<Integer> members, float[] data, int d) {
        int size = members.size();
        int k = Math.max(1, Math.min(NEIGHBOURS, size / 2));
        double[] typicality = new double[size];
        double[] dist = new double[size];
        for (int a = 0; a < size; a++) {
            for (int b = 0; b < size; b++) {
                double s = 0;
                int ia = members.get(a) * d;
                int ib = members.get(b) * d;
                for (int j = 0; j < d; j++) {
                    double diff = data[ia + j] - data[ib + j];
                    s += diff * diff;
                }
                dist[b] = Math.sqrt(s);
            }
            dist[a] = Double.POSITIVE_INFINITY;
            if (size == 1) {
                typicality[a] = Double.POSITIVE_INFINITY;
                continue;
            }
            double[] sorted = dist.clone();
            Arrays.sort(sorted);
            double mean = 0;
            for (int j = 0; j < k; j++) {
                mean += sorted[j];
            }
            typicality[a] = 1 / (mean / k + 1e-12);
        }
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> typicality[q] != typicality[p] ? Double.compare(typicality[q], typicality[p])
                : Integer.compare(members.get(p), members.get(q)));
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = members.get(order[i]);
        }
        return out;
    }

    /** A seeded uniform sample of {@code m} unlabeled ids, in increasing id order. */
    private static long[] sample(Pool<?> pool, int m, RandomGenerator random) {
        long[] ids = Reservoir.sample(pool.unlabeledIds(), m, random);
        Arrays.sort(ids);
        return ids;
    }

    @Override
    public String toString() {
        return "typiclust(" + count + ")";
    }
}
