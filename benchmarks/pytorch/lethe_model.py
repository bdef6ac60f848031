"""PyTorch eager re-implementation of Lethe's Llama-family model, training step and greedy generation.

Mirrors, op for op, the Java code it is compared against:

* ``lethe-ml/.../model/LlamaModel.forward``: token embedding, N x [RMSNorm -> GQA self-attention with
  HF-convention RoPE (rotate_half over the two halves) and an additive -1e9 mask -> residual, RMSNorm
  -> SwiGLU MLP -> residual], final RMSNorm, untied LM head. Query heads are grouped per key/value
  head (B, kvH, groups, T, hd) instead of copying K/V, exactly as Lethe does.
* ``model/RotaryEmbedding``: inv_freq_j = theta^(-2j/hd) (exponent in float32, value in double, as
  Java computes it), angles duplicated to width hd.
* ``model/TokenBatch`` + ``training/CausalLmLoss``: targets are labels[t+1], mean NLL over valid
  targets (token-weighted), trailing all-padding columns trimmed.
* ``training/TrainStep`` + ``AdamW`` + ``GradientClipping``: loss / #micro-batches per backward,
  global-norm clipping to 1.0 (coefficient max/(norm+1e-6)), AdamW (beta 0.9/0.999, eps 1e-8,
  decoupled weight decay 0.01 on embeddings and projection matrices only; norms and biases are not
  decayed) -- torch.optim.AdamW computes the same formula as Lethe's AdamW.
* ``inference/Generator``: left-padded prompts, positions cumsum(mask)-1 (padding -> 1), padding keys
  masked, greedy argmax (first index on ties), KV cache concatenated along the key axis.

Only the standard library and torch are used; safetensors files are read by hand.
"""

import json
import math
import struct

import torch
import torch.nn.functional as F

MASKED = -1e9  # LlamaModel.MASKED: finite, so a fully masked row gives no NaN
IGNORE = -100

_DTYPES = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16, "I64": torch.int64,
           "I32": torch.int32}


# --------------------------------------------------------------------------------------------------
# safetensors (8-byte little-endian header length, JSON header, raw little-endian data)

def read_safetensors(path):
    """Returns ({name: tensor}, metadata) of a safetensors file."""
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n].decode("utf-8"))
    base = 8 + n
    metadata = header.pop("__metadata__", {})
    tensors = {}
    for name, info in header.items():
        start, end = info["data_offsets"]
        dtype = _DTYPES[info["dtype"]]
        buf = bytearray(data[base + start:base + end])  # writable copy: frombuffer warns otherwise
        t = torch.frombuffer(buf, dtype=dtype) if end > start else torch.empty(0, dtype=dtype)
        tensors[name] = t.reshape(info["shape"]).clone()
    return tensors, metadata


# --------------------------------------------------------------------------------------------------
# configuration

class LlamaConfig:
    """The fields of HF config.json that LlamaModel uses (defaults as LlamaConfig.fromJson)."""

    def __init__(self, d):
        self.vocab_size = d["vocab_size"]
        self.hidden_size = d["hidden_size"]
        self.intermediate_size = d["intermediate_size"]
        self.num_hidden_layers = d["num_hidden_layers"]
        self.num_attention_heads = d["num_attention_heads"]
        self.num_key_value_heads = d.get("num_key_value_heads", self.num_attention_heads)
        self.head_dim = d.get("head_dim", self.hidden_size // self.num_attention_heads)
        self.rms_norm_eps = d.get("rms_norm_eps", 1e-6)
        self.rope_theta = d.get("rope_theta", 10000.0)
        self.tie_word_embeddings = d.get("tie_word_embeddings", False)
        if d.get("rope_scaling"):
            raise ValueError("rope_scaling is not implemented in the PyTorch peer")
        if d.get("attention_bias") or d.get("mlp_bias") or d.get("model_type", "llama") != "llama":
            raise ValueError("the PyTorch peer implements the bias-free llama preset only")
        eos = d.get("eos_token_id")
        self.eos_token_ids = [] if eos is None else (eos if isinstance(eos, list) else [eos])
        pad = d.get("pad_token_id")
        self.pad_id = pad if pad is not None else self.eos_token_ids[0]

    @staticmethod
    def read(path):
        with open(path) as f:
            return LlamaConfig(json.load(f))

    @staticmethod
    def tiny(vocab, bos=1, eos=2):
        """LlamaConfig.tiny: d=256, 4 layers, 8/4 heads, SwiGLU 688, eps 1e-6, theta 1e4, untied."""
        return LlamaConfig({"vocab_size": vocab, "hidden_size": 256, "intermediate_size": 688,
                            "num_hidden_layers": 4, "num_attention_heads": 8, "num_key_value_heads": 4,
                            "head_dim": 32, "rms_norm_eps": 1e-6, "rope_theta": 10000.0,
                            "tie_word_embeddings": False, "bos_token_id": bos, "eos_token_id": eos})


def parameter_specs(c):
    """(name, shape, decayed) in HF order, as LlamaParameterNames.specs (bias-free llama)."""
    d, q, kv, ffn = c.hidden_size, c.num_attention_heads * c.head_dim, c.num_key_value_heads * c.head_dim, \
        c.intermediate_size
    specs = [("model.embed_tokens.weight", (c.vocab_size, d), True)]
    for i in range(c.num_hidden_layers):
        p = "model.layers.%d." % i
        specs += [(p + "input_layernorm.weight", (d,), False),
                  (p + "self_attn.q_proj.weight", (q, d), True),
                  (p + "self_attn.k_proj.weight", (kv, d), True),
                  (p + "self_attn.v_proj.weight", (kv, d), True),
                  (p + "self_attn.o_proj.weight", (d, q), True),
                  (p + "post_attention_layernorm.weight", (d,), False),
                  (p + "mlp.gate_proj.weight", (ffn, d), True),
                  (p + "mlp.up_proj.weight", (ffn, d), True),
                  (p + "mlp.down_proj.weight", (d, ffn), True)]
    specs.append(("model.norm.weight", (d,), False))
    if not c.tie_word_embeddings:
        specs.append(("lm_head.weight", (c.vocab_size, d), True))
    return specs


def inverse_frequencies(c):
    """RotaryEmbedding.inverseFrequencies: exponent (2j)/hd in float32, 1/theta^exp in double."""
    hd = c.head_dim
    inv = []
    for j in range(hd // 2):
        exponent = struct.unpack("<f", struct.pack("<f", (2 * j) / hd))[0]
        inv.append(1.0 / math.pow(c.rope_theta, exponent))
    return torch.tensor(inv, dtype=torch.float32)


# --------------------------------------------------------------------------------------------------
# model

class LlamaModel(torch.nn.Module):
    """Parameters under their HF names (a flat dict), forward as Lethe's LlamaModel.forward."""

    def __init__(self, config, params):
        super().__init__()
        self.config = config
        self.names = []
        self.decayed = set()
        for name, shape, decayed in parameter_specs(config):
            t = params[name]
            if tuple(t.shape) != tuple(shape):
                raise ValueError("%s has shape %s, config expects %s" % (name, tuple(t.shape), shape))
            if t.dtype != torch.float32:
                raise ValueError(name + " must be float32")
            p = torch.nn.Parameter(t.contiguous())
            # register_parameter refuses dots: keep a flat mapping and register under a safe alias
            self.register_parameter(name.replace(".", "__"), p)
            self.names.append(name)
            if decayed:
                self.decayed.add(name)
        self.inv_freq = inverse_frequencies(config)
        self.scale = 1.0 / math.sqrt(config.head_dim)
        g = self.p
        self.layers = []
        for i in range(config.num_hidden_layers):
            pre = "model.layers.%d." % i
            self.layers.append(tuple(g(pre + s) for s in (
                "input_layernorm.weight", "self_attn.q_proj.weight", "self_attn.k_proj.weight",
                "self_attn.v_proj.weight", "self_attn.o_proj.weight", "post_attention_layernorm.weight",
                "mlp.gate_proj.weight", "mlp.up_proj.weight", "mlp.down_proj.weight")))
        self.embed = g("model.embed_tokens.weight")
        self.final_norm = g("model.norm.weight")
        self.lm_head = self.embed if config.tie_word_embeddings else g("lm_head.weight")

    def p(self, name):
        return getattr(self, name.replace(".", "__"))

    def named_hf_parameters(self):
        return [(n, self.p(n)) for n in self.names]

    @staticmethod
    def load(directory):
        """Loads a Lethe checkpoint directory (config.json + model.safetensors)."""
        config = LlamaConfig.read(directory + "/config.json")
        tensors, _ = read_safetensors(directory + "/model.safetensors")
        return LlamaModel(config, tensors)

    @staticmethod
    def initialize(config, seed):
        """HF-style init (normal(0, 0.02) matrices, unit norms) from torch's RNG (not Lethe's bits)."""
        gen = torch.Generator().manual_seed(seed)
        params = {}
        for name, shape, decayed in parameter_specs(config):
            params[name] = torch.randn(shape, generator=gen) * 0.02 if decayed else torch.ones(shape)
        return LlamaModel(config, params)

    def rms_norm(self, x, w):
        rms = x.square().mean(-1, keepdim=True).add(self.config.rms_norm_eps).sqrt()
        return x.div(rms).mul(w)

    def cos_sin(self, positions):
        b, t = positions.shape
        angles = positions.to(torch.float32).unsqueeze(-1).mul(self.inv_freq)
        emb = torch.cat([angles, angles], -1).reshape(b, t, 1, self.config.head_dim)
        return emb.cos(), emb.sin()

    def rope(self, x, cos, sin):
        half = self.config.head_dim // 2
        x1 = x[..., :half]
        x2 = x[..., half:]
        return x.mul(cos).add(torch.cat([x2.neg(), x1], -1).mul(sin))

    @staticmethod
    def additive_mask(attention_mask, past, time, keys):
        causal = None
        if time > 1:
            causal = torch.zeros(time, keys)
            for t in range(time):  # the same host-side construction as Lethe (cheap: T x S floats)
                causal[t, past + t + 1:] = MASKED
            causal = causal.reshape(1, 1, 1, time, keys)
        if attention_mask is None:
            return causal
        b = attention_mask.shape[0]
        padding = attention_mask.to(torch.float32).neg().add(1.0).mul(MASKED).reshape(b, 1, 1, 1, keys)
        return padding if causal is None else padding.add(causal)

    def forward(self, input_ids, attention_mask=None, position_ids=None, cache=None):
        """Logits (B, T, V); cache is a KvCache or None (see LlamaModel.forward in Java)."""
        c = self.config
        batch, time = input_ids.shape
        past = 0 if cache is None else cache.length
        keys = past + time
        positions = position_ids if position_ids is not None else \
            torch.arange(past, past + time, dtype=torch.int64).reshape(1, time)
        cos, sin = self.cos_sin(positions)
        mask = self.additive_mask(attention_mask, past, time, keys)
        heads, kv_heads, hd = c.num_attention_heads, c.num_key_value_heads, c.head_dim
        groups = heads // kv_heads
        x = F.embedding(input_ids, self.embed)
        for li, (in_norm, wq, wk, wv, wo, post_norm, wg, wu, wd) in enumerate(self.layers):
            h = self.rms_norm(x, in_norm)
            q = F.linear(h, wq).reshape(batch, time, heads, hd)
            k = F.linear(h, wk).reshape(batch, time, kv_heads, hd)
            v = F.linear(h, wv).reshape(batch, time, kv_heads, hd)
            q = self.rope(q, cos, sin)
            k = self.rope(k, cos, sin)
            qg = q.reshape(batch, time, kv_heads, groups, hd).permute(0, 2, 3, 1, 4)
            kt = k.permute(0, 2, 1, 3)
            vt = v.permute(0, 2, 1, 3)
            if cache is not None:
                kt, vt = cache.append(li, kt, vt)
            scores = qg.matmul(kt.unsqueeze(2).permute(0, 1, 2, 4, 3)).mul(self.scale)
            if mask is not None:
                scores = scores.add(mask)
            context = scores.softmax(-1).matmul(vt.unsqueeze(2)).permute(0, 3, 1, 2, 4) \
                .reshape(batch, time, heads * hd)
            x = x.add(F.linear(context, wo))
            h2 = self.rms_norm(x, post_norm)
            gate = F.linear(h2, wg)
            up = F.linear(h2, wu)
            x = x.add(F.linear(torch.sigmoid(gate).mul(gate).mul(up), wd))
        if cache is not None:
            cache.length += time
        return F.linear(self.rms_norm(x, self.final_norm), self.lm_head)


class KvCache:
    """Keys (after RoPE) and values per layer, (B, kvH, S, hd), extended by concatenation."""

    def __init__(self, layers):
        self.keys = [None] * layers
        self.values = [None] * layers
        self.length = 0

    def append(self, layer, k, v):
        self.keys[layer] = k.clone() if self.keys[layer] is None else torch.cat([self.keys[layer], k], 2)
        self.values[layer] = v.clone() if self.values[layer] is None else torch.cat([self.values[layer], v], 2)
        return self.keys[layer], self.values[layer]


# --------------------------------------------------------------------------------------------------
# batches and losses

class TokenBatch:
    """TokenBatch.of: right-padded (B, T) ids/mask, shifted targets and their 0/1 mask."""

    def __init__(self, examples, pad_id, trim_trailing_padding=True):
        length = 0
        for e in examples:
            useful = len(e["input_ids"])
            if trim_trailing_padding:
                useful = 0
                for t in range(len(e["input_ids"])):
                    if e["attention_mask"][t] != 0 or e["labels"][t] != IGNORE:
                        useful = t + 1
            length = max(length, useful)
        length = max(length, 2)
        b = len(examples)
        ids = torch.full((b, length), pad_id, dtype=torch.int64)
        mask = torch.zeros((b, length), dtype=torch.int64)
        labels = torch.full((b, length), IGNORE, dtype=torch.int64)
        for i, e in enumerate(examples):
            n = min(length, len(e["input_ids"]))
            ids[i, :n] = torch.tensor(e["input_ids"][:n])
            mask[i, :n] = torch.tensor(e["attention_mask"][:n])
            labels[i, :n] = torch.tensor(e["labels"][:n])
        shifted = labels[:, 1:]
        self.input_ids = ids
        self.attention_mask = mask
        self.target_mask = (shifted != IGNORE).to(torch.float32)
        self.targets = torch.where(shifted != IGNORE, shifted, torch.zeros_like(shifted))
        self.target_count = int(self.target_mask.sum().item())


def target_log_probs(logits, batch):
    return logits[:, :-1, :].log_softmax(-1).gather(-1, batch.targets.unsqueeze(-1)).squeeze(-1)


def mean_nll(logits, batch):
    """CausalLmLoss.meanNll: -sum(valid log p) / #valid."""
    total = target_log_probs(logits, batch).mul(batch.target_mask).sum().neg()
    return total.div(max(1, batch.target_count))


def sequence_nll(logits, batch):
    """CausalLmLoss.sequenceNll: per-row summed NLL."""
    return target_log_probs(logits, batch).mul(batch.target_mask).sum(1).neg()


# --------------------------------------------------------------------------------------------------
# training step

class Trainer:
    """CausalLmTrainer.trainStep with AdamWConfig.defaults() and a constant learning rate."""

    def __init__(self, model, lr, max_grad_norm=1.0, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01):
        self.model = model
        self.max_grad_norm = max_grad_norm
        decayed = [p for n, p in model.named_hf_parameters() if n in model.decayed]
        plain = [p for n, p in model.named_hf_parameters() if n not in model.decayed]
        self.params = [p for _, p in model.named_hf_parameters()]
        # torch.optim.AdamW: theta *= 1 - lr*wd; m, v EMAs; theta -= lr/bc1 * m / (sqrt(v)/sqrt(bc2) + eps)
        # -- the formula of Lethe's AdamW; foreach=False is 1.13's CPU default anyway.
        self.optimizer = torch.optim.AdamW(
            [{"params": decayed, "weight_decay": weight_decay}, {"params": plain, "weight_decay": 0.0}],
            lr=lr, betas=betas, eps=eps, foreach=False)

    def train_step(self, micro_batches):
        """One optimizer step over a list of TokenBatch micro-batches; returns a dict like StepResult."""
        scale = 1.0 / len(micro_batches)
        losses = []
        for mb in micro_batches:
            loss = mean_nll(self.model(mb.input_ids, mb.attention_mask), mb)
            loss.mul(scale).backward()
            losses.append(loss.item())
        # clip_grad_norm_: norm of the per-parameter norms, coefficient max/(norm+1e-6) clamped at 1
        norm = torch.nn.utils.clip_grad_norm_(self.params, self.max_grad_norm).item()
        self.optimizer.step()
        self.optimizer.zero_grad(set_to_none=True)
        return {"loss": sum(losses) / len(losses), "micro_losses": losses, "grad_norm": norm,
                "clipped": self.max_grad_norm > 0 and self.max_grad_norm / (norm + 1e-6) < 1}


# --------------------------------------------------------------------------------------------------
# greedy generation

@torch.no_grad()
def generate(model, prompts, max_new_tokens, eos_ids=None, use_kv_cache=True):
    """Generator.generate with greedy decoding; returns the new tokens of each prompt (EOS excluded)."""
    c = model.config
    eos = set(c.eos_token_ids if not eos_ids else eos_ids)
    pad = c.pad_id
    batch = len(prompts)
    prompt_len = max(len(p) for p in prompts)
    total = prompt_len + max_new_tokens
    ids = torch.full((batch, total), pad, dtype=torch.int64)
    mask = torch.zeros((batch, total), dtype=torch.int64)
    for b, p in enumerate(prompts):
        off = prompt_len - len(p)
        ids[b, off:prompt_len] = torch.tensor(p)
        mask[b, off:prompt_len] = 1
    generated = [[] for _ in range(batch)]
    finished = [False] * batch
    cache = KvCache(c.num_hidden_layers) if use_kv_cache else None
    length = prompt_len
    unfinished = batch
    for step in range(max_new_tokens):
        if unfinished == 0:
            break
        start = 0 if cache is None or step == 0 else length - 1
        m = mask[:, :length]
        seen = m.cumsum(1) - 1
        positions = torch.where(m == 1, seen, torch.ones_like(seen))[:, start:length]
        logits = model(ids[:, start:length], m, positions, cache)
        chosen = logits[:, -1, :].argmax(-1).tolist()  # first index on ties, as TokenSampler.argmax
        for b in range(batch):
            token = pad
            if not finished[b]:
                token = chosen[b]
                if token in eos:
                    finished[b] = True
                    unfinished -= 1
                else:
                    generated[b].append(token)
            ids[b, length] = token
            mask[b, length] = 1
        length += 1
    return generated


def left_padded(prompts, continuations, pad_id):
    """The (ids, mask, positions) of prompt + continuation, left-padded as Generator builds them."""
    prompt_len = max(len(p) for p in prompts)
    total = prompt_len + max(len(c) for c in continuations)
    b = len(prompts)
    ids = torch.full((b, total), pad_id, dtype=torch.int64)
    mask = torch.zeros((b, total), dtype=torch.int64)
    for i, (p, cont) in enumerate(zip(prompts, continuations)):
        row = list(p) + list(cont)
        off = prompt_len - len(p)
        ids[i, off:off + len(row)] = torch.tensor(row)
        mask[i, off:off + len(row)] = 1
    seen = mask.cumsum(1) - 1
    positions = torch.where(mask == 1, seen, torch.ones_like(seen))
    return ids, mask, positions
