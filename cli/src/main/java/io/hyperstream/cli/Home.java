package io.hyperstream.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the Hyperstream repository (the folder with the root {@code pom.xml} and the service
 * modules): from {@code -Dhyperstream.home}, which the {@code hpo} script sets, or by walking up
 * from the working directory.
 */
public final class Home {

    /** The system property the launcher script sets to the repository root. */
    public static final String PROPERTY = "hyperstream.home";

    private Home() {
    }

    /** The repository root, or a {@link CliException} saying how to point hpo at it. */
    public static Path find() {
        return locate().orElseThrow(() -> new CliException(ExitCodes.FAILURE,
                "cannot find the Hyperstream repository from " + workingDirectory()
                        + ": run hpo from inside it (./hpo) or set -D" + PROPERTY + "=<repository root>"));
    }

    /** The repository root if it can be found; throws if {@code -Dhyperstream.home} is set but wrong. */
    public static Optional<Path> locate() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured).toAbsolutePath().normalize();
            if (!isRoot(dir)) {
                throw new CliException(ExitCodes.FAILURE, "-D" + PROPERTY + "=" + configured
                        + " is not the Hyperstream repository (it needs pom.xml and sampler-service/)");
            }
            return Optional.of(dir);
        }
        return findFrom(workingDirectory());
    }

    /** The nearest folder at or above {@code start} that is the repository root. */
    public static Optional<Path> findFrom(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (isRoot(dir)) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /** Whether a folder is the repository root. */
    public static boolean isRoot(Path dir) {
        return Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("sampler-service"));
    }

    /** Where hpo keeps its logs and data inside the repository. */
    public static Path hpoDir(Path home) {
        return home.resolve(".hpo");
    }

    private static Path workingDirectory() {
        return Path.of(System.getProperty("user.dir"));
    }
}
