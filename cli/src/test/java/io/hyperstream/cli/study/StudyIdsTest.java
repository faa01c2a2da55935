package io.hyperstream.cli.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hyperstream.cli.CliException;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StudyIdsTest {

    @Test
    void generatedIdsAreTheNameAndSixRandomCharacters() {
        assertThat(StudyIds.generate("branin", new Random(1))).matches("branin-[a-z0-9]{6}");
    }

    @Test
    void theSameSeedGivesTheSameIdAndDifferentSeedsDiffer() {
        assertThat(StudyIds.generate("b", new Random(7))).isEqualTo(StudyIds.generate("b", new Random(7)));
        Set<String> ids = new HashSet<>();
        Random random = new Random(3);
        for (int i = 0; i < 100; i++) {
            ids.add(StudyIds.generate("b", random));
        }
        assertThat(ids).hasSize(100);
    }

    @Test
    void namesAreReducedToIdCharacters() {
        assertThat(StudyIds.slug("Fetal health (MLP)")).isEqualTo("Fetal-health-MLP");
        assertThat(StudyIds.slug("  ")).isEqualTo("study");
        assertThat(StudyIds.slug("--x--")).isEqualTo("x");
        assertThat(StudyIds.slug("a".repeat(100))).hasSize(60);
        assertThat(StudyIds.check(StudyIds.generate("ünïcode name/with slash", new Random(2)))).isNotEmpty();
    }

    @Test
    void userIdsAreChecked() {
        assertThat(StudyIds.check("branin-1.v2_x")).isEqualTo("branin-1.v2_x");
        for (String bad : new String[] {"", "-x", "a b", "a/b", "a?b", "x".repeat(129)}) {
            assertThatThrownBy(() -> StudyIds.check(bad)).isInstanceOf(CliException.class)
                    .hasMessageContaining("--study-id");
        }
    }
}
