package io.hyperstream.trainer.mlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoriesTest {

    @TempDir
    Path root;

    @Test
    void aDataSetIsFoundInsideTheFoldersByNameOrAbsolutePath() throws IOException {
        Path data = Files.createDirectories(root.resolve("data"));
        Path file = Files.writeString(data.resolve("iris.csv"), "a,b\n1,2\n");
        DataDirectories folders = new DataDirectories(List.of(data), "hyperstream.trainer.data-dirs");

        assertThat(folders.find("iris.csv")).isEqualTo(file.toAbsolutePath().normalize());
        assertThat(folders.find(file.toString())).isEqualTo(file.toAbsolutePath().normalize());
    }

    @Test
    void aPathOutOfTheFoldersIsRefusedWithoutReadingIt() throws IOException {
        Path data = Files.createDirectories(root.resolve("data"));
        Path secret = Files.writeString(root.resolve("secret.csv"), "password\nhunter2\n");
        DataDirectories folders = new DataDirectories(List.of(data), "hyperstream.trainer.data-dirs");

        assertThatThrownBy(() -> folders.find(secret.toString()))
                .hasMessage("data set " + secret + " (objective.settings.dataset) is outside the data folders ["
                        + data + "]; add its folder to hyperstream.trainer.data-dirs");
        assertThatThrownBy(() -> folders.find("../secret.csv"))
                .hasMessage("data set '../secret.csv' (objective.settings.dataset) leads out of the data folders ["
                        + data + "] (hyperstream.trainer.data-dirs)");
        assertThatThrownBy(() -> folders.find(data + "/../secret.csv"))
                .hasMessageContaining("is outside the data folders");
    }
}
