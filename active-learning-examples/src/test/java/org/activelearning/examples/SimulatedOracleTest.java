package org.activelearning.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.activelearning.core.Answer;
import org.activelearning.core.AnswerSink;
import org.activelearning.core.Query;
import org.junit.jupiter.api.Test;

class SimulatedOracleTest {

    private static List<Answer<Integer>> ask(SimulatedOracle<String> oracle, int n) {
        List<Query<String>> queries = new ArrayList<>();
        for (long id = 0; id < n; id++) {
            queries.add(new Query<>(id, "x", Double.NaN));
        }
        List<Answer<Integer>> answers = new ArrayList<>();
        oracle.label(queries, new AnswerSink<>() {
            @Override
            public void accept(Answer<Integer> answer) {
                answers.add(answer);
            }

            @Override
            public void retract(long id) {
                throw new AssertionError("the simulated oracle never retracts");
            }
        });
        return answers;
    }

    @Test
    void answersTheTruthWithoutNoise() {
        List<Answer<Integer>> a = ask(new SimulatedOracle<>(id -> (int) (id % 10), 10, 0, 1), 100);
        assertThat(a).allSatisfy(x -> assertThat(x.label()).isEqualTo((int) (x.id() % 10)));
    }

    @Test
    void noiseFlipsThatFractionToAWrongClassReproducibly() {
        List<Answer<Integer>> a = ask(new SimulatedOracle<>(id -> (int) (id % 10), 10, 0.3, 7), 5000);
        List<Answer<Integer>> b = ask(new SimulatedOracle<>(id -> (int) (id % 10), 10, 0.3, 7), 5000);
        long wrong = a.stream().filter(x -> x.label() != (int) (x.id() % 10)).count();
        assertThat(wrong / 5000.0).isBetween(0.27, 0.33);
        assertThat(a).isEqualTo(b);
        assertThat(a).allSatisfy(x -> assertThat(x.label()).isBetween(0, 9));
    }

    @Test
    void rejectsImpossibleNoise() {
        assertThatThrownBy(() -> new SimulatedOracle<>(id -> 0, 10, 1.2, 1)).hasMessageContaining("got 1.2");
        assertThatThrownBy(() -> new SimulatedOracle<>(id -> 0, 1, 0.2, 1)).hasMessageContaining("at least 2 classes");
    }
}
