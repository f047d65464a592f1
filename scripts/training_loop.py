"""The training loop newsnlp's distillation scripts share: epochs of shuffled batches, a learning rate that
warms up and decays by steps or by the time budget (whichever is further along), a stop when the planned steps
are done, the budget is spent or a signal asks, checkpoints every few minutes, and `--resume` from the last one
(same data, same batch order, so a resumed run trains exactly the batches an uninterrupted one would).

    loop = TrainingLoop(model, optimizer, ckpt_path, steps_per_epoch, epochs=3, lr=5e-5, warmup=0.04,
                        max_minutes=90, checkpoint_minutes=10)
    if args.resume:
        loop.resume()
    info = loop.run(lambda epoch: batches_for(epoch), lambda batch, lr: one_step(batch, lr))

`run` returns what a model card records: steps, epochs, train_minutes, stopped_by.
"""
from __future__ import annotations

import math
import os
import time

import torch

from newsnlp_bert import lr_schedule, stop_on_signals, why_stop


class TrainingLoop:
    """Checkpointed, resumable training of one model with one optimizer."""

    def __init__(self, model, optimizer, checkpoint_path, steps_per_epoch, *, epochs, lr, warmup, max_minutes,
                 checkpoint_minutes=10.0, log_every=25):
        self.model = model
        self.optimizer = optimizer
        self.checkpoint_path = checkpoint_path
        self.steps_per_epoch = steps_per_epoch
        self.planned = max(1, int(round(steps_per_epoch * epochs)))
        self.lr = lr
        self.max_minutes = max_minutes
        self.budget = max_minutes * 60.0
        self.lr_factor = lr_schedule(warmup, self.planned, self.budget)
        self.checkpoint_seconds = checkpoint_minutes * 60.0
        self.log_every = log_every
        self.step, self.epoch, self.elapsed_before = 0, 0, 0.0
        self.stop = stop_on_signals()
        self._t_train = time.time()

    def resume(self) -> bool:
        """Model, optimizer and position from the last checkpoint, if there is one."""
        if not os.path.exists(self.checkpoint_path):
            print(f"no checkpoint at {self.checkpoint_path}: starting afresh", flush=True)
            return False
        state = torch.load(self.checkpoint_path, weights_only=False)
        self.model.load_state_dict(state["model"])
        self.optimizer.load_state_dict(state["optimizer"])
        self.step, self.epoch, self.elapsed_before = state["step"], state["epoch"], state["elapsed"]
        print(f"resumed at step {self.step} (epoch {self.epoch}, {self.elapsed_before / 60:.1f} min trained)",
              flush=True)
        return True

    def load_for_export(self) -> dict:
        """The last checkpoint's weights into the model (for --export-only); what the card records."""
        state = torch.load(self.checkpoint_path, weights_only=False)
        self.model.load_state_dict(state["model"])
        return {"steps": state["step"], "epochs": round(state["step"] / self.steps_per_epoch, 2),
                "train_minutes": round(state["elapsed"] / 60, 1), "stopped_by": "checkpoint (--export-only)"}

    def elapsed(self) -> float:
        return self.elapsed_before + time.time() - self._t_train

    def save_checkpoint(self):
        partial = self.checkpoint_path + ".partial"
        torch.save({"model": self.model.state_dict(), "optimizer": self.optimizer.state_dict(), "step": self.step,
                    "epoch": self.epoch, "elapsed": self.elapsed()}, partial)
        os.replace(partial, self.checkpoint_path)

    def run(self, batches_of_epoch, train_step) -> dict:
        """Trains until the plan, the budget or a signal stops it. `batches_of_epoch(epoch)` gives that epoch's
        batches in order (deterministic, so a resumed epoch skips the ones already trained);
        `train_step(batch, lr)` makes one optimizer step and returns its loss."""
        print(f"plan: {self.planned} steps ({self.steps_per_epoch} a epoch), budget {self.max_minutes} min",
              flush=True)
        self._t_train = time.time()
        last_checkpoint = time.time()
        stopped_by = "planned epochs completed"
        losses = []
        done = self.step >= self.planned
        while not done:
            batches = batches_of_epoch(self.epoch)
            skip = self.step - self.epoch * self.steps_per_epoch
            for batch in batches[max(0, skip):]:
                reason = why_stop(self.step, self.planned, self.elapsed(), self.budget, self.stop, self.max_minutes,
                                  stopped_by)
                if reason:
                    stopped_by, done = reason, True
                    break
                lr = self.lr * self.lr_factor(self.step, self.elapsed())
                losses.append(train_step(batch, lr))
                self.step += 1
                if self.step % self.log_every == 0 or self.step == 1:
                    print(f"step {self.step}/{self.planned} ep {self.epoch + 1} "
                          f"loss {sum(losses) / len(losses):.4f} lr {lr:.2e} elapsed {self.elapsed() / 60:.1f}m",
                          flush=True)
                    losses = []
                if time.time() - last_checkpoint >= self.checkpoint_seconds:
                    self.save_checkpoint()
                    last_checkpoint = time.time()
            else:
                self.epoch += 1
        self.save_checkpoint()
        return {"steps": self.step, "epochs": round(self.step / self.steps_per_epoch, 2),
                "train_minutes": round(self.elapsed() / 60, 1), "stopped_by": stopped_by}


def apply_gradients(model, optimizer, loss, lr: float, clip: float = 1.0) -> float:
    """One optimizer step on `loss` at learning rate `lr`, gradients clipped to norm `clip`; returns the loss."""
    for group in optimizer.param_groups:
        group["lr"] = lr
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), clip)
    optimizer.step()
    return loss.item()


def steps_per_epoch(n_items: int, batch_size: int) -> int:
    return math.ceil(n_items / batch_size)
