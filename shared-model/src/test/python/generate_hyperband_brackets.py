"""Writes Optuna 3.1's Hyperband brackets: their number, their trial budgets and the bracket of
trials 0..99 of a few studies, for HyperbandBracketsTest.

Run with the interpreter that has Debian's python3-optuna (3.1.0):

    /usr/bin/python3 src/test/python/generate_hyperband_brackets.py \
        > src/test/resources/optuna/hyperband-brackets.json
"""
import json
import sys

import optuna
from optuna.trial import TrialState, create_trial

optuna.logging.set_verbosity(optuna.logging.ERROR)

SETTINGS = [(1, 40, 3), (1, 41, 3), (1, 27, 3), (3, 27, 3), (1, 243, 3), (2, 100, 4), (1, 81, 3), (5, 40, 2),
            (1, 1, 3), (1, 1000, 10), (4, 64, 4)]
STUDIES = ["fetal_mlp-hyperband-1", "branin-k3x9ab", "study-1", "x"]


def main():
    cases = []
    for min_resource, max_resource, eta in SETTINGS:
        for name in STUDIES:
            pruner = optuna.pruners.HyperbandPruner(
                min_resource=min_resource, max_resource=max_resource, reduction_factor=eta)
            study = optuna.create_study(study_name=name, pruner=pruner)
            pruner._try_initialization(study)
            brackets = []
            for number in range(100):
                trial = create_trial(state=TrialState.RUNNING)
                trial.number = number
                brackets.append(pruner._get_bracket_id(study, trial))
            cases.append({"min_resource": min_resource, "max_resource": max_resource, "reduction_factor": eta,
                          "study": name, "n_brackets": pruner._n_brackets,
                          "budgets": pruner._trial_allocation_budgets, "brackets": brackets})
    json.dump({"optuna": optuna.__version__, "cases": cases}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
