package io.hyperstream.cli.study;

import static org.assertj.core.api.Assertions.assertThat;

import io.hyperstream.model.spec.Direction;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {

    private final TestEvents events = new TestEvents("s-1");
    private final StringWriter text = new StringWriter();
    private long now = 1_000_000_000L;

    private StudyProgress progress() {
        StudyProgress p = new StudyProgress("s-1", List.of(Direction.MINIMIZE), 3);
        p.apply(events.accepted());
        return p;
    }

    @Test
    void onATerminalTheLineIsRewrittenInPlace() {
        ProgressDisplay display = new ProgressDisplay(new PrintWriter(text), true, () -> now);
        StudyProgress p = progress();
        p.apply(events.started(0, Map.of()));
        display.update(p);
        now += TimeUnit.MILLISECONDS.toNanos(50);
        display.update(p);
        now += TimeUnit.MILLISECONDS.toNanos(250);
        p.apply(events.complete(0, 1.0));
        display.update(p);
        display.finish(p);

        String out = text.toString();
        assertThat(out).startsWith("\rtrials 0/3 finished (pruned 0, failed 0), running 1, best -, 0.0 s");
        assertThat(out.split("\r", -1)).hasSize(4);
        assertThat(out).contains("\rtrials 1/3 finished (pruned 0, failed 0), running 0, best 1.0000 (trial 0), 0.3 s");
        assertThat(out).endsWith(System.lineSeparator());
        assertThat(out.chars().filter(c -> c == '\n').count()).isEqualTo(1);
    }

    @Test
    void aShorterLineBlanksTheRestOfTheLongerOne() {
        ProgressDisplay display = new ProgressDisplay(new PrintWriter(text), true, () -> now);
        StudyProgress p = new StudyProgress("s-1", List.of(Direction.MINIMIZE), 3);
        display.update(p);
        String first = text.toString();
        p.apply(events.accepted());
        now += TimeUnit.SECONDS.toNanos(1);
        display.update(p);
        String second = text.toString().substring(first.length());
        assertThat(second.length()).isGreaterThanOrEqualTo(first.length());
    }

    @Test
    void elsewhereALineIsPrintedEveryFewSeconds() {
        ProgressDisplay display = new ProgressDisplay(new PrintWriter(text), false, () -> now);
        StudyProgress p = progress();
        display.update(p);
        for (int i = 0; i < 10; i++) {
            now += TimeUnit.SECONDS.toNanos(1);
            display.update(p);
        }
        display.finish(p);
        assertThat(text.toString()).doesNotContain("\r");
        assertThat(text.toString().lines()).containsExactly(
                "trials 0/3 finished (pruned 0, failed 0), running 0, best -, 0.0 s",
                "trials 0/3 finished (pruned 0, failed 0), running 0, best -, 5.0 s",
                "trials 0/3 finished (pruned 0, failed 0), running 0, best -, 10.0 s",
                "trials 0/3 finished (pruned 0, failed 0), running 0, best -, 10.0 s");
    }

    @Test
    void aNoteEndsTheProgressLineFirst() {
        StringWriter notes = new StringWriter();
        ProgressDisplay display = new ProgressDisplay(new PrintWriter(text), true, () -> now);
        display.update(progress());
        display.note(new PrintWriter(notes), "hpo: a warning");
        assertThat(text.toString()).endsWith(System.lineSeparator());
        assertThat(notes.toString()).isEqualTo("hpo: a warning" + System.lineSeparator());
    }
}
