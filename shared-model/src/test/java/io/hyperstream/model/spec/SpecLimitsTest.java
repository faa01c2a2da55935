package io.hyperstream.model.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hyperstream.model.MalformedMessageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SpecLimitsTest {

    private static final ObjectiveSpec OBJECTIVE = new ObjectiveSpec("synthetic", Map.of(), List.of("value"), 1);
    private static final Budget BUDGET = new Budget(10, 1, null);

    @Test
    void aSpecAtEveryLimitIsAccepted() {
        List<ParamSpec> space = new ArrayList<>();
        space.add(new ParamSpec("c".repeat(SpecLimits.MAX_NAME_LENGTH), new CategoricalDistribution(
                IntStream.range(0, SpecLimits.MAX_CHOICES).<Object>mapToObj(Integer::valueOf).toList())));
        IntStream.range(1, SpecLimits.MAX_PARAMETERS)
                .forEach(i -> space.add(new ParamSpec("x" + i, new FloatDistribution(0, 1, false, null))));

        StudySpec spec = spec("s".repeat(SpecLimits.MAX_NAME_LENGTH), space, OBJECTIVE);

        assertThat(spec.searchSpace()).hasSize(1000);
    }

    @Test
    void tooManyParametersAreRefusedNamingTheLimit() {
        List<ParamSpec> space = IntStream.range(0, 1001)
                .mapToObj(i -> new ParamSpec("x" + i, new FloatDistribution(0, 1, false, null))).toList();

        assertThatThrownBy(() -> spec("big", space, OBJECTIVE))
                .hasMessage("search_space holds 1001 parameters; at most 1000 are allowed");
    }

    @Test
    void tooLongNamesAreRefusedNamingTheField() {
        String longName = "p".repeat(201);
        List<ParamSpec> space = List.of(new ParamSpec("x", new FloatDistribution(0, 1, false, null)),
                new ParamSpec(longName, new FloatDistribution(0, 1, false, null)));

        assertThatThrownBy(() -> spec("study", space, OBJECTIVE)).hasMessage(
                "search_space[1].name is 201 characters long ('pppppppppppppppppppp...'); at most 200 are allowed");
        assertThatThrownBy(() -> spec(longName, space.subList(0, 1), OBJECTIVE))
                .hasMessageStartingWith("name is 201 characters long");
        assertThatThrownBy(() -> spec("study", space.subList(0, 1),
                new ObjectiveSpec("synthetic", Map.of(), List.of(longName), 1)))
                .hasMessageStartingWith("objective.metrics[0] is 201 characters long");
    }

    @Test
    void tooManyChoicesAreRefusedNamingTheParameter() {
        List<Object> choices = IntStream.range(0, 10_001).<Object>mapToObj(Integer::valueOf).toList();
        List<ParamSpec> space = List.of(new ParamSpec("c", new CategoricalDistribution(choices)));

        assertThatThrownBy(() -> spec("study", space, OBJECTIVE))
                .hasMessage("search_space[0]: parameter 'c': choices holds 10001 values; at most 10000 are allowed");
    }

    @Test
    void aJsonSpecOverALimitGetsTheSameReason() {
        StringBuilder json = new StringBuilder("{\"name\":\"s\",\"search_space\":[");
        for (int i = 0; i < 1001; i++) {
            json.append(i == 0 ? "" : ",").append("{\"name\":\"x").append(i).append("\",\"type\":\"int\",\"low\":0,\"high\":1}");
        }
        json.append("],\"objective\":{\"kind\":\"synthetic\"},\"budget\":{\"n_trials\":1}}");

        assertThatThrownBy(() -> StudySpecReader.read(json.toString())).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("search_space holds 1001 parameters; at most 1000 are allowed");
    }

    private static StudySpec spec(String name, List<ParamSpec> space, ObjectiveSpec objective) {
        return new StudySpec(name, null, space, null, null, objective, BUDGET);
    }
}
