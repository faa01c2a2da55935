package io.hyperstream.sampler.service;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.Direction;
import io.hyperstream.model.spec.ParamSpec;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.sampler.algorithm.FrozenTrial;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the completed trials of the earlier studies a spec names in {@code warm_start} into the
 * finished trials its sampler sees before the study's own: numbered 0..w-1, in the order the
 * studies are listed and, within a study, the order the trials completed.
 */
final class WarmStarts {

    /**
     * @param trials   the trials to give the sampler
     * @param problems why a listed study cannot seed this one (not found, other directions, other
     *                 parameters); a submission with problems is rejected
     * @param skipped  completed trials left out because their values do not fit this search space
     */
    record Result(List<FrozenTrial> trials, List<String> problems, int skipped) {
    }

    private WarmStarts() {
    }

    static Result of(StudySpec spec, Map<String, EarlierStudy> found) {
        List<FrozenTrial> trials = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int skipped = 0;
        List<String> ids = spec.warmStart() == null ? List.of() : spec.warmStart().studies();
        for (int i = 0; i < ids.size(); i++) {
            String where = "warm_start.studies[" + i + "]: study '" + ids.get(i) + "'";
            EarlierStudy earlier = found.get(ids.get(i));
            if (earlier == null) {
                problems.add(where + " was not found (no StudyAccepted for it)");
                continue;
            }
            if (!earlier.spec().directions().equals(spec.directions())) {
                problems.add(where + " has directions " + names(earlier.spec().directions())
                        + ", but this study has " + names(spec.directions()));
                continue;
            }
            String difference = spaceDifference(earlier.spec(), spec);
            if (difference != null) {
                problems.add(where + " has a different search space: " + difference);
                continue;
            }
            for (EarlierStudy.CompletedTrial trial : earlier.completed()) {
                if (trial.values().size() != spec.directions().size() || spec.misfit(trial.params()) != null) {
                    skipped++;
                    continue;
                }
                trials.add(new FrozenTrial(trials.size(), TrialState.COMPLETE, StudyRun.canonical(spec, trial.params()),
                        trial.values(), null));
            }
        }
        return new Result(trials, problems, skipped);
    }

    /**
     * How two search spaces differ in their parameters' names or types, or null when they have
     * the same parameters of the same types (bounds, steps and choices may differ: trials outside
     * the new ones are skipped).
     */
    static String spaceDifference(StudySpec earlier, StudySpec now) {
        for (ParamSpec p : now.searchSpace()) {
            ParamSpec before = earlier.param(p.name());
            if (before == null) {
                return "parameter '" + p.name() + "' is not in it";
            }
            String was = before.distribution().typeName();
            String is = p.distribution().typeName();
            if (!was.equals(is)) {
                return "parameter '" + p.name() + "' is " + was + " there and " + is + " here";
            }
        }
        for (ParamSpec p : earlier.searchSpace()) {
            if (now.param(p.name()) == null) {
                return "it has parameter '" + p.name() + "', which this study lacks";
            }
        }
        return null;
    }

    private static List<String> names(List<Direction> directions) {
        return directions.stream().map(Direction::jsonName).toList();
    }
}
