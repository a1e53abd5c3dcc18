#!/usr/bin/python3
"""Makes the worker's TorchScript test fixtures: tiny BERT-like models in the layout a user's ML
team exports from a Hugging Face fine-tune (model.pt + tokenizer.json + manifest.json).

    /usr/bin/python3 models/src/test/python/make_torchscript_fixtures.py [OUT_DIR]

Needs PyTorch (Debian: apt-get install python3-torch, 1.13 CPU); nothing else. Deterministic for a
given PyTorch build. The build never runs this: the fixtures it writes are committed under
models/src/test/resources/torchscript/ (a few hundred KB in all).

Four models, each trained for a few seconds on templated support tickets so that tests can check
label mapping on clear examples:
  classify   sequence classifier, 6 intents          forward(input_ids, attention_mask) -> [B, C]
  sentiment  sequence classifier, NEGATIVE/NEUTRAL/POSITIVE                              -> [B, 3]
  extract    BIO token tagger (ORDER_ID, EMAIL, AMOUNT, DATE, INVOICE_ID, PRODUCT)       -> [B, L, T]
  draft      causal LM over the same vocabulary; replies end with [EOS]                  -> [B, L, V]

The tokenizer is a BERT WordPiece tokenizer (lower-case, BertPreTokenizer, [CLS] x [SEP]) written
as a Hugging Face tokenizer.json; encode() below mirrors it for training.
"""
import hashlib
import json
import math
import os
import random
import sys
import unicodedata

import torch
import torch.nn as nn
import torch.nn.functional as F

SEED = 20240601
MAX_LENGTH = 128
HIDDEN, HEADS, FFN, LAYERS = 32, 2, 64, 2
VERSION = "2024.06.0"

SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "[EOS]"]
PAD, UNK, CLS, SEP, MASK, EOS = range(6)

INTENTS = ["account", "billing", "cancel", "refund", "shipping", "product"]
SENTIMENTS = ["NEGATIVE", "NEUTRAL", "POSITIVE"]
ENTITY_TYPES = ["ORDER_ID", "EMAIL", "AMOUNT", "DATE", "INVOICE_ID", "PRODUCT"]
TAGS = ["O"] + [p + "-" + t for t in ENTITY_TYPES for p in ("B", "I")]

PRODUCTS = ["wireless headphones", "coffee maker", "standing desk", "running shoes", "phone case",
            "smart watch", "desk lamp", "backpack", "blender", "keyboard"]
NAMES = ["anna", "ben", "carla", "dev", "emma", "farid", "grace", "hugo", "ines", "jon"]
DOMAINS = ["example.com", "mail.net", "shop.org", "inbox.io"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"]

INTENT_TEMPLATES = {
    "account": ["i cannot log in to my account", "please reset my password",
                "my login does not work since yesterday", "how do i change the email on my account",
                "i am locked out of my account", "two factor code never arrives"],
    "billing": ["i was charged twice for {product}", "there is a wrong amount on invoice {invoice}",
                "why was my card charged {amount}", "please send me a copy of invoice {invoice}",
                "the bill shows {amount} but i expected less", "my payment failed on {date}"],
    "cancel": ["please cancel order {order}", "i want to cancel my subscription",
               "cancel my order {order} before it ships", "how do i stop my plan",
               "i no longer want the {product} , cancel it", "cancel everything on my account"],
    "refund": ["i want a refund for order {order}", "please refund {amount} for the {product}",
               "the {product} arrived broken , i want my money back",
               "refund my order {order} please", "when will i get my refund of {amount}",
               "i returned the {product} on {date} but no refund yet"],
    "shipping": ["where is my order {order}", "my package has not arrived",
                 "order {order} is late , when will it ship", "tracking for {order} shows nothing",
                 "the {product} was supposed to arrive on {date}", "can you ship faster"],
    "product": ["does the {product} come in black", "is the {product} waterproof",
                "how do i set up my {product}", "what size is the {product}",
                "is the {product} compatible with my phone", "do you sell spare parts for the {product}"],
}
SENTIMENT_PHRASES = {
    "NEGATIVE": ["this is terrible", "i am very angry", "worst service ever", "i am so frustrated",
                 "this is unacceptable", "really disappointed"],
    "NEUTRAL": ["thanks", "regards", "let me know", "see details below", "my email is {email}", ""],
    "POSITIVE": ["you are great", "thank you so much , love it", "great service as always",
                 "really happy with you", "awesome support", "i love this shop"],
}
REPLIES = {
    "account": "we are sorry you cannot sign in . we have sent a reset link to your email .",
    "billing": "thanks for flagging the charge . our billing team will review it today .",
    "cancel": "your cancellation request is received . you will get a confirmation soon .",
    "refund": "we are sorry about this . your refund will be processed within five days .",
    "shipping": "thanks for waiting . your order is on its way and will arrive soon .",
    "product": "thanks for asking . you can find all product details on our help page .",
}


# --- tokenizer ---------------------------------------------------------------------------------

def is_punct(ch):
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def pre_tokenize(text):
    """BertNormalizer(lowercase) + BertPreTokenizer: words and single punctuation marks, with
    character offsets into the original text."""
    words, start = [], None
    for i, ch in enumerate(text):
        if ch.isspace() or is_punct(ch):
            if start is not None:
                words.append((text[start:i].lower(), start, i))
                start = None
            if is_punct(ch):
                words.append((ch.lower(), i, i + 1))
        elif start is None:
            start = i
    if start is not None:
        words.append((text[start:].lower(), start, len(text)))
    return words


class WordPiece:
    def __init__(self, vocab):
        self.vocab = vocab

    def pieces(self, word, start):
        out, i = [], 0
        while i < len(word):
            j, found = len(word), None
            while j > i:
                piece = word[i:j] if i == 0 else "##" + word[i:j]
                if piece in self.vocab:
                    found = piece
                    break
                j -= 1
            if found is None:
                return [(UNK, start, start + len(word))]
            out.append((self.vocab[found], start + i, start + j))
            i = j
        return out

    def encode(self, text, special=True):
        """Returns (ids, char spans); with special, [CLS] ids [SEP] like the post-processor."""
        ids, spans = [], []
        for word, s, _ in pre_tokenize(text):
            for tid, a, b in self.pieces(word, s):
                ids.append(tid)
                spans.append((a, b))
        if special:
            ids = [CLS] + ids + [SEP]
            spans = [(0, 0)] + spans + [(0, 0)]
        return ids, spans


def build_vocab(corpus):
    tokens = list(SPECIALS)
    chars = "abcdefghijklmnopqrstuvwxyz0123456789€£"
    tokens += list(chars) + ["##" + c for c in chars]
    tokens += list("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
    words = set()
    for text in corpus:
        for word, _, _ in pre_tokenize(text):
            if word.isalpha() and len(word) > 1:
                words.add(word)
    tokens += sorted(words - set(tokens))
    return {t: i for i, t in enumerate(tokens)}


def tokenizer_json(vocab):
    special = [{"id": vocab[t], "content": t, "single_word": False, "lstrip": False,
                "rstrip": False, "normalized": False, "special": True} for t in SPECIALS]
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": special,
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                       "strip_accents": None, "lowercase": True},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}},
                       {"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}},
                     {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 0}},
                     {"Sequence": {"id": "B", "type_id": 1}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
            "special_tokens": {t: {"id": t, "ids": [vocab[t]], "tokens": [t]}
                               for t in ("[CLS]", "[SEP]")},
        },
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": 100, "vocab": vocab},
    }


# --- synthetic data ----------------------------------------------------------------------------

def slot_values(rng):
    return {
        "order": rng.choice(["ORD-", "ord-", "ORD"]) + str(rng.randint(100000, 9999999)),
        "invoice": "INV-" + str(rng.randint(1000, 999999)),
        "amount": rng.choice(["$", "€", "£"]) + str(rng.randint(1, 900)) + rng.choice(["", ".99", ".50", ".00"]),
        "date": rng.choice([
            "%04d-%02d-%02d" % (rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 28)),
            "%d/%d/%04d" % (rng.randint(1, 12), rng.randint(1, 28), rng.randint(2023, 2025)),
            "%s %d" % (rng.choice(MONTHS), rng.randint(1, 28))]),
        "email": "%s.%s@%s" % (rng.choice(NAMES), rng.choice(NAMES), rng.choice(DOMAINS)),
        "product": rng.choice(PRODUCTS),
    }


SLOT_TYPES = {"order": "ORDER_ID", "invoice": "INVOICE_ID", "amount": "AMOUNT", "date": "DATE",
              "email": "EMAIL", "product": "PRODUCT"}


def fill(template, values):
    """Fills {slots}; returns the text and the (type, start, end) character spans of the slots."""
    text, spans, i = "", [], 0
    while i < len(template):
        if template[i] == "{":
            j = template.index("}", i)
            slot = template[i + 1:j]
            start = len(text)
            text += values[slot]
            spans.append((SLOT_TYPES[slot], start, len(text)))
            i = j + 1
        else:
            text += template[i]
            i += 1
    return text, spans


def ticket(rng):
    intent = rng.choice(INTENTS)
    sentiment = rng.choice(SENTIMENTS)
    values = slot_values(rng)
    body = rng.choice(INTENT_TEMPLATES[intent])
    tail = rng.choice(SENTIMENT_PHRASES[sentiment])
    template = body + (" . " + tail if tail else "")
    if rng.random() < 0.5:
        template = rng.choice(["hi , ", "hello , ", "dear support , "]) + template
    if rng.random() < 0.3:
        template = template.capitalize()
    text, spans = fill(template, values)
    return {"text": text, "intent": intent, "sentiment": sentiment, "spans": spans}


def draft_prompt(intent, sentiment, text):
    """Mirrors dev.smallfirst.models.translate.DraftPrompt.render without entities."""
    return "intent: %s | sentiment: %s | entities: none | message: %s" % (
        intent, sentiment.lower(), text)


# --- models ------------------------------------------------------------------------------------

class Layer(nn.Module):
    """A post-norm transformer encoder layer written with plain ops (no fused kernels), so that
    the TorchScript loads in newer libtorch builds."""

    def __init__(self):
        super().__init__()
        self.qkv = nn.Linear(HIDDEN, 3 * HIDDEN)
        self.out = nn.Linear(HIDDEN, HIDDEN)
        self.norm1 = nn.LayerNorm(HIDDEN)
        self.ff1 = nn.Linear(HIDDEN, FFN)
        self.ff2 = nn.Linear(FFN, HIDDEN)
        self.norm2 = nn.LayerNorm(HIDDEN)
        self.heads = HEADS
        self.hidden = HIDDEN
        self.scale = 1.0 / math.sqrt(HIDDEN // HEADS)

    def forward(self, x, bias):
        b, l = x.size(0), x.size(1)
        qkv = self.qkv(x).view(b, l, 3, self.heads, self.hidden // self.heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        scores = torch.matmul(q, k.transpose(-1, -2)) * self.scale + bias
        attn = torch.matmul(torch.softmax(scores, dim=-1), v)
        x = self.norm1(x + self.out(attn.transpose(1, 2).reshape(b, l, self.hidden)))
        return self.norm2(x + self.ff2(F.gelu(self.ff1(x))))


class Encoder(nn.Module):
    def __init__(self, vocab_size, causal: bool):
        super().__init__()
        self.tok = nn.Embedding(vocab_size, HIDDEN)
        self.pos = nn.Embedding(MAX_LENGTH, HIDDEN)
        self.norm = nn.LayerNorm(HIDDEN)
        self.layers = nn.ModuleList([Layer() for _ in range(LAYERS)])
        self.causal = causal

    def forward(self, input_ids, attention_mask):
        l = input_ids.size(1)
        positions = torch.arange(l, device=input_ids.device).unsqueeze(0)
        x = self.norm(self.tok(input_ids) + self.pos(positions))
        bias = (1.0 - attention_mask.to(x.dtype)).unsqueeze(1).unsqueeze(2) * -10000.0
        if self.causal:
            future = torch.triu(torch.ones(l, l, device=input_ids.device), diagonal=1)
            bias = bias + future.unsqueeze(0).unsqueeze(0) * -10000.0
        for layer in self.layers:
            x = layer(x, bias)
        return x


class SequenceClassifier(nn.Module):
    def __init__(self, vocab_size, labels):
        super().__init__()
        self.encoder = Encoder(vocab_size, False)
        self.head = nn.Linear(HIDDEN, labels)

    def forward(self, input_ids, attention_mask):
        h = self.encoder(input_ids, attention_mask)
        m = attention_mask.to(h.dtype).unsqueeze(-1)
        return self.head((h * m).sum(1) / m.sum(1).clamp(min=1.0))


class TokenTagger(nn.Module):
    def __init__(self, vocab_size, tags):
        super().__init__()
        self.encoder = Encoder(vocab_size, False)
        self.head = nn.Linear(HIDDEN, tags)

    def forward(self, input_ids, attention_mask):
        return self.head(self.encoder(input_ids, attention_mask))


class CausalLm(nn.Module):
    def __init__(self, vocab_size):
        super().__init__()
        self.encoder = Encoder(vocab_size, True)
        self.head = nn.Linear(HIDDEN, vocab_size)

    def forward(self, input_ids, attention_mask):
        return self.head(self.encoder(input_ids, attention_mask))


def pad(rows, value=PAD):
    width = max(len(r) for r in rows)
    return torch.tensor([r + [value] * (width - len(r)) for r in rows], dtype=torch.long)


def train(model, batches, steps, loss_fn, lr=3e-3):
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    for step in range(steps):
        ids, mask, target = batches(step)
        loss = loss_fn(model(ids, mask), target)
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
    model.eval()
    return float(loss)


def tag_ids(spans, token_spans):
    tags = []
    for a, b in token_spans:
        tag = "O"
        if b > a:
            for etype, s, e in spans:
                if a >= s and b <= e:
                    tag = ("B-" if a == s else "I-") + etype
        tags.append(TAGS.index(tag))
    return tags


def save(model, out, name, stage, labels, extra, vocab_json, notes):
    os.makedirs(out, exist_ok=True)
    scripted = torch.jit.script(model)
    weights = os.path.join(out, "model.pt")
    scripted.save(weights)
    with open(weights, "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()
    with open(os.path.join(out, "tokenizer.json"), "w") as f:
        json.dump(vocab_json, f, separators=(",", ":"))
    manifest = {
        "name": name, "version": VERSION, "stage": stage, "format": "torchscript",
        "architecture": {"type": type(model).__name__, "layers": LAYERS, "hidden": HIDDEN,
                         "heads": HEADS, "ffn": FFN},
        "hyperparameters": {"seed": SEED, "optimizer": "adam"},
        "labels": labels, "maxLength": MAX_LENGTH, "temperature": extra.pop("temperature", 1.0),
        "threshold": extra.pop("threshold", 0.5), "weights": "model.pt", "sha256": sha,
        "tokenizer": "tokenizer.json", "inputs": ["input_ids", "attention_mask"],
        "notes": notes,
    }
    manifest.update(extra)
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    print("%-10s %7d bytes  sha256 %s" % (name, os.path.getsize(weights), sha))


def fit_temperature(model, ids, mask, target, rng):
    """Temperature scaling (Guo et al. 2017) by grid search on the NLL of held-out data. Templated
    data is separable, so 15% of the held-out labels are flipped to stand in for real annotation
    noise; otherwise the fit runs to the grid's edge."""
    classes = int(target.max()) + 1
    target = torch.tensor([int(t) if rng.random() > 0.15 else rng.randrange(classes)
                           for t in target.tolist()])
    with torch.no_grad():
        logits = model(ids, mask)
    best = min((F.cross_entropy(logits / t, target).item(), t)
               for t in [0.5 + 0.1 * i for i in range(96)])
    return round(best[1], 2)


def main():
    out_root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "resources", "torchscript")
    random.seed(SEED)
    torch.manual_seed(SEED)
    torch.set_num_threads(1)
    rng = random.Random(SEED)
    data = [ticket(rng) for _ in range(3000)]
    held_out = [ticket(rng) for _ in range(300)]
    corpus = [d["text"] for d in data] + list(REPLIES.values()) + [
        draft_prompt(i, s, "") for i in INTENTS for s in SENTIMENTS] + MONTHS + PRODUCTS
    vocab = build_vocab(corpus)
    wp = WordPiece(vocab)
    tok_json = tokenizer_json(vocab)
    notes = "test fixture made by models/src/test/python/make_torchscript_fixtures.py"

    def encode_all(rows):
        return [wp.encode(r["text"]) for r in rows]

    enc, enc_held = encode_all(data), encode_all(held_out)

    def batches_for(rows, encs, target_fn, size=64):
        def get(step):
            idx = [(step * size + k) % len(rows) for k in range(size)]
            ids = pad([encs[i][0] for i in idx])
            return ids, (ids != PAD).long(), target_fn(idx)
        return get

    def held(encs):
        ids = pad([e[0] for e in encs])
        return ids, (ids != PAD).long()

    out = lambda n: os.path.join(out_root, n)

    # classify and sentiment: sequence classifiers
    for stage, field, labels in (("classify", "intent", INTENTS), ("sentiment", "sentiment", SENTIMENTS)):
        model = SequenceClassifier(len(vocab), len(labels))
        target = lambda idx, f=field, ls=labels: torch.tensor([ls.index(data[i][f]) for i in idx])
        loss = train(model, batches_for(data, enc, target), 600, F.cross_entropy)
        ids, mask = held(enc_held)
        y = torch.tensor([labels.index(r[field]) for r in held_out])
        with torch.no_grad():
            acc = (model(ids, mask).argmax(-1) == y).float().mean().item()
        temperature = fit_temperature(model, ids, mask, y, rng)
        print("%s: loss %.3f held-out accuracy %.3f temperature %.2f" % (stage, loss, acc, temperature))
        save(model, out(stage), "fixture-" + stage, stage.upper(), labels,
             {"temperature": temperature, "topK": 3}, tok_json, notes)

    # extract: BIO tagger
    tagger = TokenTagger(len(vocab), len(TAGS))
    tag_rows = [tag_ids(d["spans"], e[1]) for d, e in zip(data, enc)]
    loss = train(tagger, batches_for(data, enc, lambda idx: pad([tag_rows[i] for i in idx], -100)),
                 900, lambda logits, t: F.cross_entropy(logits.transpose(1, 2), t, ignore_index=-100))
    ids, mask = held(enc_held)
    y = pad([tag_ids(d["spans"], e[1]) for d, e in zip(held_out, enc_held)], -100)
    with torch.no_grad():
        pred = tagger(ids, mask).argmax(-1)
    acc = ((pred == y) & (y != -100)).sum().item() / (y != -100).sum().item()
    print("extract: loss %.3f held-out token accuracy %.3f" % (loss, acc))
    save(tagger, out("extract"), "fixture-extract", "EXTRACT", TAGS, {"scheme": "BIO"}, tok_json, notes)

    # draft: causal LM trained on prompt [SEP] reply [EOS]
    lm = CausalLm(len(vocab))
    seqs = []
    for d in data:
        prompt, _ = wp.encode(draft_prompt(d["intent"], d["sentiment"], d["text"]))
        reply, _ = wp.encode(REPLIES[d["intent"]], special=False)
        ids = (prompt + reply + [EOS])[:MAX_LENGTH]
        seqs.append((ids, [-100] * (len(prompt) - 1) + reply + [EOS] + [-100]))

    def lm_batches(step, size=48):
        idx = [(step * size + k) % len(seqs) for k in range(size)]
        ids = pad([seqs[i][0] for i in idx])
        target = pad([seqs[i][1][:ids.size(1)] for i in idx], -100)[:, :ids.size(1)]
        return ids, (ids != PAD).long(), target

    loss = train(lm, lm_batches, 700,
                 lambda logits, t: F.cross_entropy(logits.transpose(1, 2), t, ignore_index=-100))
    print("draft: loss %.3f" % loss)
    save(lm, out("draft"), "fixture-draft", "DRAFT", [], {
        "eosToken": "[EOS]", "maxNewTokens": 32}, tok_json, notes)


if __name__ == "__main__":
    main()
