# Reference values for Tests/AdjointTests/TensorStatisticsTests.swift and Tests/AdjointNNTests/LossReferenceTests.swift,
# computed with PyTorch in float64. Run: $HOME/.cache/adjoint-peers-venv/bin/python Tests/References/reductions_and_losses_pytorch.py
import torch
import torch.nn.functional as F

torch.set_printoptions(precision=17)
def show(name, value, *grads):
    print(name, "value", repr(value.item()) if value.dim() == 0 else value.tolist())
    for g in grads:
        print("   grad", g.grad.tolist())

def t(x):
    return torch.tensor(x, dtype=torch.float64, requires_grad=True)

print("torch", torch.__version__)

# Losses
z = t([[2.0, 1.0, 0.0], [0.5, -1.0, 3.0]])
l = F.cross_entropy(z, torch.tensor([0, 2])); l.backward(); show("cross_entropy labels [0, 2]", l, z)
z = t([[2.0, 1.0, 0.0], [0.5, -1.0, 3.0]])
p = torch.tensor([[0.5, 0.5, 0.0], [0.2, 0.3, 0.5]], dtype=torch.float64)
l = F.cross_entropy(z, p); l.backward(); show("cross_entropy probabilities", l, z)
z = t([2.0, 1.0, 0.0])
l = F.cross_entropy(z, torch.tensor(0)); l.backward(); show("cross_entropy single row, label 0", l, z)
z = t([2.0, 1.0, 0.0])
l = F.cross_entropy(z, torch.tensor([0.1, 0.2, 0.7], dtype=torch.float64)); l.backward(); show("cross_entropy single row, probabilities", l, z)
a = t([1.0, 2.0, 3.5]); b = t([1.5, 0.0, 1.0])
l = F.mse_loss(a, b); l.backward(); show("mse_loss both", l, a, b)
z = t([-30.0, -1.0, 0.0, 2.0, 40.0])
y = torch.tensor([0.0, 0.3, 1.0, 1.0, 0.0], dtype=torch.float64)
l = F.binary_cross_entropy_with_logits(z, y); l.backward(); show("binary_cross_entropy_with_logits", l, z)
for delta in [1.0, 0.5]:
    q = t([0.2, -1.5, 3.0, 0.5])
    l = F.huber_loss(q, torch.tensor([0.0, 0.0, 1.0, 1.0], dtype=torch.float64), delta=delta); l.backward()
    show(f"huber_loss delta {delta}", l, q)
x = t([[-0.1, -2.4], [-1.2, -0.4], [-0.7, -0.7]])
l = F.nll_loss(x, torch.tensor([0, 1, 1])); l.backward(); show("nll_loss labels [0, 1, 1]", l, x)

# Reductions
m = [[1.0, -2.0, 3.0], [0.5, 4.0, -1.5]]
for c in [0, 1]:
    x = t(m); v = torch.var(x, dim=1, correction=c); v.sum().backward(); show(f"var dim 1 correction {c}", v, x)
    x = t(m); s = torch.std(x, correction=c); s.backward(); show(f"std all correction {c}", s, x)
for order in [1.0, 2.0, 3.0, float("inf")]:
    x = t(m); n = torch.linalg.vector_norm(x, ord=order, dim=1); n.sum().backward(); show(f"vector_norm ord {order} dim 1", n, x)
x = t([0.0, 0.0, 0.0]); n = torch.linalg.vector_norm(x); n.backward(); show("vector_norm of zeros", n, x)
x = t([2.0, 0.0, 3.0, -1.0]); p = torch.prod(x); p.backward(); show("prod one zero", p, x)
x = t([2.0, 0.0, 3.0, 0.0]); p = torch.prod(x); p.backward(); show("prod two zeros", p, x)
x = t(m); c = torch.cumsum(x, dim=1); (c * torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], dtype=torch.float64)).sum().backward(); show("cumsum dim 1, weighted", c, x)
x = t(m); l = torch.logsumexp(x.reshape(-1), dim=0); l.backward(); show("logsumexp all", l, x)
