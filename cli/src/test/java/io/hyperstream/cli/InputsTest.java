package io.hyperstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InputsTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:9092", "localhost:29092", "kafka-1:9092,kafka-2:9093", "[::1]:9092"})
    void acceptsBootstrapLists(String value) {
        assertThat(Inputs.bootstrap(value)).isEqualTo(value);
    }

    @Test
    void dropsSpacesAroundBootstrapEntries() {
        assertThat(Inputs.bootstrap(" a:1, b:2 ")).isEqualTo("a:1,b:2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "localhost:", ":9092", "host:99999", "host:0", "a:1,", "host:port",
            "http://host:9092"})
    void refusesWhatIsNotHostPort(String value) {
        assertThatThrownBy(() -> Inputs.bootstrap(value))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("--bootstrap must be HOST:PORT")
                .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(ExitCodes.BAD_INPUT));
    }

    @Test
    void apiUrlLosesItsTrailingSlash() {
        assertThat(Inputs.apiUrl("http://127.0.0.1:8080/")).isEqualTo("http://127.0.0.1:8080");
        assertThat(Inputs.apiUrl("https://results.example.org/hpo")).isEqualTo("https://results.example.org/hpo");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "127.0.0.1:8080", "ftp://host", "http://", "http://host?x=1", "http://ho st"})
    void refusesApiUrlsThatAreNotHttp(String value) {
        assertThatThrownBy(() -> Inputs.apiUrl(value))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("--api must be an http(s) URL");
    }

    @Test
    void trainersMustBePositive() {
        assertThat(Inputs.trainers(1)).isEqualTo(1);
        assertThatThrownBy(() -> Inputs.trainers(-2)).hasMessage("--trainers must be at least 1, but got -2");
    }
}
