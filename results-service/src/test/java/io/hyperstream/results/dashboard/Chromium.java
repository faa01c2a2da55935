package io.hyperstream.results.dashboard;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through its chromedriver: installed by
 * {@code src/test/scripts/install-chromium.sh} when missing (as root), never downloaded by
 * Selenium itself.
 */
final class Chromium {

    static final Path WRAPPER = Path.of("/usr/bin/chromium");
    /** The browser binary behind Debian's wrapper script (whose memory check prints shell errors). */
    static final Path BINARY = Path.of("/usr/lib/chromium/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path INSTALLER = Path.of("src/test/scripts/install-chromium.sh");

    private Chromium() {
    }

    /** Null when Chromium and chromedriver are there (installing them if need be), else why they are not. */
    static synchronized String unavailable() {
        if (installed()) {
            return null;
        }
        Path log = Path.of("target", "chromium-install.log");
        try {
            Files.createDirectories(log.getParent());
            Process p = new ProcessBuilder("bash", INSTALLER.toString()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(15, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return "installing chromium and chromium-driver took over 15 minutes (see " + log + ")";
            }
            if (p.exitValue() != 0) {
                return "chromium and chromium-driver could not be installed by " + INSTALLER + " (exit "
                        + p.exitValue() + ", see " + log + "): " + Files.readString(log).strip();
            }
        } catch (IOException e) {
            return "cannot run " + INSTALLER + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while installing chromium";
        }
        return installed() ? null : INSTALLER + " ran but " + WRAPPER + " or " + DRIVER + " is still missing";
    }

    private static boolean installed() {
        return Files.isExecutable(WRAPPER) && Files.isExecutable(DRIVER);
    }

    /** A new headless browser with a fresh profile and a window of the given size. */
    static ChromeDriver start(int width, int height) throws IOException {
        Path profile = Files.createTempDirectory("hyperstream-chromium-");
        profile.toFile().deleteOnExit();
        ChromeOptions options = new ChromeOptions();
        options.setBinary((Files.isExecutable(BINARY) ? BINARY : WRAPPER).toString());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString())).usingAnyFreePort()
                .withLogFile(Path.of("target", "chromedriver.log").toFile()).build();
        return new ChromeDriver(service, options);
    }
}
