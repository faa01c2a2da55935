"""Writes the expected verdicts of Optuna 3.1's PercentilePruner for random studies.

PercentilePrunerOptunaCasesTest replays every case against the Java PercentilePruner.
Run with the interpreter that has Debian's python3-optuna (3.1.0):

    /usr/bin/python3 src/test/python/generate_percentile_cases.py \
        > src/test/resources/optuna/percentile-pruner-cases.json
"""
import json
import math
import random
import sys
import warnings

import optuna
from optuna.trial import TrialState, create_trial

optuna.logging.set_verbosity(optuna.logging.ERROR)
warnings.filterwarnings("ignore")  # numpy's "All-NaN slice" warnings are part of the cases

SEED = 20261129
N_CASES = 400


def random_value(rng, offset=0.0):
    r = rng.random()
    if r < 0.06:
        return float("nan")
    if r < 0.08:
        return rng.choice([float("inf"), float("-inf")])
    # Small integers make ties (value == percentile) frequent.
    return offset + (float(rng.randint(0, 12)) if rng.random() < 0.7 else round(rng.uniform(-5, 15), 3))


def random_curve(rng, max_step, min_steps=0, offset=0.0):
    # Mostly dense curves (as trainers report every epoch), some with gaps.
    if rng.random() < 0.6:
        steps = list(range(rng.randint(0, 1), rng.randint(1, max_step) + 1))
    else:
        steps = sorted(rng.sample(range(0, max_step + 1), rng.randint(min_steps, max_step + 1)))
    return {s: random_value(rng, offset) for s in steps}


def encode(v):
    # JSON has no NaN or infinities; the Java side reads these strings back.
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def main():
    rng = random.Random(SEED)
    cases = []
    for i in range(N_CASES):
        direction = rng.choice(["minimize", "maximize"])
        percentile = rng.choice([0.0, 10.0, 25.0, 50.0, 50.0, 75.0, 90.0, 100.0, round(rng.uniform(0, 100), 2)])
        n_startup_trials = rng.choice([0, 1, 2, 3, 5])
        n_warmup_steps = rng.choice([0, 0, 1, 2, 3])
        interval_steps = rng.choice([1, 1, 2, 3])
        n_min_trials = rng.choice([1, 1, 1, 2, 3])
        max_step = rng.randint(1, 7)
        study = optuna.create_study(direction=direction)
        others = []
        for _ in range(rng.choice([0, 1, 2, 4, 6, 8, 10, 12])):
            state = rng.choice([TrialState.COMPLETE] * 4 + [TrialState.PRUNED, TrialState.RUNNING, TrialState.FAIL])
            curve = random_curve(rng, max_step)
            value = 0.0 if state == TrialState.COMPLETE else None
            study.add_trial(create_trial(state=state, value=value, intermediate_values=curve))
            others.append({"state": state.name, "intermediate": {str(k): encode(v) for k, v in curve.items()}})
        # The current trial is often shifted towards the worse side, so that many cases prune.
        shift = rng.choice([0.0, 4.0, 8.0]) * (1 if direction == "minimize" else -1)
        current = random_curve(rng, max_step, min_steps=0 if rng.random() < 0.05 else 1, offset=shift)
        pruner = optuna.pruners.PercentilePruner(
            percentile, n_startup_trials=n_startup_trials, n_warmup_steps=n_warmup_steps,
            interval_steps=interval_steps, n_min_trials=n_min_trials)
        prune = pruner.prune(study, create_trial(state=TrialState.RUNNING, intermediate_values=current))
        cases.append({
            "case": i, "direction": direction, "percentile": percentile,
            "n_startup_trials": n_startup_trials, "n_warmup_steps": n_warmup_steps,
            "interval_steps": interval_steps, "n_min_trials": n_min_trials,
            "trials": others, "current": {str(k): encode(v) for k, v in current.items()},
            "prune": bool(prune)})
    json.dump({"optuna": optuna.__version__, "seed": SEED, "cases": cases}, sys.stdout, indent=None)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
