package io.hyperstream.cli.chaos;

/** One fault injected into a running study on the local stack, and the figures it ended with. */
public interface Scenario {

    /** The name {@code --scenario} takes. */
    String name();

    /** What the scenario does, in one line. */
    String description();

    /** Runs the scenario on the stack and judges its studies by the recount of the event log against the API. */
    ScenarioResult run(ChaosRun run);
}
