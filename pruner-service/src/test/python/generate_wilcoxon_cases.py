"""Writes p-values of SciPy's one-sided Wilcoxon signed-rank test with zero_method="zsplit" (what
Optuna's WilcoxonPruner calls) for SignedRankTestTest: exact and normal-approximation cases,
with ties and zeros. Run with Debian's python3-scipy (1.10):

    /usr/bin/python3 src/test/python/generate_wilcoxon_cases.py \
        > src/test/resources/optuna/wilcoxon-cases.json
"""
import json
import random
import sys
import warnings

import scipy
import scipy.stats as ss

warnings.filterwarnings("ignore")
SEED = 20261201


def main():
    rng = random.Random(SEED)
    cases = []
    for i in range(300):
        n = rng.choice([1, 2, 3, 5, 8, 12, 20, 35, 50, 51, 60, 80])
        shift = rng.uniform(-1, 1)
        if rng.random() < 0.4:
            d = [float(rng.randint(-3, 3)) + (shift if rng.random() < 0.3 else 0) for _ in range(n)]
        else:
            d = [round(rng.gauss(shift, 1), rng.choice([1, 3, 6])) for _ in range(n)]
        alternative = rng.choice(["less", "greater"])
        p = float(ss.wilcoxon(d, alternative=alternative, zero_method="zsplit").pvalue)
        cases.append({"d": d, "alternative": alternative, "p": p})
    json.dump({"scipy": scipy.__version__, "cases": cases}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
