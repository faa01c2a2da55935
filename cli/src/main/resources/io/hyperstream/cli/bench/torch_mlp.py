"""The reference MLP of `hpo bench trainer` in PyTorch, on one thread.

Trains 21-15-10-3 (relu, Adam lr 1e-3, batches of 32, unweighted cross-entropy) on the standardized
rows the DL4J benchmark exported (train.csv, valid.csv: features then the class index), evaluating
the validation rows after every epoch as the DL4J trainer does, and prints one JSON object.
Usage: python3 torch_mlp.py DIR EPOCHS
"""
import json
import resource
import sys
import time

import numpy as np
import torch


def load(path):
    rows = np.loadtxt(path, delimiter=",", dtype=np.float64, ndmin=2)
    return torch.tensor(rows[:, :-1], dtype=torch.float32), torch.tensor(rows[:, -1], dtype=torch.int64)


def balanced_accuracy(predicted, actual, classes):
    recalls = [(predicted[actual == c] == c).float().mean().item() for c in range(classes) if (actual == c).any()]
    return sum(recalls) / len(recalls)


def main():
    folder, epochs = sys.argv[1], int(sys.argv[2])
    torch.set_num_threads(1)
    torch.manual_seed(1)
    x_train, y_train = load(folder + "/train.csv")
    x_valid, y_valid = load(folder + "/valid.csv")
    classes = int(max(y_train.max(), y_valid.max()).item()) + 1
    model = torch.nn.Sequential(torch.nn.Linear(x_train.shape[1], 15), torch.nn.ReLU(), torch.nn.Linear(15, 10),
                                torch.nn.ReLU(), torch.nn.Linear(10, classes))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    epoch_ms, eval_ms, cpu_ms = [], [], []
    started = time.perf_counter()
    n = x_train.shape[0]
    for _ in range(epochs):
        cpu = time.process_time()
        start = time.perf_counter()
        model.train()
        order = torch.randperm(n)
        for b in range(0, n, 32):
            rows = order[b:b + 32]
            optimizer.zero_grad()
            loss = loss_fn(model(x_train[rows]), y_train[rows])
            loss.backward()
            optimizer.step()
        trained = time.perf_counter()
        model.eval()
        with torch.no_grad():
            logits = model(x_valid)
            valid_loss = loss_fn(logits, y_valid).item()
            predicted = logits.argmax(1)
            accuracy = (predicted == y_valid).float().mean().item()
            balanced = balanced_accuracy(predicted, y_valid, classes)
        end = time.perf_counter()
        epoch_ms.append((end - start) * 1000)
        eval_ms.append((end - trained) * 1000)
        cpu_ms.append((time.process_time() - cpu) * 1000)
    print(json.dumps({"framework": "pytorch", "version": torch.__version__, "epochs": epochs, "epoch_ms": epoch_ms,
                      "eval_ms": eval_ms, "cpu_ms": cpu_ms, "total_s": time.perf_counter() - started,
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
                      "balanced_accuracy": balanced, "accuracy": accuracy, "valid_loss": valid_loss}))


if __name__ == "__main__":
    main()
