package io.hyperstream.cli.chaos;

/** One fault injected into a running study on the local stack, and the figures it ended with. */
interface Scenario {

    /** The name {@code --scenario} takes. */
    String name();

    /** What the scenario does, in one line. */
    String description();

    ScenarioResult run(ChaosRun run);
}
