package com.example.consumer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.activelearning.core.ActiveLearningLoop;
import org.activelearning.core.Answer;
import org.activelearning.core.InitialSelection;
import org.activelearning.core.LabeledExample;
import org.activelearning.core.Learner;
import org.activelearning.core.LoopResult;
import org.activelearning.core.Oracle;
import org.activelearning.core.Pool;
import org.activelearning.core.Probabilities;
import org.activelearning.core.Query;
import org.activelearning.core.QueryStrategy;
import org.activelearning.core.stopping.StoppingCriteria;
import org.activelearning.core.strategy.QueryStrategies;

/** What a user writes: their own oracle, their own strategy, and a loop over their own data. */
public final class ConsumerDemo {

    private ConsumerDemo() {}

    /** Words labeled "long" or "short" by a stand-in for a labeling team's tool. */
    public static LoopResult run(List<Long> asked) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            words.add("w".repeat(1 + i % 12));
        }
        Pool<String> pool = Pool.range(0, words.size(), id -> words.get((int) id));

        // A custom oracle: the labeling team's tool answers each query.
        Oracle<String, String> team = (queries, answers) -> {
            for (Query<String> q : queries) {
                asked.add(q.id());
                answers.accept(Answer.of(q.id(), q.input().length() > 6 ? "long" : "short"));
            }
        };
        // A custom strategy: least confidence on top of a one-lambda measure.
        QueryStrategy<String> strategy = QueryStrategies.uncertainty("closest-to-even",
                (p, row) -> -Math.abs(p.get(row, 0) - p.get(row, 1)));

        try (Learner<String, String> learner = new LengthThreshold()) {
            return ActiveLearningLoop.<String, String>builder()
                    .setPool(pool).setLearner(learner).setOracle(team).setStrategy(strategy)
                    .optInitialSelection(InitialSelection.random(4)).optQuerySize(3)
                    .optStoppingCriterion(StoppingCriteria.maxRounds(3)).optSeed(1)
                    .build().run();
        }
    }

    /** A tiny learner: a logistic curve on word length around the midpoint of the class means. */
    static final class LengthThreshold implements Learner<String, String> {
        private double threshold = 6.5;

        @Override
        public List<String> classes() {
            return List.of("long", "short");
        }

        @Override
        public void fit(List<LabeledExample<String, String>> labeled) {
            Map<String, Double> means = labeled.stream().collect(Collectors.groupingBy(LabeledExample::label,
                    Collectors.averagingInt(e -> e.input().length())));
            if (means.size() == 2) {
                threshold = (means.get("long") + means.get("short")) / 2;
            }
        }

        @Override
        public Probabilities predictProbabilities(List<String> inputs) {
            float[] v = new float[inputs.size() * 2];
            for (int i = 0; i < inputs.size(); i++) {
                double pLong = 1 / (1 + Math.exp(-(inputs.get(i).length() - threshold)));
                v[2 * i] = (float) pLong;
                v[2 * i + 1] = (float) (1 - pLong);
            }
            return Probabilities.wrap(inputs.size(), 2, v);
        }
    }
}
