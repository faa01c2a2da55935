"""Writes the verdicts Optuna 3.1's SuccessiveHalvingPruner and HyperbandPruner give in studies
whose trials run in parallel, for HalvingOptunaCasesTest.

Each case runs n_trials trials, `parallel` at a time, through Optuna's ask-and-tell interface: at
every tick one running trial (chosen at random) reports its next step and asks should_prune; a
pruned trial is told PRUNED, a trial at its last step COMPLETE, and a new trial takes its place.
The Java test replays the same reports in the same order and compares every verdict. Optuna's
SHA counts the rung values of running trials too, so these cases check the rungs under
concurrency. Run with Debian's python3-optuna (3.1.0):

    /usr/bin/python3 src/test/python/generate_halving_cases.py \
        > src/test/resources/optuna/halving-cases.json
"""
import json
import math
import random
import sys

import optuna
from optuna.trial import TrialState

optuna.logging.set_verbosity(optuna.logging.ERROR)

SEED = 20261130
N_CASES = 60


def curve(rng, steps, direction):
    quality = rng.random()
    speed = rng.uniform(1, 10)
    values = []
    for s in range(1, steps + 1):
        v = quality * (1 - math.exp(-s / speed)) + rng.gauss(0, 0.03)
        if rng.random() < 0.3:
            v = round(v, 1)  # ties
        if rng.random() < 0.01:
            v = float("nan")
        values.append(v if direction == "maximize" else -v)
    return values


def encode(v):
    return "NaN" if math.isnan(v) else v


def main():
    rng = random.Random(SEED)
    cases = []
    for i in range(N_CASES):
        kind = "sha" if i % 2 == 0 else "hyperband"
        direction = rng.choice(["minimize", "maximize"])
        steps = rng.choice([9, 16, 27, 40])
        n_trials = rng.choice([10, 20, 30])
        parallel = rng.choice([1, 2, 3, 4])
        if kind == "sha":
            options = {"min_resource": rng.choice([1, 2, 3]), "reduction_factor": rng.choice([2, 3, 4]),
                       "min_early_stopping_rate": rng.choice([0, 0, 1]), "bootstrap_count": rng.choice([0, 0, 0, 2])}
            pruner = optuna.pruners.SuccessiveHalvingPruner(**options)
        else:
            options = {"min_resource": rng.choice([1, 2]), "max_resource": steps,
                       "reduction_factor": rng.choice([2, 3]), "bootstrap_count": rng.choice([0, 0, 1])}
            pruner = optuna.pruners.HyperbandPruner(**options)
        name = "halving-case-%d" % i
        study = optuna.create_study(study_name=name, direction=direction, pruner=pruner)
        curves = [curve(rng, steps, direction) for _ in range(n_trials)]
        events = []
        running = {}
        started = 0
        while started < n_trials or running:
            while len(running) < parallel and started < n_trials:
                running[started] = (study.ask(), 0)
                started += 1
            number = rng.choice(sorted(running))
            trial, done = running[number]
            step = done + 1
            value = curves[number][step - 1]
            trial.report(value, step)
            prune = trial.should_prune()
            events.append({"trial": number, "step": step, "value": encode(value), "prune": bool(prune)})
            if prune:
                study.tell(trial, state=TrialState.PRUNED)
                del running[number]
            elif step == steps:
                final = value if not math.isnan(value) else 0.0
                study.tell(trial, final)
                events.append({"trial": number, "complete": encode(final)})
                del running[number]
            else:
                running[number] = (trial, step)
        cases.append({"case": i, "study": name, "pruner": kind, "options": options, "direction": direction,
                      "steps": steps, "parallel": parallel, "events": events})
    json.dump({"optuna": optuna.__version__, "seed": SEED, "cases": cases}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
