"""A measurement, not part of the product: the issue's option (b), a generator conditioned on the
message. A word-level GPT (3 layers, 192 wide, 4 heads; about 2.6k words of vocabulary, the slots
{{ORDER_ID}}, {{Website Name}}, ... as single tokens) is trained from scratch on the shipped reply
bank's 2,394 Bitext request/reply templates, each prompt in the causal-lm layout with the
request's intent and entities, the loss on the reply only; it is exported to ONNX in Hugging Face
Optimum's text-generation-with-past layout with a manifest, so that ./smallfirst eval --stage
draft scores it through the causal-lm format like any user's model. README ("Retrieval against a
trained generator") has what it scored.

    /usr/bin/python3 -u training/src/test/python/train_draft_lm.py OUT_DIR MINUTES

It reads model-workers/models/draft/bank.jsonl and target/default-training-data/draft-bitext.jsonl
(`./smallfirst default-data` writes it; for the entities of each request). Training runs for
MINUTES of wall time (the learning rate decays with it), so another machine gives another model.
Needs Debian's python3-torch and libopenblas0-pthread (see finetune_probe.py).
"""
import hashlib, json, math, os, random, re, sys, time, collections
import torch, torch.nn as nn, torch.nn.functional as F

torch.set_num_threads(2)
ROOT = os.path.abspath(os.path.join(__file__, "../../../../.."))
OUT = sys.argv[1]
MINUTES = float(sys.argv[2])
D, LAYERS, HEADS, FFN, MAXLEN = 192, 3, 4, 768, 384
HD = D // HEADS
PROMPT = "<|user|> intent: {intents} entities: {entities} message: {message} <|assistant|>"
SPECIALS = ["<pad>", "<unk>", "<|user|>", "<|assistant|>", "<|end|>"]
PAD, UNK, USER, ASSISTANT, END = range(5)

bank = [json.loads(l) for l in open(ROOT + "/model-workers/models/draft/bank.jsonl")]
rows = {}
for l in open(ROOT + "/target/default-training-data/draft-bitext.jsonl"):
    r = json.loads(l); rows.setdefault(r["text"], r)
def entities(req):
    r = rows.get(req)
    if not r: return "none"
    seen = {}
    for s in r.get("spans", []):
        seen.setdefault(s["label"].upper(), r["text"][s["start"]:s["end"]])
    return "; ".join("%s=%s" % kv for kv in seen.items()) or "none"
slots = sorted({m for e in bank for m in re.findall(r"\{\{[^{}]+\}\}", e["reply"])}, key=lambda s: -len(s))
ADDED = SPECIALS + slots
SPLIT = re.compile("(" + "|".join(re.escape(t) for t in sorted(ADDED, key=lambda s: -len(s))) + ")")
WORD = re.compile(r"\w+|[^\w\s]+")
def pieces(text):
    out = []
    for part in SPLIT.split(text):
        if part in ADDED: out.append(part)
        elif part: out.extend(WORD.findall(part))
    return out
examples = []
for e in bank:
    prompt = PROMPT.format(intents=e["intent"], entities=entities(e["request"]), message=e["request"])
    examples.append((pieces(prompt), pieces(e["reply"])))
counts = collections.Counter(t for p, r in examples for t in p + r)
vocab = {t: i for i, t in enumerate(ADDED)}
for t, n in sorted(counts.items(), key=lambda x: (-x[1], x[0])):
    if n >= 2 and t not in vocab: vocab[t] = len(vocab)
V = len(vocab)
def ids(ps): return [vocab.get(t, UNK) for t in ps]
data = []
for p, r in examples:
    pi, ri = ids(p), ids(r)[:MAXLEN - len(p) - 2] + [END]
    data.append((pi, ri))
print("vocab", V, "examples", len(data), "tokens", sum(len(a) + len(b) for a, b in data), flush=True)

class Block(nn.Module):
    def __init__(s):
        super().__init__()
        s.ln1, s.qkv, s.proj = nn.LayerNorm(D), nn.Linear(D, 3 * D), nn.Linear(D, D)
        s.ln2, s.fc, s.out = nn.LayerNorm(D), nn.Linear(D, FFN), nn.Linear(FFN, D)
    def forward(s, x, bias, pk, pv):
        b, t = x.size(0), x.size(1)
        qkv = s.qkv(s.ln1(x)).view(b, t, 3, HEADS, HD).permute(2, 0, 3, 1, 4)
        k = torch.cat([pk, qkv[1]], dim=2); v = torch.cat([pv, qkv[2]], dim=2)
        a = torch.softmax(qkv[0] @ k.transpose(-1, -2) / math.sqrt(HD) + bias, -1) @ v
        x = x + s.proj(a.transpose(1, 2).reshape(b, t, D))
        return x + s.out(F.gelu(s.fc(s.ln2(x)))), k, v

class Gpt(nn.Module):
    def __init__(s):
        super().__init__()
        s.tok, s.pos = nn.Embedding(V, D), nn.Embedding(MAXLEN, D)
        s.blocks = nn.ModuleList([Block() for _ in range(LAYERS)])
        s.ln, s.head = nn.LayerNorm(D), nn.Linear(D, V, bias=False)
    def forward(s, input_ids, attention_mask, position_ids, *past):
        b, t = input_ids.size(0), input_ids.size(1)
        total = attention_mask.size(1)
        x = s.tok(input_ids) + s.pos(position_ids)
        keys = torch.arange(total, device=input_ids.device).view(1, 1, 1, total)
        future = (keys > position_ids.view(b, 1, t, 1)).to(x.dtype)
        padding = (1 - attention_mask.to(x.dtype)).view(b, 1, 1, total)
        bias = (future + padding).clamp(max=1.0) * -1.0e9
        present = []
        for i, blk in enumerate(s.blocks):
            x, k, v = blk(x, bias, past[2 * i], past[2 * i + 1]); present += [k, v]
        return (s.head(s.ln(x)), *present)

def empty(b):
    return [torch.zeros(b, HEADS, 0, HD) for _ in range(2 * LAYERS)]

torch.manual_seed(42)
model = Gpt()
opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.01)
order = sorted(range(len(data)), key=lambda i: len(data[i][0]) + len(data[i][1]))
BATCH = 16
groups = [order[i:i + BATCH] for i in range(0, len(order), BATCH)]
started, step, epoch = time.time(), 0, 0
budget = MINUTES * 60
while time.time() - started < budget:
    random.Random(epoch).shuffle(groups); tot = 0; n = 0
    for g in groups:
        seqs = [data[i][0] + data[i][1] for i in g]
        w = max(len(q) for q in seqs)
        x = torch.full((len(g), w), PAD, dtype=torch.long); y = torch.full((len(g), w), -100, dtype=torch.long)
        mask = torch.zeros(len(g), w, dtype=torch.long)
        for j, i in enumerate(g):
            q = seqs[j]; x[j, :len(q)] = torch.tensor(q); mask[j, :len(q)] = 1
            tgt = [-100] * (len(data[i][0]) - 1) + data[i][1] + [-100]
            y[j, :len(q)] = torch.tensor(tgt[:len(q)])
        pos = torch.arange(w).unsqueeze(0).expand(len(g), w)
        frac = min(1.0, (time.time() - started) / budget)
        for pg in opt.param_groups: pg["lr"] = 1e-3 * max(0.05, 1 - frac)
        logits = model(x, mask, pos, *empty(len(g)))[0]
        loss = F.cross_entropy(logits.view(-1, V), y.view(-1), ignore_index=-100)
        opt.zero_grad(); loss.backward(); torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0); opt.step()
        tot += loss.item(); n += 1; step += 1
        if time.time() - started > budget: break
    epoch += 1
    print("epoch %d loss %.3f %.0f s" % (epoch, tot / n, time.time() - started), flush=True)
model.eval()
os.makedirs(OUT, exist_ok=True)
p, t = 3, 2
past = [torch.randn(1, HEADS, p, HD) for _ in range(2 * LAYERS)]
names_in, names_out = [], []
axes = {"input_ids": {0: "b", 1: "t"}, "attention_mask": {0: "b", 1: "total"}, "position_ids": {0: "b", 1: "t"}, "logits": {0: "b", 1: "t"}}
for i in range(LAYERS):
    for kind in ("key", "value"):
        names_in.append("past_key_values.%d.%s" % (i, kind)); names_out.append("present.%d.%s" % (i, kind))
        axes[names_in[-1]] = {0: "b", 2: "past"}; axes[names_out[-1]] = {0: "b", 2: "total"}
with torch.no_grad():
    torch.onnx.export(model, (torch.tensor([[5, 6]]), torch.ones(1, p + t, dtype=torch.long), torch.tensor([[p, p + 1]]), *past),
                      OUT + "/model.onnx", input_names=["input_ids", "attention_mask", "position_ids"] + names_in,
                      output_names=["logits"] + names_out, dynamic_axes=axes, opset_version=14, do_constant_folding=True)
added = [{"id": vocab[t], "content": t, "single_word": False, "lstrip": False, "rstrip": False, "normalized": False,
          "special": t in SPECIALS} for t in ADDED]
tok = {"version": "1.0", "truncation": None, "padding": None, "added_tokens": added, "normalizer": None,
       "pre_tokenizer": {"type": "Whitespace"}, "post_processor": None,
       "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
       "model": {"type": "WordLevel", "vocab": vocab, "unk_token": "<unk>"}}
json.dump(tok, open(OUT + "/tokenizer.json", "w"))
sha = lambda f: hashlib.sha256(open(f, "rb").read()).hexdigest()
manifest = {"name": "bitext-word-gpt", "version": "0.1.0", "stage": "DRAFT", "format": "causal-lm",
            "weights": "model.onnx", "sha256": sha(OUT + "/model.onnx"), "tokenizer": "tokenizer.json",
            "files": {"tokenizer.json": sha(OUT + "/tokenizer.json")}, "maxLength": MAXLEN, "threshold": 0.5,
            "maxNewTokens": 320, "prompt": PROMPT, "eosTokenIds": [END],
            "kvCache": {"layers": LAYERS, "heads": HEADS, "headDim": HD},
            "notes": "measurement only: word-level GPT trained from scratch on the reply bank's pairs"}
json.dump(manifest, open(OUT + "/manifest.json", "w"), indent=2)
print("exported", OUT, "steps", step, "epochs", epoch, flush=True)
