package io.hyperstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HomeTest {

    @TempDir
    Path dir;

    @Test
    void findsTheNearestFolderWithThePomAndTheServices() throws IOException {
        Files.writeString(dir.resolve("pom.xml"), "<project/>");
        Files.createDirectories(dir.resolve("sampler-service"));
        Path deep = Files.createDirectories(dir.resolve("cli/src/main"));
        assertThat(Home.findFrom(deep)).contains(dir.toAbsolutePath().normalize());
    }

    @Test
    void aModuleWithItsOwnPomIsNotTheRoot() throws IOException {
        Files.writeString(dir.resolve("pom.xml"), "<project/>");
        Files.createDirectories(dir.resolve("sampler-service"));
        Path module = Files.createDirectories(dir.resolve("cli"));
        Files.writeString(module.resolve("pom.xml"), "<project/>");
        assertThat(Home.findFrom(module)).contains(dir.toAbsolutePath().normalize());
    }

    @Test
    void nothingAboveAnUnrelatedFolder() throws IOException {
        Path other = Files.createDirectories(dir.resolve("a/b"));
        assertThat(Home.findFrom(other).filter(p -> p.startsWith(dir))).isEmpty();
    }
}
