package io.hyperstream.cli.stack;

/** A stand-in service that runs but never reports ready. */
public final class FakeUnreadyService {

    private FakeUnreadyService() {
    }

    public static void main(String[] args) throws Exception {
        FakeService.run("down");
    }
}
