package org.activelearning.examples;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongToIntFunction;
import org.activelearning.core.Answer;
import org.activelearning.core.AnswerSink;
import org.activelearning.core.Oracle;
import org.activelearning.core.Query;

/**
 * Answers from the data set's ground truth, for demos and experiments. An optional noise rate
 * replaces that fraction of answers by a uniformly chosen wrong class, from a seeded generator.
 *
 * @param <X> the input type
 */
public final class SimulatedOracle<X> implements Oracle<X, Integer> {

    private final LongToIntFunction truth;
    private final int classes;
    private final double noise;
    private final SplittableRandom random;

    /**
     * Creates the oracle.
     *
     * @param truth the true class of an id
     * @param classes the number of classes
     * @param noise the fraction of answers to corrupt, in {@code [0, 1]}
     * @param seed the seed of the noise
     */
    public SimulatedOracle(LongToIntFunction truth, int classes, double noise, long seed) {
        if (!(noise >= 0 && noise <= 1)) {
            throw new IllegalArgumentException("Label noise must be in [0, 1], got " + noise);
        }
        if (classes < 2 && noise > 0) {
            throw new IllegalArgumentException("Label noise needs at least 2 classes, got " + classes);
        }
        this.truth = truth;
        this.classes = classes;
        this.noise = noise;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public void label(List<Query<X>> queries, AnswerSink<Integer> answers) {
        for (Query<X> q : queries) {
            int y = truth.applyAsInt(q.id());
            if (noise > 0 && random.nextDouble() < noise) {
                y = (y + 1 + random.nextInt(classes - 1)) % classes;
            }
            answers.accept(Answer.of(q.id(), y).withSeconds(0));
        }
    }

    @Override
    public String name() {
        return noise > 0 ? "simulated(noise=" + noise + ")" : "simulated";
    }
}
