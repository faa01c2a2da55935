package io.hyperstream.trainer.service;

import io.hyperstream.trainer.objective.Evaluation;
import io.hyperstream.trainer.objective.Objective;
import io.hyperstream.trainer.objective.TrialContext;

/** A test objective that runs whatever script the test gives it. */
final class ScriptedObjective implements Objective {

    /** The body of a scripted trial. */
    @FunctionalInterface
    interface Script {
        Evaluation run(TrialContext context) throws Exception;
    }

    static final String KIND = "scripted";

    private volatile Script script;

    void play(Script next) {
        this.script = next;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Evaluation run(TrialContext context) throws Exception {
        return script.run(context);
    }
}
