# Prints PyTorch's AdamW and RMSprop trajectories for OptimizerPyTorchTests.swift (float64).
# Run: $HOME/.cache/adjoint-peers-venv/bin/python Tests/References/optimizer_reference.py
# Problem: p0 = [1.0, -2.0, 0.5], loss(p) = sum(c * p**2) + sum(d * p), c = [0.5, 1.5, 2.0], d = [0.3, -0.1, 0.7],
# so the gradient is 2 c p + d. A bias-like second parameter q0 = [0.25] with loss 3 q (gradient 3).
import torch
torch.set_default_dtype(torch.float64)
c = torch.tensor([0.5, 1.5, 2.0]); d = torch.tensor([0.3, -0.1, 0.7])
def run(make, steps=5):
    p = torch.tensor([1.0, -2.0, 0.5], requires_grad=True)
    q = torch.tensor([0.25], requires_grad=True)
    opt = make([p, q])
    for _ in range(steps):
        opt.zero_grad()
        loss = (c * p * p).sum() + (d * p).sum() + 3 * q.sum()
        loss.backward()
        opt.step()
    return p.detach().tolist(), q.detach().tolist()
cases = {
  "AdamW(lr=0.1, weight_decay=0.1)": lambda ps: torch.optim.AdamW(ps, lr=0.1, weight_decay=0.1),
  "AdamW defaults": lambda ps: torch.optim.AdamW(ps),
  "RMSprop(lr=0.01) defaults": lambda ps: torch.optim.RMSprop(ps, lr=0.01),
  "RMSprop(lr=0.05, momentum=0.9, centered=True, weight_decay=0.1)":
      lambda ps: torch.optim.RMSprop(ps, lr=0.05, momentum=0.9, centered=True, weight_decay=0.1),
  "AdamW(lr=0.1, weight_decay=0.1), q in a group with weight_decay=0":
      lambda ps: torch.optim.AdamW([{"params": [ps[0]]}, {"params": [ps[1]], "weight_decay": 0.0}], lr=0.1, weight_decay=0.1),
}
print("torch", torch.__version__)
for name, make in cases.items():
    p, q = run(make)
    print(name, "after 5 steps: p =", repr(p), "q =", repr(q))
