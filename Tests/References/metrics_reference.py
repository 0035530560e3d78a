# Prints scikit-learn's metrics for MetricsTests.swift.
# Run: $HOME/.cache/adjoint-peers-venv/bin/python Tests/References/metrics_reference.py
import numpy as np, sklearn
from sklearn.metrics import accuracy_score, confusion_matrix, top_k_accuracy_score
scores = np.array([[0.1, 2.0, 0.3, -1.0], [1.5, 0.2, 0.1, 0.0], [0.0, 0.1, 0.2, 0.3], [2.0, 1.9, -3.0, 0.5],
                   [0.3, 0.2, 0.9, 0.8], [-1.0, 0.0, 1.0, 2.0], [0.5, 0.4, 0.3, 0.2], [0.2, 0.9, 0.1, 0.3]])
labels = np.array([1, 0, 2, 1, 3, 3, 2, 0])
print("sklearn", sklearn.__version__)
print("accuracy", accuracy_score(labels, scores.argmax(1)))
for k in (1, 2, 3):
    print("top", k, top_k_accuracy_score(labels, scores, k=k, labels=[0, 1, 2, 3]))
print("confusion", confusion_matrix(labels, scores.argmax(1), labels=[0, 1, 2, 3]).tolist())
