//! A tiny Marian model with random weights, written as a real one is laid out: `config.json`,
//! `model.safetensors`, `source.spm`, `target.spm`, `vocab.json`, `tokenizer_config.json`.
//! No model can be downloaded where bantin is tested, so tests and `bench translate --tiny`
//! run the real loading, tokenising and decoding code on this one. Its output is noise, which
//! the gate must refuse.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context, Result};
use candle_core::{Device, Tensor};

use super::spm::{PieceType, SpmModel};

/// The tiny model's shape.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub d_model: usize,
    pub layers: usize,
    pub heads: usize,
    pub ffn: usize,
    pub max_positions: usize,
    /// Seed of the weights.
    pub seed: u64,
}

impl Default for Shape {
    fn default() -> Self {
        Shape {
            d_model: 32,
            layers: 2,
            heads: 4,
            ffn: 64,
            max_positions: 256,
            seed: 7,
        }
    }
}

/// Words the tiny vocabulary holds whole, so common text makes multi-character pieces.
const WORDS: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "said",
    "on",
    "for",
    "that",
    "is",
    "was",
    "by",
    "with",
    "percent",
    "million",
    "billion",
    "year",
    "company",
    "government",
    "people",
    "new",
    "more",
    "than",
    "has",
    "have",
    "will",
    "not",
    "its",
    "at",
    "from",
    "it",
    "be",
    "are",
    "were",
    "an",
    "this",
    "which",
    "after",
    "about",
    "up",
    "out",
    "over",
    "last",
    "first",
    "two",
    "three",
    "cho",
    "biết",
    "năm",
    "và",
    "của",
    "người",
    "triệu",
    "tỷ",
    "theo",
    "đã",
    "không",
    "có",
    "một",
    "các",
    "những",
    "được",
    "trong",
    "với",
    "là",
    "công",
    "ty",
    "chính",
    "phủ",
];

/// The pieces: end, unknown, then single characters (alone and after `▁`), then whole words.
fn pieces() -> Vec<(String, f32, PieceType)> {
    let mut out = vec![
        ("</s>".to_string(), 0.0, PieceType::Control),
        ("<unk>".to_string(), 0.0, PieceType::Unknown),
        ("▁".to_string(), -2.0, PieceType::Normal),
    ];
    let chars = ('a'..='z')
        .chain('A'..='Z')
        .chain('0'..='9')
        .chain(".,;:!?%$()[]-'\"/".chars())
        .chain("ăâđêôơưáàảãạéèẻẽẹíìỉĩịóòỏõọúùủũụýếềệốồộớờợứừựấầậắằặ".chars());
    let mut seen = std::collections::HashSet::new();
    for c in chars.filter(|c| seen.insert(*c)) {
        out.push((c.to_string(), -8.0, PieceType::Normal));
        out.push((format!("▁{c}"), -7.0, PieceType::Normal));
    }
    for w in WORDS.iter().filter(|w| w.chars().count() > 1) {
        out.push((format!("▁{w}"), -3.0, PieceType::Normal));
    }
    out.push((">>vie<<".to_string(), 0.0, PieceType::UserDefined));
    out
}

/// A deterministic stream of numbers in [-1, 1) (xorshift), so a seed gives the same model.
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> f32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 40) as f32 / (1u64 << 23) as f32 - 1.0
    }

    fn tensor(&mut self, shape: &[usize], scale: f32) -> Result<Tensor> {
        let n = shape.iter().product();
        let v: Vec<f32> = (0..n).map(|_| self.next() * scale).collect();
        Ok(Tensor::from_vec(v, shape, &Device::Cpu)?)
    }
}

/// Writes a tiny model into `dir`; returns its vocabulary size.
pub fn write(dir: &Path, shape: Shape) -> Result<usize> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let spm = SpmModel {
        pieces: pieces(),
        charsmap: Vec::new(),
        add_dummy_prefix: true,
        remove_extra_whitespaces: true,
    };
    let mut vocab: HashMap<String, u32> = HashMap::new();
    for (i, (p, _, _)) in spm.pieces.iter().enumerate() {
        vocab.insert(p.clone(), i as u32);
    }
    let pad = spm.pieces.len() as u32;
    vocab.insert("<pad>".into(), pad);
    let n = vocab.len();
    let d = shape.d_model;
    let config = serde_json::json!({
        "model_type": "marian",
        "architectures": ["MarianMTModel"],
        "vocab_size": n,
        "decoder_vocab_size": n,
        "d_model": d,
        "encoder_layers": shape.layers,
        "decoder_layers": shape.layers,
        "encoder_attention_heads": shape.heads,
        "decoder_attention_heads": shape.heads,
        "encoder_ffn_dim": shape.ffn,
        "decoder_ffn_dim": shape.ffn,
        "activation_function": "swish",
        "max_position_embeddings": shape.max_positions,
        "scale_embedding": true,
        "pad_token_id": pad,
        "eos_token_id": 0,
        "decoder_start_token_id": pad,
        "forced_eos_token_id": 0,
        "share_encoder_decoder_embeddings": true,
        "static_position_embeddings": true,
        "bad_words_ids": [[pad]],
    });
    let mut noise = Noise(shape.seed.max(1));
    let mut t: HashMap<String, Tensor> = HashMap::new();
    let w = 3.0 / (d as f32).sqrt();
    t.insert("model.shared.weight".into(), noise.tensor(&[n, d], 0.5)?);
    t.insert(
        "final_logits_bias".into(),
        Tensor::zeros((1, n), candle_core::DType::F32, &Device::Cpu)?,
    );
    let mut linear =
        |t: &mut HashMap<String, Tensor>, name: String, o: usize, i: usize| -> Result<()> {
            t.insert(format!("{name}.weight"), noise.tensor(&[o, i], w)?);
            t.insert(format!("{name}.bias"), noise.tensor(&[o], 0.02)?);
            Ok(())
        };
    let norm = |t: &mut HashMap<String, Tensor>, name: String| -> Result<()> {
        t.insert(
            format!("{name}.weight"),
            Tensor::ones(d, candle_core::DType::F32, &Device::Cpu)?,
        );
        t.insert(
            format!("{name}.bias"),
            Tensor::zeros(d, candle_core::DType::F32, &Device::Cpu)?,
        );
        Ok(())
    };
    for side in ["encoder", "decoder"] {
        for l in 0..shape.layers {
            let p = format!("model.{side}.layers.{l}");
            let attns: &[&str] = if side == "encoder" {
                &["self_attn"]
            } else {
                &["self_attn", "encoder_attn"]
            };
            for a in attns {
                for proj in ["q_proj", "k_proj", "v_proj", "out_proj"] {
                    linear(&mut t, format!("{p}.{a}.{proj}"), d, d)?;
                }
                norm(&mut t, format!("{p}.{a}_layer_norm"))?;
            }
            linear(&mut t, format!("{p}.fc1"), shape.ffn, d)?;
            linear(&mut t, format!("{p}.fc2"), d, shape.ffn)?;
            norm(&mut t, format!("{p}.final_layer_norm"))?;
        }
    }
    candle_core::safetensors::save(&t, dir.join("model.safetensors"))
        .context("cannot write model.safetensors")?;
    let files: [(&str, Vec<u8>); 5] = [
        ("config.json", serde_json::to_vec_pretty(&config)?),
        ("vocab.json", serde_json::to_vec_pretty(&vocab)?),
        ("source.spm", spm.to_bytes()),
        ("target.spm", spm.to_bytes()),
        (
            "tokenizer_config.json",
            serde_json::to_vec(
                &serde_json::json!({"source_lang": "en", "target_lang": "vi", "separate_vocabs": false}),
            )?,
        ),
    ];
    for (name, bytes) in files {
        std::fs::write(dir.join(name), bytes)
            .with_context(|| format!("cannot write {}", dir.join(name).display()))?;
    }
    Ok(n)
}
