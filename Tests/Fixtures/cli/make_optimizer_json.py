#!/usr/bin/env python3
"""The `optimizer.json` literal of Tests/KilnCLITests/Inspect/CheckpointFixture.swift.

Prints the `param_groups` of a PyTorch 2.15 Adam optimizer's state_dict() (lr=1e-3, a Linear(2, 3)
after one step) as JSON, the layout Kiln's ParameterGroupState encodes, and the shapes of the
per-parameter state tensors (Kiln names them state.<index>.<name> in optimizer.safetensors):

    /tmp/kiln-ref/bin/python Tests/Fixtures/cli/make_optimizer_json.py
"""
import json

import torch

model = torch.nn.Sequential(torch.nn.Linear(2, 3))
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
model(torch.ones(1, 2)).sum().backward()
optimizer.step()
state = optimizer.state_dict()
print(json.dumps({"param_groups": state["param_groups"]}))
for index, entries in state["state"].items():
    for name, tensor in entries.items():
        print(f"state.{index}.{name}", list(tensor.shape), tensor.dtype)
