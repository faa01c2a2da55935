package io.hyperstream.results.dashboard.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PlotsTest {

    @Test
    void historyTracksTheBestValueSoFarInTheStudysDirection() {
        List<TrialRow> rows = List.of(Rows.complete(0, 5), Rows.complete(1, 7), Rows.complete(2, 3),
                Rows.row(3, TrialState.PRUNED, 1, Map.of()), Rows.complete(4, 4), Rows.complete(5, 2));
        HistoryPlot min = HistoryPlot.of(Rows.study(Direction.MINIMIZE, rows), 0, 100);
        assertThat(min.complete()).isEqualTo(5);
        assertThat(min.numbers()).containsExactly(0, 1, 2, 4, 5);
        assertThat(min.bestNumbers()).containsExactly(0, 2, 5);
        assertThat(min.bestValues()).containsExactly(5, 3, 2);

        HistoryPlot max = HistoryPlot.of(Rows.study(Direction.MAXIMIZE, rows), 0, 100);
        assertThat(max.bestNumbers()).containsExactly(0, 1, 5);
        assertThat(max.bestValues()).containsExactly(5, 7, 7);
    }

    @Test
    void historyOfManyTrialsIsCutButKeepsEveryImprovement() {
        List<TrialRow> rows = new ArrayList<>();
        for (int n = 0; n < 10_000; n++) {
            rows.add(Rows.complete(n, 100 + Math.sin(n) * 50 - n / 1000.0));
        }
        HistoryPlot plot = HistoryPlot.of(Rows.study(Direction.MINIMIZE, rows), 0, 500);
        assertThat(plot.complete()).isEqualTo(10_000);
        assertThat(plot.shown()).isLessThanOrEqualTo(500 + plot.bestNumbers().length);
        for (int i = 0; i < plot.bestNumbers().length - 1; i++) {
            assertThat(plot.numbers()).contains(plot.bestNumbers()[i]);
        }
    }

    @Test
    void edfCountsTiesAndEndsAtOne() {
        List<TrialRow> rows = List.of(Rows.complete(0, 3), Rows.complete(1, 1), Rows.complete(2, 3), Rows.complete(3, 2));
        EdfPlot edf = EdfPlot.of(Rows.study(Direction.MINIMIZE, rows), 0, 100);
        assertThat(edf.values()).containsExactly(1, 2, 3, 3);
        assertThat(edf.fractions()).containsExactly(0.25, 0.5, 1, 1);
    }

    @Test
    void paramsPlotPlacesChoicesByIndexAndMarksMissingParameters() {
        List<TrialRow> rows = List.of(
                Rows.row(0, TrialState.COMPLETE, 1, Map.of("x", 1.0, "lr", 0.01, "opt", "sgd")),
                Rows.row(1, TrialState.COMPLETE, 2, Map.of("x", 2.0, "opt", "adam")),
                Rows.row(2, TrialState.COMPLETE, 3, Map.of("x", 3.0, "lr", 0.02, "opt", "nesterov")),
                Rows.row(3, TrialState.FAIL, Double.NaN, Map.of("x", 4.0)));
        ParamsPlot plot = ParamsPlot.of(Rows.study(Direction.MINIMIZE, rows), 0, 100);
        assertThat(plot.numbers()).containsExactly(0, 1, 2);
        assertThat(plot.columns().get(0)).containsExactly(1.0, 2.0, 3.0);
        assertThat(plot.columns().get(1)).containsExactly(0.01, null, 0.02);
        assertThat(plot.columns().get(2)).containsExactly(0.0, 1.0, 2.0);
        assertThat(plot.params().get(2).choices()).containsExactly("sgd", "adam", "nesterov");
    }

    @Test
    void paramsPlotOfManyTrialsKeepsTheBest() {
        List<TrialRow> rows = new ArrayList<>();
        for (int n = 0; n < 5000; n++) {
            rows.add(Rows.complete(n, (n * 7919) % 5000));
        }
        ParamsPlot plot = ParamsPlot.of(Rows.study(Direction.MINIMIZE, rows), 0, 200);
        assertThat(plot.shown()).isLessThanOrEqualTo(200);
        assertThat(plot.complete()).isEqualTo(5000);
        assertThat(plot.values()).contains(0.0, 1.0, 19.0);
    }

    @Test
    void contourIsExactAtATrialAndBetweenItsNeighboursElsewhere() {
        List<TrialRow> rows = List.of(
                Rows.row(0, TrialState.COMPLETE, 1, Map.of("x", -5.0, "lr", 1e-4, "opt", "sgd")),
                Rows.row(1, TrialState.COMPLETE, 9, Map.of("x", 10.0, "lr", 0.1, "opt", "adam")));
        ContourPlot plot = ContourPlot.of(Rows.study(Direction.MINIMIZE, rows), 0, "x", "lr", 2, 100);
        assertThat(plot.xEdges()).containsExactly(-5, 2.5, 10);
        assertThat(plot.yEdges()[1]).isCloseTo(Math.sqrt(1e-4 * 0.1), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(plot.z()[0][0]).isLessThan(plot.z()[1][1]);
        assertThat(plot.z()[0][0]).isBetween(1.0, 5.0);
        assertThat(plot.zMin()).isGreaterThanOrEqualTo(1.0);
        assertThat(plot.zMax()).isLessThanOrEqualTo(9.0);
        assertThat(plot.numbers()).containsExactly(0, 1);

        ContourPlot byChoice = ContourPlot.of(Rows.study(Direction.MINIMIZE, rows), 0, "opt", "x", 10, 100);
        assertThat(byChoice.z()[0]).hasSize(2);
        assertThat(byChoice.xs()).containsExactly(0, 1);
        assertThatThrownBy(() -> ContourPlot.of(Rows.study(Direction.MINIMIZE, rows), 0, "nope", "x", 10, 100))
                .hasMessageContaining("unknown parameter 'nope'");
    }

    @Test
    void timelineHasARowPerTrainerAndCountsTrialsRunningAtOnce() {
        List<TrialRow> rows = List.of(
                new TrialRow(0, TrialState.COMPLETE, new double[] {1}, Map.of(), "a", 0L, 100L, 1, null),
                new TrialRow(1, TrialState.COMPLETE, new double[] {1}, Map.of(), "b", 50L, 150L, 1, null),
                new TrialRow(2, TrialState.PRUNED, new double[] {1}, Map.of(), "a", 100L, 180L, 1, 1),
                new TrialRow(3, TrialState.RUNNING, null, Map.of(), "c", 120L, null, 1, null),
                new TrialRow(4, TrialState.WAITING, null, Map.of(), null, null, null, null, null));
        TimelinePlot plot = TimelinePlot.of(Rows.study(Direction.MINIMIZE, rows), 200, 100);
        assertThat(plot.trainers()).extracting(TimelinePlot.Trainer::id).containsExactly("a", "b", "c");
        assertThat(plot.bars()).hasSize(4);
        assertThat(plot.bars().get(3).end()).isEqualTo(200);
        assertThat(plot.concurrency()).containsExactly(1, 2, 3, 2, 1, 0);
        assertThat(plot.concurrencyAt()).containsExactly(0, 50, 120, 150, 180, 200);
        assertThat(plot.end()).isEqualTo(200);
    }

    @Test
    void timelineMergesConsecutiveTrialsWhenThereAreTooManyBars() {
        List<TrialRow> rows = new ArrayList<>();
        for (int n = 0; n < 1000; n++) {
            rows.add(new TrialRow(n, n % 3 == 0 ? TrialState.PRUNED : TrialState.COMPLETE, new double[] {1}, Map.of(),
                    "t" + n % 4, n * 10L, n * 10L + 35, 1, null));
        }
        TimelinePlot plot = TimelinePlot.of(Rows.study(Direction.MINIMIZE, rows), 10_000, 100);
        assertThat(plot.merged()).isTrue();
        assertThat(plot.bars().size()).isLessThanOrEqualTo(100);
        assertThat(plot.bars().stream().mapToInt(TimelinePlot.Bar::count).sum()).isEqualTo(1000);
        assertThat(plot.trainers()).hasSize(4);
    }

    @Test
    void intermediateSelectsTheBestTheRunningAndASampleAndMarksPrunedTrials() {
        List<TrialRow> rows = new ArrayList<>();
        for (int n = 0; n < 300; n++) {
            TrialState state = n >= 295 ? TrialState.RUNNING : n % 4 == 1 ? TrialState.PRUNED : TrialState.COMPLETE;
            rows.add(Rows.row(n, state, state == TrialState.RUNNING ? Double.NaN : 1000 - n, Map.of()));
        }
        StudyData study = Rows.study(Direction.MINIMIZE, rows);
        Map<Integer, IntermediatePlot.Role> selection = IntermediatePlot.select(study, 0, 40);
        assertThat(selection).hasSize(40);
        assertThat(selection.entrySet().stream().filter(e -> e.getValue() == IntermediatePlot.Role.BEST).map(Map.Entry::getKey))
                .containsExactly(294, 292, 291, 290, 288, 287, 286, 284);
        assertThat(selection.entrySet().stream().filter(e -> e.getValue() == IntermediatePlot.Role.RUNNING).count()).isEqualTo(5);

        SortedMap<Integer, Double> curve = new TreeMap<>();
        for (int e = 1; e <= 50; e++) {
            curve.put(e, 10.0 / e);
        }
        curve.put(51, Double.NaN);
        int prunedNumber = selection.keySet().stream().filter(n -> n % 4 == 1 && n < 295).findFirst().orElseThrow();
        IntermediatePlot plot = IntermediatePlot.of(study, 0, selection, Map.of(prunedNumber, curve), 10);
        assertThat(plot.curves()).hasSize(40);
        IntermediatePlot.Curve pruned = plot.curves().stream().filter(c -> c.number() == prunedNumber).findFirst().orElseThrow();
        assertThat(pruned.pruned()).isTrue();
        assertThat(pruned.prunedAtEpoch()).isEqualTo(3);
        assertThat(pruned.epochs()).hasSize(10).startsWith(1).endsWith(50);
        assertThat(plot.withEpochs()).isEqualTo(300);
        assertThat(plot.maxEpoch()).isEqualTo(50);
    }

    @Test
    void paretoPlotSeparatesTheFrontFromTheOthers() {
        List<TrialRow> rows = List.of(
                new TrialRow(0, TrialState.COMPLETE, new double[] {1, 1}, Map.of(), null, null, null, null, null),
                new TrialRow(1, TrialState.COMPLETE, new double[] {2, 3}, Map.of(), null, null, null, null, null),
                new TrialRow(2, TrialState.COMPLETE, new double[] {2, 0.5}, Map.of(), null, null, null, null, null),
                new TrialRow(3, TrialState.PRUNED, new double[] {0, 9}, Map.of(), null, null, null, null, null));
        StudyData study = new StudyData("s", List.of(Direction.MINIMIZE, Direction.MAXIMIZE), List.of("loss", "acc"),
                Rows.PARAMS, rows);
        ParetoPlot plot = ParetoPlot.of(study, 0, 1, 100);
        assertThat(plot.frontNumbers()).containsExactly(0, 1);
        assertThat(plot.otherNumbers()).containsExactly(2);
        assertThat(plot.complete()).isEqualTo(3);
        assertThatThrownBy(() -> ParetoPlot.of(Rows.study(Direction.MINIMIZE, rows), 0, 1, 100))
                .hasMessageContaining("two or more objectives");
    }

    @Test
    void trialTableSortsAnyColumnWithMissingValuesLast() {
        List<TrialRow> rows = List.of(Rows.complete(0, 3), Rows.row(1, TrialState.FAIL, Double.NaN, Map.of("x", 9.0)),
                Rows.complete(2, 1), Rows.row(3, TrialState.PRUNED, 2, Map.of("x", -1.0)), Rows.complete(4, 5));
        StudyData study = Rows.study(Direction.MINIMIZE, rows);
        assertThat(TrialTable.of(study, "value", false, null, 0, 10).items()).extracting(TrialTable.Item::number)
                .containsExactly(2, 3, 0, 4, 1);
        assertThat(TrialTable.of(study, "value", true, null, 0, 10).items()).extracting(TrialTable.Item::number)
                .containsExactly(4, 0, 3, 2, 1);
        assertThat(TrialTable.of(study, "param:x", true, null, 0, 2).items()).extracting(TrialTable.Item::number)
                .containsExactly(1, 4);
        TrialTable complete = TrialTable.of(study, "number", true, TrialState.COMPLETE, 1, 2);
        assertThat(complete.total()).isEqualTo(3);
        assertThat(complete.items()).extracting(TrialTable.Item::number).containsExactly(0);
        assertThatThrownBy(() -> TrialTable.of(study, "colour", false, null, 0, 10))
                .hasMessageContaining("sort must be one of").hasMessageContaining("'colour'");
        assertThatThrownBy(() -> TrialTable.of(study, "value:3", false, null, 0, 10))
                .hasMessageContaining("objective must be an integer from 0 to 0, but got 3");
    }
}
