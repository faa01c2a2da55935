package io.hyperstream.cli.stack;

/** A stand-in service that exits with code 3 at start-up. */
public final class FakeCrashingService {

    private FakeCrashingService() {
    }

    public static void main(String[] args) throws Exception {
        FakeService.run("crash");
    }
}
