//! The Marian transformer (the architecture of the Helsinki-NLP opus-mt models) on candle:
//! the same layers, weight names and choices as `candle_transformers::models::marian` (scaled
//! embeddings, sinusoidal positions with the sines first, post-layer-norm blocks, the shared
//! embedding as output layer plus `final_logits_bias`, decoding from the pad token), with two
//! additions that batching needs: padding masks in the encoder's and the decoder's attention
//! over the source, and the decoder's keys and values cached per step.

use candle_core::{D, DType, Device, Tensor};
use candle_nn::{Activation, Embedding, LayerNorm, Linear, VarBuilder};
use serde::Deserialize;

/// A model's `config.json`: what the network needs of it.
#[derive(Debug, Clone, Deserialize)]
pub struct NetConfig {
    pub vocab_size: usize,
    #[serde(default)]
    pub decoder_vocab_size: Option<usize>,
    #[serde(default = "max_positions")]
    pub max_position_embeddings: usize,
    pub d_model: usize,
    pub encoder_layers: usize,
    pub decoder_layers: usize,
    pub encoder_attention_heads: usize,
    pub decoder_attention_heads: usize,
    pub encoder_ffn_dim: usize,
    pub decoder_ffn_dim: usize,
    /// Missing: Hugging Face's `MarianConfig` defaults (gelu, no scaling); opus-mt configs
    /// state both.
    #[serde(default = "gelu")]
    pub activation_function: Activation,
    #[serde(default)]
    pub scale_embedding: bool,
    pub pad_token_id: u32,
    pub eos_token_id: u32,
    #[serde(default)]
    pub decoder_start_token_id: Option<u32>,
    #[serde(default = "yes")]
    pub share_encoder_decoder_embeddings: bool,
}

fn max_positions() -> usize {
    512
}

fn gelu() -> Activation {
    Activation::Gelu
}

fn yes() -> bool {
    true
}

impl NetConfig {
    /// The token the decoder starts from: the pad token for Marian models.
    pub fn start(&self) -> u32 {
        self.decoder_start_token_id.unwrap_or(self.pad_token_id)
    }
}

/// Added to attention scores of padding: far below any real score, and finite so a row of
/// padding never turns into NaN.
const MASKED: f32 = -1e9;

struct Attention {
    q: Linear,
    k: Linear,
    v: Linear,
    out: Linear,
    heads: usize,
    head_dim: usize,
    scale: f64,
}

impl Attention {
    fn new(d: usize, heads: usize, vb: VarBuilder) -> candle_core::Result<Self> {
        let head_dim = d / heads;
        Ok(Attention {
            q: candle_nn::linear(d, d, vb.pp("q_proj"))?,
            k: candle_nn::linear(d, d, vb.pp("k_proj"))?,
            v: candle_nn::linear(d, d, vb.pp("v_proj"))?,
            out: candle_nn::linear(d, d, vb.pp("out_proj"))?,
            heads,
            head_dim,
            scale: (head_dim as f64).powf(-0.5),
        })
    }

    /// `(b, t, d)` to `(b, heads, t, head_dim)`.
    fn split(&self, x: &Tensor) -> candle_core::Result<Tensor> {
        let (b, t, _) = x.dims3()?;
        x.reshape((b, t, self.heads, self.head_dim))?
            .transpose(1, 2)?
            .contiguous()
    }

    fn keys_values(&self, x: &Tensor) -> candle_core::Result<(Tensor, Tensor)> {
        Ok((
            self.split(&x.apply(&self.k)?)?,
            self.split(&x.apply(&self.v)?)?,
        ))
    }

    /// Attention of `x` over keys and values `(b, heads, s, head_dim)`; `mask` is added to
    /// the scores, `(b, 1, 1, s)`.
    fn attend(
        &self,
        x: &Tensor,
        k: &Tensor,
        v: &Tensor,
        mask: Option<&Tensor>,
    ) -> candle_core::Result<Tensor> {
        let (b, t, _) = x.dims3()?;
        let s = k.dim(2)?;
        let bh = b * self.heads;
        let q = self
            .split(&(x.apply(&self.q)? * self.scale)?)?
            .reshape((bh, t, self.head_dim))?;
        let k = k.reshape((bh, s, self.head_dim))?;
        let v = v.reshape((bh, s, self.head_dim))?;
        let mut scores = q.matmul(&k.t()?)?;
        if let Some(mask) = mask {
            scores = scores
                .reshape((b, self.heads, t, s))?
                .broadcast_add(mask)?
                .reshape((bh, t, s))?;
        }
        let probs = candle_nn::ops::softmax_last_dim(&scores)?;
        probs
            .matmul(&v)?
            .reshape((b, self.heads, t, self.head_dim))?
            .transpose(1, 2)?
            .reshape((b, t, self.heads * self.head_dim))?
            .apply(&self.out)
    }
}

struct FeedForward {
    fc1: Linear,
    fc2: Linear,
    act: Activation,
}

impl FeedForward {
    fn new(d: usize, ffn: usize, act: Activation, vb: &VarBuilder) -> candle_core::Result<Self> {
        Ok(FeedForward {
            fc1: candle_nn::linear(d, ffn, vb.pp("fc1"))?,
            fc2: candle_nn::linear(ffn, d, vb.pp("fc2"))?,
            act,
        })
    }

    fn forward(&self, x: &Tensor) -> candle_core::Result<Tensor> {
        x.apply(&self.fc1)?.apply(&self.act)?.apply(&self.fc2)
    }
}

struct EncoderLayer {
    attn: Attention,
    attn_norm: LayerNorm,
    ffn: FeedForward,
    ffn_norm: LayerNorm,
}

struct DecoderLayer {
    attn: Attention,
    attn_norm: LayerNorm,
    cross: Attention,
    cross_norm: LayerNorm,
    ffn: FeedForward,
    ffn_norm: LayerNorm,
}

fn norm(d: usize, vb: VarBuilder) -> candle_core::Result<LayerNorm> {
    candle_nn::layer_norm(d, 1e-5, vb)
}

/// A loaded Marian model.
pub struct Net {
    cfg: NetConfig,
    encoder_embed: Embedding,
    decoder_embed: Embedding,
    /// `(max_positions, d)`.
    positions: Tensor,
    encoder: Vec<EncoderLayer>,
    decoder: Vec<DecoderLayer>,
    /// `(d, target vocabulary)`: the output layer, transposed once.
    lm_head_t: Tensor,
    /// `(1, target vocabulary)`.
    final_logits_bias: Tensor,
    device: Device,
}

/// What the decoder keeps between steps for a batch.
pub struct Decoding {
    /// Per layer: the keys and values of the tokens decoded so far.
    past: Vec<Option<(Tensor, Tensor)>>,
    /// Per layer: the keys and values of the encoded source.
    source: Vec<(Tensor, Tensor)>,
    /// `(b, 1, 1, s)`: padding of the source.
    mask: Tensor,
    /// Tokens decoded so far.
    pub steps: usize,
}

impl Net {
    /// Builds the network from weights named as in the Hugging Face checkpoints.
    pub fn new(cfg: NetConfig, vb: VarBuilder) -> candle_core::Result<Net> {
        let d = cfg.d_model;
        let m = vb.pp("model");
        let target_vocab = cfg.decoder_vocab_size.unwrap_or(cfg.vocab_size);
        let table = |name: &str, n: usize| -> candle_core::Result<Embedding> {
            Ok(Embedding::new(m.get((n, d), name)?, d))
        };
        let encoder_embed = if m.contains_tensor("shared.weight") {
            table("shared.weight", cfg.vocab_size)?
        } else {
            table("encoder.embed_tokens.weight", cfg.vocab_size)?
        };
        let decoder_embed =
            if cfg.share_encoder_decoder_embeddings && target_vocab == cfg.vocab_size {
                encoder_embed.clone()
            } else {
                table("decoder.embed_tokens.weight", target_vocab)?
            };
        let lm_head = if vb.contains_tensor("lm_head.weight") {
            vb.get((target_vocab, d), "lm_head.weight")?
        } else {
            decoder_embed.embeddings().clone()
        };
        let final_logits_bias = if vb.contains_tensor("final_logits_bias") {
            vb.get((1, target_vocab), "final_logits_bias")?
        } else {
            Tensor::zeros((1, target_vocab), DType::F32, vb.device())?
        };
        let mut encoder = Vec::with_capacity(cfg.encoder_layers);
        for i in 0..cfg.encoder_layers {
            let l = m.pp(format!("encoder.layers.{i}"));
            encoder.push(EncoderLayer {
                attn: Attention::new(d, cfg.encoder_attention_heads, l.pp("self_attn"))?,
                attn_norm: norm(d, l.pp("self_attn_layer_norm"))?,
                ffn: FeedForward::new(d, cfg.encoder_ffn_dim, cfg.activation_function, &l)?,
                ffn_norm: norm(d, l.pp("final_layer_norm"))?,
            });
        }
        let mut decoder = Vec::with_capacity(cfg.decoder_layers);
        for i in 0..cfg.decoder_layers {
            let l = m.pp(format!("decoder.layers.{i}"));
            decoder.push(DecoderLayer {
                attn: Attention::new(d, cfg.decoder_attention_heads, l.pp("self_attn"))?,
                attn_norm: norm(d, l.pp("self_attn_layer_norm"))?,
                cross: Attention::new(d, cfg.decoder_attention_heads, l.pp("encoder_attn"))?,
                cross_norm: norm(d, l.pp("encoder_attn_layer_norm"))?,
                ffn: FeedForward::new(d, cfg.decoder_ffn_dim, cfg.activation_function, &l)?,
                ffn_norm: norm(d, l.pp("final_layer_norm"))?,
            });
        }
        let device = vb.device().clone();
        Ok(Net {
            positions: sinusoids(cfg.max_position_embeddings, d, &device)?,
            lm_head_t: lm_head.t()?.contiguous()?,
            cfg,
            encoder_embed,
            decoder_embed,
            encoder,
            decoder,
            final_logits_bias,
            device,
        })
    }

    pub fn config(&self) -> &NetConfig {
        &self.cfg
    }

    /// The number of weights.
    pub fn parameters(&self) -> usize {
        let c = &self.cfg;
        let d = c.d_model;
        let attention = 4 * (d * d + d) + 2 * d;
        let ffn = |f: usize| d * f + f + f * d + d + 2 * d;
        let target = c.decoder_vocab_size.unwrap_or(c.vocab_size);
        let embeddings = if self.decoder_embed.embeddings().dims()
            == self.encoder_embed.embeddings().dims()
            && c.share_encoder_decoder_embeddings
        {
            c.vocab_size * d
        } else {
            (c.vocab_size + target) * d
        };
        embeddings
            + target
            + c.encoder_layers * (attention + ffn(c.encoder_ffn_dim))
            + c.decoder_layers * (2 * attention + ffn(c.decoder_ffn_dim))
    }

    fn embed(&self, table: &Embedding, ids: &Tensor, from: usize) -> candle_core::Result<Tensor> {
        let t = ids.dim(1)?;
        let x = ids.apply(table)?;
        let x = if self.cfg.scale_embedding {
            (x * (self.cfg.d_model as f64).sqrt())?
        } else {
            x
        };
        x.broadcast_add(&self.positions.narrow(0, from, t)?.unsqueeze(0)?)
    }

    /// Encodes a batch of token rows padded with the pad token; returns the decoder's state.
    pub fn encode(&self, rows: &[Vec<u32>]) -> candle_core::Result<Decoding> {
        let b = rows.len();
        let s = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let pad = self.cfg.pad_token_id;
        let mut ids = Vec::with_capacity(b * s);
        let mut mask = Vec::with_capacity(b * s);
        for row in rows {
            for j in 0..s {
                ids.push(row.get(j).copied().unwrap_or(pad));
                mask.push(if j < row.len() { 0.0 } else { MASKED });
            }
        }
        let ids = Tensor::from_vec(ids, (b, s), &self.device)?;
        let mask = Tensor::from_vec(mask, (b, 1, 1, s), &self.device)?;
        let mut x = self.embed(&self.encoder_embed, &ids, 0)?;
        for l in &self.encoder {
            let (k, v) = l.attn.keys_values(&x)?;
            let h = l.attn.attend(&x, &k, &v, Some(&mask))?;
            x = (x + h)?.apply(&l.attn_norm)?;
            let h = l.ffn.forward(&x)?;
            x = (x + h)?.apply(&l.ffn_norm)?;
        }
        let source = self
            .decoder
            .iter()
            .map(|l| l.cross.keys_values(&x))
            .collect::<candle_core::Result<Vec<_>>>()?;
        Ok(Decoding {
            past: vec![None; self.decoder.len()],
            source,
            mask,
            steps: 0,
        })
    }

    /// One decoder step: the next token of each row in, the scores of the one after out,
    /// `(b, target vocabulary)`.
    pub fn step(&self, state: &mut Decoding, tokens: &[u32]) -> candle_core::Result<Tensor> {
        let b = tokens.len();
        let ids = Tensor::from_vec(tokens.to_vec(), (b, 1), &self.device)?;
        let mut x = self.embed(&self.decoder_embed, &ids, state.steps)?;
        for (i, l) in self.decoder.iter().enumerate() {
            let (k, v) = l.attn.keys_values(&x)?;
            let (k, v) = match state.past[i].take() {
                Some((pk, pv)) => (Tensor::cat(&[&pk, &k], 2)?, Tensor::cat(&[&pv, &v], 2)?),
                None => (k, v),
            };
            let h = l.attn.attend(&x, &k, &v, None)?;
            state.past[i] = Some((k, v));
            x = (x + h)?.apply(&l.attn_norm)?;
            let (sk, sv) = &state.source[i];
            let h = l.cross.attend(&x, sk, sv, Some(&state.mask))?;
            x = (x + h)?.apply(&l.cross_norm)?;
            let h = l.ffn.forward(&x)?;
            x = (x + h)?.apply(&l.ffn_norm)?;
        }
        state.steps += 1;
        x.reshape((b, self.cfg.d_model))?
            .matmul(&self.lm_head_t)?
            .broadcast_add(&self.final_logits_bias)
    }

    /// Greedy decoding of a batch: each row's tokens up to (not including) the end token, at
    /// most `max_tokens` each, and whether the row ended (produced the end token) before the
    /// limit. The pad token is never produced (`bad_words_ids` of the Hugging Face configs).
    pub fn greedy(
        &self,
        rows: &[Vec<u32>],
        max_tokens: usize,
    ) -> candle_core::Result<(Vec<Vec<u32>>, Vec<bool>)> {
        let (pad, eos) = (self.cfg.pad_token_id, self.cfg.eos_token_id);
        let mut state = self.encode(rows)?;
        let mut out: Vec<Vec<u32>> = vec![Vec::new(); rows.len()];
        let mut done = vec![false; rows.len()];
        let mut tokens = vec![self.cfg.start(); rows.len()];
        let limit = max_tokens.min(self.cfg.max_position_embeddings.saturating_sub(1));
        let vocab = self.final_logits_bias.dim(1)?;
        let no_pad: Vec<f32> = (0..vocab)
            .map(|i| {
                if i as u32 == pad {
                    f32::NEG_INFINITY
                } else {
                    0.0
                }
            })
            .collect();
        let no_pad = Tensor::from_vec(no_pad, (1, vocab), &self.device)?;
        for _ in 0..limit {
            let scores = self.step(&mut state, &tokens)?.broadcast_add(&no_pad)?;
            let next = scores.argmax(D::Minus1)?.to_vec1::<u32>()?;
            for (i, &t) in next.iter().enumerate() {
                if done[i] {
                    tokens[i] = pad;
                    continue;
                }
                if t == eos {
                    done[i] = true;
                    tokens[i] = pad;
                } else {
                    out[i].push(t);
                    tokens[i] = t;
                }
            }
            if done.iter().all(|d| *d) {
                break;
            }
        }
        Ok((out, done))
    }
}

/// Sinusoidal positions as Marian writes them: sines in the first half, cosines in the second.
fn sinusoids(n: usize, d: usize, device: &Device) -> candle_core::Result<Tensor> {
    let half = d / 2;
    let mut table = vec![0f32; n * d];
    for pos in 0..n {
        for i in 0..half {
            let angle = pos as f64 / 10000f64.powf((2 * i) as f64 / d as f64);
            table[pos * d + i] = angle.sin() as f32;
            table[pos * d + half + i] = angle.cos() as f32;
        }
    }
    Tensor::from_vec(table, (n, d), device)
}
