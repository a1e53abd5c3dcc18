#!/usr/bin/python3
"""Makes the `causal-lm` draft fixture: a tiny GPT-2-shaped decoder, randomly initialised with a
fixed seed (never trained), exported to TorchScript with a real KV cache, in the layout a user's ML
team writes for their own fine-tuned causal LM (model.pt + tokenizer.json + manifest.json).

    /usr/bin/python3 models/src/test/python/make_causal_lm_fixture.py [OUT_DIR [ONNX_OUT_DIR]]

Needs PyTorch (Debian: apt-get install python3-torch python3-onnx, 1.13 CPU); nothing else. The
build never runs this: what it writes is committed under models/src/test/resources/causal-lm/
(TorchScript, about 120 KB) and models/src/test/resources/causal-lm-onnx/ (the same weights as
ONNX, in Hugging Face Optimum's layout, below).

The exported contract (the one README.md asks of a user's export, "format": "causal-lm"):

    forward(input_ids: long[B, T], attention_mask: long[B, P + T], past: float[L, 2, B, H, P, D])
        -> (logits: float[B, T, V], present: float[L, 2, B, H, P + T, D])

`past` holds every layer's keys (index 0) and values (index 1) of the P tokens seen before; the
first call passes P = 0.

The ONNX copy has the same weights in the layout `optimum-cli export onnx --task
text-generation-with-past` writes (`model.onnx`), so the Java tests can check that both exports of
one network choose the same tokens:

    inputs:  input_ids int64 [B, T], attention_mask int64 [B, P + T], position_ids int64 [B, T],
             past_key_values.{i}.key / past_key_values.{i}.value float32 [B, H, P, D]
    outputs: logits float32 [B, T, V], present.{i}.key / present.{i}.value float32 [B, H, P + T, D] Positions continue from P, so feeding one new token with the past gives
the same logits as re-running the whole sequence: that is what the Java tests check.

Honest about what is not learned: with random weights nothing would ever end a reply, so the
output layer gets one hand-written term, EOS_RAMP * max(0, position - EOS_FROM) added to the logit
of <|end|> (the absolute position, which the model knows from its position embedding): replies end
at EOS once a sequence passes EOS_FROM tokens. A fine-tuned model learns when to stop; this term is
only there so that "stops at EOS" is testable. Two reply-template tokens the grounding tests need
(the company slot {{Website Name}} and an order-number-like word, ord-99999) get a fixed bias
HEAD_BIAS so that random generations contain them often. Everything else is the seed's.
"""
import hashlib
import json
import math
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

SEED = 20261201
LAYERS, HIDDEN, HEADS, FFN, MAX_LENGTH = 2, 32, 2, 64, 64
HEAD_DIM = HIDDEN // HEADS
INIT_STD = 0.3  # larger than GPT-2's 0.02 so that greedy choices have clear margins
EOS_FROM, EOS_RAMP, HEAD_BIAS = 24, 8.0, 1.5
VERSION = "2026.12.0"

SPECIALS = ["<pad>", "<unk>", "<|user|>", "<|assistant|>", "<|end|>"]
PAD, UNK, USER, ASSISTANT, END = range(len(SPECIALS))
SLOT = "{{Website Name}}"
WORDS = [
    # the prompt layout's own words and the labels the other stages give
    "intent:", "sentiment:", "entities:", "message:", "none", "unknown", "negative", "neutral",
    "positive", "track_order", "cancel_order", "get_refund", "track_refund", "contact_customer_service",
    "order_id=ord-99999",
    # reply words
    "thanks", "for", "your", "message", "we", "will", "help", "you", "with", "order", "refund",
    "please", "visit", "call", "us", "at", "today", "soon", "the", "a", "is", "on", "its", "way",
    "sorry", "about", "this", "can", "check", "status", "of", "and", "to", "my", "where", "i",
    "want", "cancel", "ord-99999", ".", ",", "?", "!",
]


def vocabulary():
    tokens = SPECIALS + [SLOT] + WORDS
    assert len(set(tokens)) == len(tokens)
    return {t: i for i, t in enumerate(tokens)}


def tokenizer_json(vocab):
    """A Hugging Face word-level tokenizer: lower case, split on whitespace; the specials and the
    slot are added tokens matched before normalisation."""
    added = [{"id": vocab[t], "content": t, "single_word": False, "lstrip": False, "rstrip": False,
              "normalized": False, "special": t in SPECIALS} for t in SPECIALS + [SLOT]]
    return {
        "version": "1.0", "truncation": None, "padding": None, "added_tokens": added,
        "normalizer": {"type": "Lowercase"}, "pre_tokenizer": {"type": "WhitespaceSplit"},
        "post_processor": None, "decoder": None,
        "model": {"type": "WordLevel", "vocab": vocab, "unk_token": "<unk>"},
    }


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def write_tokenizer(out_dir, vocab):
    """Writes out_dir/tokenizer.json; returns its SHA-256."""
    path = os.path.join(out_dir, "tokenizer.json")
    with open(path, "w") as f:
        json.dump(tokenizer_json(vocab), f, separators=(",", ":"))
        f.write("\n")
    return sha256(path)


class Block(nn.Module):
    """A GPT-2 block (pre-norm, fused qkv, GELU MLP) whose attention reads and extends a cache."""

    def __init__(self):
        super().__init__()
        self.ln1 = nn.LayerNorm(HIDDEN)
        self.qkv = nn.Linear(HIDDEN, 3 * HIDDEN)
        self.proj = nn.Linear(HIDDEN, HIDDEN)
        self.ln2 = nn.LayerNorm(HIDDEN)
        self.fc = nn.Linear(HIDDEN, FFN)
        self.out = nn.Linear(FFN, HIDDEN)
        self.heads, self.head_dim, self.hidden = HEADS, HEAD_DIM, HIDDEN
        self.scale = 1.0 / math.sqrt(HEAD_DIM)

    def forward(self, x, bias, past_k, past_v):
        b, t = x.size(0), x.size(1)
        qkv = self.qkv(self.ln1(x)).view(b, t, 3, self.heads, self.head_dim).permute(2, 0, 3, 1, 4)
        k = torch.cat([past_k, qkv[1]], dim=2)
        v = torch.cat([past_v, qkv[2]], dim=2)
        scores = torch.matmul(qkv[0], k.transpose(-1, -2)) * self.scale + bias
        attn = torch.matmul(torch.softmax(scores, dim=-1), v).transpose(1, 2).reshape(b, t, self.hidden)
        x = x + self.proj(attn)
        x = x + self.out(F.gelu(self.fc(self.ln2(x))))
        return x, k, v


class TinyGpt(nn.Module):
    def __init__(self, vocab_size, eos_id, biased):
        super().__init__()
        self.tok = nn.Embedding(vocab_size, HIDDEN)
        self.pos = nn.Embedding(MAX_LENGTH, HIDDEN)
        self.blocks = nn.ModuleList([Block() for _ in range(LAYERS)])
        self.ln = nn.LayerNorm(HIDDEN)
        self.head = nn.Linear(HIDDEN, vocab_size, bias=False)
        bias = torch.zeros(vocab_size)
        for i in biased:
            bias[i] = HEAD_BIAS
        self.register_buffer("head_bias", bias)
        self.eos_id = eos_id
        self.eos_from, self.eos_ramp = float(EOS_FROM), float(EOS_RAMP)

    def forward(self, input_ids, attention_mask, past):
        b, t = input_ids.size(0), input_ids.size(1)
        p = past.size(4)
        positions = torch.arange(p, p + t, device=input_ids.device).unsqueeze(0)
        x = self.tok(input_ids) + self.pos(positions)
        keys = torch.arange(p + t, device=input_ids.device).view(1, 1, 1, p + t)
        future = (keys > positions.view(1, 1, t, 1)).to(x.dtype)
        padding = (1 - attention_mask.to(x.dtype)).view(b, 1, 1, p + t)
        bias = (future + padding).clamp(max=1.0) * -1.0e9
        present = []
        for i, block in enumerate(self.blocks):
            x, k, v = block(x, bias, past[i, 0], past[i, 1])
            present.append(torch.stack([k, v]))
        logits = self.head(self.ln(x)) + self.head_bias
        ramp = (positions.to(x.dtype) - self.eos_from).clamp(min=0.0) * self.eos_ramp
        eos = torch.zeros_like(logits)
        eos[:, :, self.eos_id] = ramp
        return logits + eos, torch.stack(present)


class OptimumLayout(nn.Module):
    """TinyGpt's network with Optimum's ONNX inputs and outputs: positions come from position_ids
    and each layer's keys and values are separate tensors. Same blocks, same weights."""

    def __init__(self, gpt, vocab_size):
        super().__init__()
        self.gpt = gpt
        self.register_buffer("eos_one_hot", F.one_hot(torch.tensor(gpt.eos_id), vocab_size).float())

    def forward(self, input_ids, attention_mask, position_ids, *past):
        g = self.gpt
        b, t = input_ids.size(0), input_ids.size(1)
        total = attention_mask.size(1)
        x = g.tok(input_ids) + g.pos(position_ids)
        keys = torch.arange(total, device=input_ids.device).view(1, 1, 1, total)
        future = (keys > position_ids.view(b, 1, t, 1)).to(x.dtype)
        padding = (1 - attention_mask.to(x.dtype)).view(b, 1, 1, total)
        bias = (future + padding).clamp(max=1.0) * -1.0e9
        present = []
        for i, block in enumerate(g.blocks):
            x, k, v = block(x, bias, past[2 * i], past[2 * i + 1])
            present += [k, v]
        logits = g.head(g.ln(x)) + g.head_bias
        ramp = (position_ids.to(x.dtype) - g.eos_from).clamp(min=0.0) * g.eos_ramp
        return (logits + ramp.unsqueeze(-1) * self.eos_one_hot, *present)


def export_onnx(model, vocab, out_dir, manifest):
    """Writes model.onnx (Optimum's layout), tokenizer.json and manifest.json to out_dir."""
    import onnx

    os.makedirs(out_dir, exist_ok=True)
    wrapper = OptimumLayout(model, len(vocab)).eval()
    p, t = 3, 2  # trace with a past, so that every length is a symbol
    past, names_in, names_out, axes = [], [], [], {
        "input_ids": {0: "batch_size", 1: "sequence_length"},
        "attention_mask": {0: "batch_size", 1: "total_sequence_length"},
        "position_ids": {0: "batch_size", 1: "sequence_length"},
        "logits": {0: "batch_size", 1: "sequence_length"}}
    for i in range(LAYERS):
        for kind in ("key", "value"):
            past.append(torch.randn(1, HEADS, p, HEAD_DIM))
            names_in.append("past_key_values.%d.%s" % (i, kind))
            names_out.append("present.%d.%s" % (i, kind))
            axes[names_in[-1]] = {0: "batch_size", 2: "past_sequence_length"}
            axes[names_out[-1]] = {0: "batch_size", 2: "total_sequence_length"}
    weights = os.path.join(out_dir, "model.onnx")
    with torch.no_grad():
        ids, mask = torch.tensor([[5, 6]]), torch.ones(1, p + t, dtype=torch.long)
        mine = wrapper(ids, mask, torch.tensor([[p, p + 1]]), *past)
        stacked = torch.stack([torch.stack(past[2 * i:2 * i + 2]) for i in range(LAYERS)])
        theirs = model(ids, mask, stacked)
        assert torch.allclose(mine[0], theirs[0], atol=1e-5), "both layouts must compute the same"
        torch.onnx.export(
            wrapper,
            (torch.tensor([[5, 6]]), torch.ones(1, p + t, dtype=torch.long),
             torch.tensor([[p, p + 1]]), *past),
            weights, input_names=["input_ids", "attention_mask", "position_ids"] + names_in,
            output_names=["logits"] + names_out, dynamic_axes=axes, opset_version=14,
            do_constant_folding=True)
    onnx.checker.check_model(onnx.load(weights))
    onnx_manifest = dict(manifest)
    onnx_manifest.update({
        "name": "fixture-causal-lm-onnx", "weights": "model.onnx", "sha256": sha256(weights),
        "files": {"tokenizer.json": write_tokenizer(out_dir, vocab)},
        "notes": "the causal-lm fixture's weights exported to ONNX in Hugging Face Optimum's"
                 " text-generation-with-past layout; randomly initialised (never trained), made by"
                 " models/src/test/python/make_causal_lm_fixture.py"})
    with open(os.path.join(out_dir, "manifest.json"), "w") as f:
        json.dump(onnx_manifest, f, indent=2)
        f.write("\n")
    print("model.onnx %d bytes sha256 %s" % (os.path.getsize(weights), onnx_manifest["sha256"]))


def empty_past(batch=1):
    return torch.zeros(LAYERS, 2, batch, HEADS, 0, HEAD_DIM)


def generate(model, ids, max_new, cache=True):
    """Greedy decoding as the Java loader does it; returns tokens and the smallest top-2 gap."""
    out, gap, past = [], float("inf"), empty_past()
    feed = ids
    for _ in range(max_new):
        seq = ids + out
        if cache:
            logits, past = model(torch.tensor([feed]), torch.ones(1, len(seq), dtype=torch.long), past)
        else:
            logits, _ = model(torch.tensor([seq]), torch.ones(1, len(seq), dtype=torch.long), empty_past())
        last = logits[0, -1]
        top = torch.topk(last, 2).values
        gap = min(gap, float(top[0] - top[1]))
        token = int(last.argmax())
        if token == END or len(seq) + 1 >= MAX_LENGTH:
            break
        out.append(token)
        feed = [token]
    return out, gap


def main():
    if os.environ.get("PYTHONHASHSEED") != "0":
        # TorchScript writes a module's constants in set order: fix the hash seed so that two runs
        # write the same bytes (and the manifest's sha256 does not change).
        os.environ["PYTHONHASHSEED"] = "0"
        os.execv(sys.executable, [sys.executable] + sys.argv)
    resources = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources")
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(resources, "causal-lm")
    onnx_dir = sys.argv[2] if len(sys.argv) > 2 else os.path.join(resources, "causal-lm-onnx")
    torch.manual_seed(SEED)
    torch.set_num_threads(1)
    vocab = vocabulary()
    model = TinyGpt(len(vocab), END, [vocab[SLOT], vocab["ord-99999"]])
    with torch.no_grad():
        for name, param in model.named_parameters():
            if "ln" in name:
                continue  # LayerNorm keeps weight 1, bias 0
            param.normal_(0.0, INIT_STD)
    model.eval()
    scripted = torch.jit.script(model)
    os.makedirs(out_dir, exist_ok=True)
    weights = os.path.join(out_dir, "model.pt")
    scripted.save(weights)
    sha = sha256(weights)
    manifest = {
        "name": "fixture-causal-lm", "version": VERSION, "stage": "DRAFT", "format": "causal-lm",
        "architecture": {"type": "gpt2", "layers": LAYERS, "hidden": HIDDEN, "heads": HEADS,
                         "ffn": FFN, "initStd": INIT_STD, "trained": False},
        "hyperparameters": {"seed": SEED, "eosFrom": EOS_FROM, "eosRamp": EOS_RAMP,
                            "headBias": HEAD_BIAS},
        "maxLength": MAX_LENGTH, "threshold": 0.05, "weights": "model.pt", "sha256": sha,
        "tokenizer": "tokenizer.json",
        "files": {"tokenizer.json": write_tokenizer(out_dir, vocab)},
        "prompt": "<|user|> intent: {intents} sentiment: {sentiment} entities: {entities}"
                  " message: {message} <|assistant|>",
        "eosTokenIds": [END], "stopTokens": ["<|user|>"], "maxNewTokens": 32,
        "kvCache": {"layers": LAYERS, "heads": HEADS, "headDim": HEAD_DIM},
        "notes": "randomly initialised test fixture (never trained) made by"
                 " models/src/test/python/make_causal_lm_fixture.py",
    }
    with open(os.path.join(out_dir, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    print("model.pt %d bytes sha256 %s" % (os.path.getsize(weights), sha))
    export_onnx(model, vocab, onnx_dir, manifest)
    inverse = {i: t for t, i in vocab.items()}
    for words in ["where is my order", "i want a refund for order ord-99999", "cancel my order"]:
        prompt = manifest["prompt"].format(intents="track_order", sentiment="neutral",
                                           entities="none", message=words)
        ids = [vocab.get(w if w in SPECIALS else w.lower(), UNK) for w in prompt.split()]
        cached, gap = generate(scripted, ids, 32)
        full, _ = generate(scripted, ids, 32, cache=False)
        assert cached == full, "the cache must give what a full re-run gives"
        print("%-40s -> %s (prompt %d tokens, smallest top-2 gap %.3f)" % (
            words, " ".join(inverse[t] for t in cached), len(ids), gap))


if __name__ == "__main__":
    main()
