package io.hyperstream.results.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.hyperstream.model.spec.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ParetoFrontTest {

    private static final List<Direction> MIN_MAX_MIN = List.of(Direction.MINIMIZE, Direction.MAXIMIZE, Direction.MINIMIZE);

    private static BestTrial trial(int number, Double... values) {
        return new BestTrial(number, List.of(values), Map.of("x", number));
    }

    private static List<Integer> numbers(List<BestTrial> trials) {
        return trials.stream().map(BestTrial::number).toList();
    }

    @Test
    void keepsTheTrialsNoOtherDominatesInTheirDirections() {
        List<BestTrial> trials = List.of(
                trial(4, 1.0, 5.0, 1.0),
                trial(0, 1.0, 5.0, 2.0),   // beaten by 4 on the third objective only
                trial(1, 0.0, 1.0, 9.0),   // best first objective
                trial(2, 9.0, 9.0, 9.0),   // best second objective (maximized)
                trial(3, 2.0, 4.0, 3.0),   // beaten by 4 everywhere
                trial(5, 1.0, 5.0, 1.0));  // equal to 4: both stay

        assertThat(numbers(ParetoFront.of(trials, MIN_MAX_MIN))).containsExactly(1, 2, 4, 5);
    }

    @Test
    void leavesOutTrialsWithoutAFiniteValuePerObjective() {
        List<BestTrial> trials = new ArrayList<>(List.of(trial(0, 5.0, 5.0, 5.0), trial(1, Double.NaN, 9.0, 0.0),
                trial(2, -1.0, Double.POSITIVE_INFINITY, 0.0), trial(3, 0.0, 0.0)));
        trials.add(new BestTrial(4, null, Map.of()));

        assertThat(numbers(ParetoFront.of(trials, MIN_MAX_MIN))).containsExactly(0);
        assertThat(ParetoFront.of(List.of(), MIN_MAX_MIN)).isEmpty();
    }

    @Test
    void agreesWithComparingEveryPairOnRandomTrials() {
        Random random = new Random(5);
        List<BestTrial> trials = new ArrayList<>();
        for (int n = 0; n < 400; n++) {
            // Few distinct values, so that ties and equal trials are common.
            trials.add(trial(n, (double) random.nextInt(12), (double) random.nextInt(12), (double) random.nextInt(12)));
        }
        List<Integer> expected = new ArrayList<>();
        for (BestTrial t : trials) {
            boolean dominated = trials.stream().anyMatch(o -> {
                double[] a = {o.values().get(0), -o.values().get(1), o.values().get(2)};
                double[] b = {t.values().get(0), -t.values().get(1), t.values().get(2)};
                return a[0] <= b[0] && a[1] <= b[1] && a[2] <= b[2] && (a[0] < b[0] || a[1] < b[1] || a[2] < b[2]);
            });
            if (!dominated) {
                expected.add(t.number());
            }
        }

        assertThat(expected).hasSizeGreaterThan(5);
        assertThat(numbers(ParetoFront.of(trials, MIN_MAX_MIN))).isEqualTo(expected);
    }
}
