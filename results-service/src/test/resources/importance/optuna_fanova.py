"""Writes optuna-fanova-reference.json: 200 trials of a known objective and the importances
Optuna 3.1's FanovaImportanceEvaluator gives them with seeds 0..4.

Run with Debian's python3-optuna (3.1.0) and python3-sklearn:
    /usr/bin/python3 optuna_fanova.py > optuna-fanova-reference.json
FanovaEvaluatorOptunaTest reads the file and compares results-service's fANOVA with these figures.
"""
import json
import math
import random

import optuna
from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution
from optuna.importance import FanovaImportanceEvaluator

optuna.logging.set_verbosity(optuna.logging.WARNING)

DISTRIBUTIONS = {
    "x0": FloatDistribution(0.0, 1.0),
    "x1": FloatDistribution(0.0, 1.0),
    "lr": FloatDistribution(1e-5, 1e-1, log=True),
    "units": IntDistribution(1, 64),
    "opt": CategoricalDistribution(["sgd", "adam", "rmsprop"]),
}


def objective(p):
    return (3 * p["x0"] + 8 * (p["x1"] - 0.5) ** 2 + 0.5 * math.log10(p["lr"])
            + (1.0 if p["opt"] == "adam" else 0.0) + 0.001 * p["units"])


rng = random.Random(2024)
study = optuna.create_study()
trials = []
for number in range(200):
    params = {
        "x0": rng.random(),
        "x1": rng.random(),
        "lr": 10 ** (-5 + 4 * rng.random()),
        "units": rng.randint(1, 64),
        "opt": rng.choice(["sgd", "adam", "rmsprop"]),
    }
    value = objective(params) + rng.gauss(0, 0.1)
    study.add_trial(optuna.trial.create_trial(params=params, distributions=DISTRIBUTIONS, value=value))
    trials.append({"number": number, "params": params, "value": value})

importances = {}
for seed in range(5):
    result = optuna.importance.get_param_importances(study, evaluator=FanovaImportanceEvaluator(seed=seed))
    importances[str(seed)] = {name: float(v) for name, v in result.items()}

print(json.dumps({"optuna": optuna.__version__, "objective":
                  "3 x0 + 8 (x1 - 0.5)^2 + 0.5 log10(lr) + [opt = adam] + 0.001 units + N(0, 0.1)",
                  "trials": trials, "importances": importances}, indent=1))
