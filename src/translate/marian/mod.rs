//! A translation model on the user's own machine: a Marian model (Helsinki-NLP opus-mt) from
//! the Hugging Face cache, run on the CPU by candle. It is one of the engines, tried in order
//! and held to the same gate as the servers.
//!
//! The model's own files are all it needs: `config.json`, weights (`model.safetensors` or
//! `pytorch_model.bin`), the SentencePiece models and `vocab.json`. Text is encoded as
//! Hugging Face's `MarianTokenizer` does (source pieces, looked up in `vocab.json`, an unknown
//! piece as `<unk>`, the end token appended, the target-language token such as `>>vie<<` first
//! when the vocabulary has one), decoded greedily in batches of sentences of similar length.
//! Figures and names go as placeholders (`[1]`) that the model copies and bantin restores the
//! Vietnamese way, unless `protect = false`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, Result};

use super::remote::{Ask, Engine, Failure, protect, restore};
use crate::config;

pub mod net;
pub mod spm;
pub mod tiny;

use net::{Net, NetConfig};
use spm::Spm;

/// A Marian model of the cache, loaded on first use.
pub struct Marian {
    /// `org/name@commit`: what answered, for the cache of answers.
    label: String,
    dir: PathBuf,
    settings: config::Marian,
    loaded: OnceLock<Result<Loaded, String>>,
    /// Tokens decoded so far, for `bench translate`.
    decoded: AtomicUsize,
}

/// What a loaded model holds.
struct Loaded {
    net: Net,
    source: Spm,
    vocab: HashMap<String, u32>,
    /// The decoder's pieces by id.
    target: Vec<String>,
    /// The target-language token, when the model needs one.
    prefix: Option<u32>,
    unk: u32,
    pool: rayon::ThreadPool,
}

impl Marian {
    /// The configured model, from the cache; an error says how to get it when it is not there.
    pub fn open(settings: &config::Marian, cache: &Path) -> Result<Marian> {
        let repo = crate::hub::Repo::new(cache, &settings.model)?;
        let dir = repo.snapshot(&settings.revision).with_context(|| {
            format!(
                "no model {} ({}) in {}: get it with `bantin model pull {}` (or `bantin run --download-model`)",
                settings.model,
                settings.revision,
                cache.display(),
                settings.model
            )
        })?;
        Ok(Marian::from_dir(&dir, &settings.model, settings))
    }

    /// A model in a folder of its files.
    pub fn from_dir(dir: &Path, name: &str, settings: &config::Marian) -> Marian {
        let commit = dir
            .file_name()
            .map(|c| c.to_string_lossy().to_string())
            .unwrap_or_default();
        Marian {
            label: format!("{name}@{commit}"),
            dir: dir.to_path_buf(),
            settings: settings.clone(),
            loaded: OnceLock::new(),
            decoded: AtomicUsize::new(0),
        }
    }

    fn loaded(&self) -> Result<&Loaded, String> {
        self.loaded
            .get_or_init(|| {
                Loaded::new(&self.dir, self.settings.threads)
                    .map_err(|e| format!("cannot load the model in {}: {e:#}", self.dir.display()))
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Loads the model now (it is otherwise loaded on first use).
    pub fn load(&self) -> Result<()> {
        self.loaded().map(|_| ()).map_err(anyhow::Error::msg)
    }

    /// Tokens decoded so far.
    pub fn decoded(&self) -> usize {
        self.decoded.load(Ordering::Relaxed)
    }

    /// Threads the model runs on.
    pub fn threads(&self) -> usize {
        self.loaded()
            .map(|l| l.pool.current_num_threads())
            .unwrap_or(0)
    }

    /// Parameters of the loaded model.
    pub fn parameters(&self) -> usize {
        self.loaded().map(|l| l.net.parameters()).unwrap_or(0)
    }

    /// Translates sentences in batches of similar length; answers in order.
    pub fn translate(&self, texts: &[&str]) -> Result<Vec<String>> {
        Ok(self
            .translate_ended(texts)?
            .into_iter()
            .map(|(t, _)| t)
            .collect())
    }

    /// Translations, each with whether the model ended it before `max_tokens`.
    fn translate_ended(&self, texts: &[&str]) -> Result<Vec<(String, bool)>> {
        let m = self.loaded().map_err(anyhow::Error::msg)?;
        let rows = texts
            .iter()
            .map(|t| m.encode(t))
            .collect::<Result<Vec<_>>>()?;
        let mut order: Vec<usize> = (0..rows.len()).collect();
        order.sort_by_key(|&i| rows[i].len());
        let mut out = vec![(String::new(), false); rows.len()];
        for chunk in order.chunks(self.settings.batch.max(1)) {
            let batch: Vec<Vec<u32>> = chunk.iter().map(|&i| rows[i].clone()).collect();
            let (ids, ended) = m
                .pool
                .install(|| m.net.greedy(&batch, self.settings.max_tokens))
                .context("the model failed")?;
            for ((&i, ids), ended) in chunk.iter().zip(ids).zip(ended) {
                self.decoded.fetch_add(ids.len(), Ordering::Relaxed);
                out[i] = (m.decode(&ids), ended);
            }
        }
        Ok(out)
    }

    /// What the model gets for a sentence: with placeholders, unless `protect = false`.
    fn source_text(&self, ask: &Ask) -> String {
        if self.settings.protect {
            protect(ask).0
        } else {
            ask.text.clone()
        }
    }

    fn answer(&self, raw: String, ask: &Ask) -> Result<String, Failure> {
        let raw = raw.trim().to_string();
        if raw.is_empty() {
            return Err(Failure::Answer("empty answer".into()));
        }
        if self.settings.protect {
            let (_, values) = protect(ask);
            restore(&raw, &values).map_err(Failure::Answer)
        } else {
            Ok(raw)
        }
    }
}

impl Loaded {
    fn new(dir: &Path, threads: usize) -> Result<Loaded> {
        let read = |f: &str| std::fs::read(dir.join(f)).with_context(|| format!("cannot read {f}"));
        let cfg: NetConfig =
            serde_json::from_slice(&read("config.json")?).context("config.json")?;
        let device = candle_core::Device::Cpu;
        let dtype = candle_core::DType::F32;
        let vb = if dir.join("model.safetensors").is_file() {
            let weights = dir.join("model.safetensors");
            // SAFETY: the weights are a file of the model cache, which nothing writes while a
            // run reads it (a pull writes a new blob and renames it into place).
            unsafe { candle_nn::VarBuilder::from_mmaped_safetensors(&[weights], dtype, &device) }
                .context("model.safetensors")?
        } else {
            candle_nn::VarBuilder::from_pth(dir.join("pytorch_model.bin"), dtype, &device)
                .context("pytorch_model.bin")?
        };
        let vocab: HashMap<String, u32> =
            serde_json::from_slice(&read("vocab.json")?).context("vocab.json")?;
        let target_vocab: HashMap<String, u32> = if dir.join("target_vocab.json").is_file() {
            serde_json::from_slice(&read("target_vocab.json")?).context("target_vocab.json")?
        } else {
            vocab.clone()
        };
        let target_size = cfg.decoder_vocab_size.unwrap_or(cfg.vocab_size);
        let mut target = vec![String::new(); target_size];
        for (piece, &id) in &target_vocab {
            if let Some(slot) = target.get_mut(id as usize) {
                *slot = piece.clone();
            }
        }
        anyhow::ensure!(
            vocab.values().all(|&id| (id as usize) < cfg.vocab_size),
            "vocab.json has ids beyond the model's vocabulary of {}",
            cfg.vocab_size
        );
        let unk = *vocab.get("<unk>").context("vocab.json has no <unk>")?;
        let prefix = [">>vie<<", ">>vi<<"]
            .iter()
            .find_map(|t| vocab.get(*t).copied());
        let source = Spm::open(&dir.join("source.spm"))?;
        let net = Net::new(cfg, vb).context("the weights do not fit config.json")?;
        let threads = if threads == 0 {
            std::thread::available_parallelism().map_or(1, |n| n.get())
        } else {
            threads
        };
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .context("cannot start the model's threads")?;
        Ok(Loaded {
            net,
            source,
            vocab,
            target,
            prefix,
            unk,
            pool,
        })
    }

    /// A sentence as the model's input ids.
    fn encode(&self, text: &str) -> Result<Vec<u32>> {
        let cfg = self.net.config();
        let mut ids: Vec<u32> = self.prefix.into_iter().collect();
        for piece in self.source.encode(text)? {
            ids.push(self.vocab.get(&piece).copied().unwrap_or(self.unk));
        }
        ids.truncate(cfg.max_position_embeddings.saturating_sub(1));
        ids.push(cfg.eos_token_id);
        Ok(ids)
    }

    /// The model's output ids as text; special tokens are left out.
    fn decode(&self, ids: &[u32]) -> String {
        let cfg = self.net.config();
        let pieces: Vec<&str> = ids
            .iter()
            .filter(|&&id| id != cfg.eos_token_id && id != cfg.pad_token_id)
            .filter_map(|&id| self.target.get(id as usize))
            .map(String::as_str)
            .filter(|p| !(p.starts_with(">>") && p.ends_with("<<")) && *p != "<unk>")
            .collect();
        Spm::decode(&pieces)
    }
}

impl Engine for Marian {
    fn name(&self) -> &'static str {
        "marian"
    }

    fn model(&self) -> &str {
        &self.label
    }

    fn concurrency(&self) -> usize {
        1
    }

    fn local(&self) -> bool {
        true
    }

    fn probe(&self) -> Result<(), String> {
        self.loaded().map(|_| ())
    }

    fn request(&self, ask: &Ask) -> String {
        serde_json::json!({
            "text": self.source_text(ask),
            "max_tokens": self.settings.max_tokens,
            "decoding": "greedy",
        })
        .to_string()
    }

    fn send(&self, _body: &str, ask: &Ask) -> Result<String, Failure> {
        self.answers(std::slice::from_ref(ask))
            .pop()
            .unwrap_or_else(|| Err(Failure::Down("no answer".into())))
    }

    fn send_batch(&self, asks: &[Ask]) -> Option<Vec<Result<String, Failure>>> {
        Some(self.answers(asks))
    }
}

impl Marian {
    /// The answers to many sentences, in order.
    fn answers(&self, asks: &[Ask]) -> Vec<Result<String, Failure>> {
        let texts: Vec<String> = asks.iter().map(|a| self.source_text(a)).collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        match self.translate_ended(&refs) {
            Ok(raw) => raw
                .into_iter()
                .zip(asks)
                .map(|((r, ended), ask)| {
                    if ended {
                        self.answer(r, ask)
                    } else {
                        // A sentence cut at the limit may have lost what the gate cannot see.
                        Err(Failure::Answer(format!(
                            "the model stopped at max_tokens ({}) before the end of the sentence",
                            self.settings.max_tokens
                        )))
                    }
                })
                .collect(),
            Err(e) => asks
                .iter()
                .map(|_| Err(Failure::Down(format!("{e:#}"))))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny(dir: &Path, max_tokens: usize, batch: usize) -> Marian {
        tiny::write(dir, tiny::Shape::default()).unwrap();
        let settings = config::Marian {
            max_tokens,
            batch,
            threads: 1,
            ..config::Marian::default()
        };
        Marian::from_dir(dir, "tiny", &settings)
    }

    const TEXTS: [&str; 3] = [
        "The company said 57 of 64 workers left.",
        "Prices rose 12.5% in 2024, the government said.",
        "hello",
    ];

    /// What Hugging Face transformers 5.25.0 (`MarianTokenizer`, `MarianMTModel.generate` with
    /// `num_beams=1`, `max_new_tokens=20`, `forced_eos_token_id=None`) makes of the tiny model
    /// of `tiny::Shape::default()`: `tests/fixtures/marian/hf_reference.py`.
    #[test]
    fn the_tiny_model_tokenises_and_decodes_exactly_as_hugging_face_transformers() {
        let dir = tempfile::tempdir().unwrap();
        let m = tiny(dir.path(), 20, 16);
        let l = m.loaded().unwrap();
        let inputs: [&[u32]; 3] = [
            &[
                330, 94, 17, 11, 278, 266, 118, 121, 262, 120, 115, 48, 31, 37, 23, 11, 37, 39, 26,
                11, 13, 41, 127, 0,
            ],
            &[
                330, 86, 37, 19, 7, 11, 39, 38, 31, 39, 11, 110, 111, 127, 117, 139, 265, 112, 107,
                111, 115, 129, 261, 279, 266, 127, 0,
            ],
            &[330, 18, 11, 25, 25, 31, 0],
        ];
        let outputs: [&[u32]; 3] = [
            &[320; 20],
            &[
                319, 319, 319, 319, 319, 320, 319, 319, 319, 319, 319, 319, 319, 319, 319, 320,
                319, 320, 319, 319,
            ],
            &[
                209, 209, 209, 209, 209, 164, 164, 164, 164, 164, 164, 164, 209, 320, 164, 164,
                164, 164, 164, 164,
            ],
        ];
        let rows: Vec<Vec<u32>> = TEXTS.iter().map(|t| l.encode(t).unwrap()).collect();
        for (row, want) in rows.iter().zip(inputs) {
            assert_eq!(row, want);
        }
        // One at a time, and all three in one padded batch.
        for (row, want) in rows.iter().zip(outputs) {
            assert_eq!(
                l.net.greedy(std::slice::from_ref(row), 20).unwrap().0[0],
                want
            );
        }
        assert_eq!(
            l.net.greedy(&rows, 20).unwrap().0,
            outputs.map(<[u32]>::to_vec)
        );
        // The first step's scores for "hello", to the transformers' logits.
        let mut state = l.net.encode(&rows[2..]).unwrap();
        let start = l.net.config().start();
        let scores = l
            .net
            .step(&mut state, &[start])
            .unwrap()
            .to_vec2::<f32>()
            .unwrap();
        for (id, want) in [
            (209, 4.597987),
            (164, 4.048632),
            (238, 3.889358),
            (0, 0.481685),
            (331, 2.2257),
        ] {
            assert!(
                (scores[0][id] - want).abs() < 1e-4,
                "logit {id}: {} vs {want}",
                scores[0][id]
            );
        }
    }

    /// `tests/fixtures/marian/tiny-pytorch_model.bin`: the tiny model's weights saved by
    /// `torch.save` (torch 2.15.0), as the older checkpoints on the Hub are.
    #[test]
    fn pytorch_weights_load_and_decode_as_the_safetensors_do() {
        let dir = tempfile::tempdir().unwrap();
        let m = tiny(dir.path(), 12, 16);
        let want = m.translate(&TEXTS).unwrap();
        std::fs::remove_file(dir.path().join("model.safetensors")).unwrap();
        std::fs::copy(
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/fixtures/marian/tiny-pytorch_model.bin"
            ),
            dir.path().join("pytorch_model.bin"),
        )
        .unwrap();
        let settings = config::Marian {
            max_tokens: 12,
            threads: 1,
            ..config::Marian::default()
        };
        let m = Marian::from_dir(dir.path(), "tiny", &settings);
        assert_eq!(m.translate(&TEXTS).unwrap(), want);
    }

    #[test]
    fn an_answer_cut_at_max_tokens_is_refused_not_passed_to_the_gate() {
        let dir = tempfile::tempdir().unwrap();
        let m = tiny(dir.path(), 4, 16);
        let ask = Ask {
            text: TEXTS[2].into(),
            headline: None,
            figures: Vec::new(),
            names: Vec::new(),
        };
        match m.send("", &ask) {
            Err(Failure::Answer(why)) => assert!(why.contains("max_tokens"), "{why}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_batch_of_sentences_translates_as_each_sentence_alone() {
        let dir = tempfile::tempdir().unwrap();
        let m = tiny(dir.path(), 16, 2);
        let together = m.translate(&TEXTS).unwrap();
        let alone: Vec<String> = TEXTS
            .iter()
            .map(|t| m.translate(&[t]).unwrap().remove(0))
            .collect();
        assert_eq!(together, alone);
        assert!(together.iter().all(|t| !t.is_empty()));
    }

    #[test]
    fn no_answer_is_longer_than_max_tokens() {
        let dir = tempfile::tempdir().unwrap();
        let m = tiny(dir.path(), 5, 16);
        let l = m.loaded().unwrap();
        let rows: Vec<Vec<u32>> = TEXTS.iter().map(|t| l.encode(t).unwrap()).collect();
        for out in l.net.greedy(&rows, 5).unwrap().0 {
            assert!(out.len() <= 5, "{out:?}");
        }
    }

    #[test]
    fn a_model_folder_with_missing_or_broken_files_is_one_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let m = tiny(dir.path(), 5, 16);
        std::fs::write(dir.path().join("vocab.json"), "{not json").unwrap();
        let e = m.load().unwrap_err().to_string();
        assert!(e.contains("vocab.json") && !e.contains('\n'), "{e}");
        std::fs::remove_file(dir.path().join("model.safetensors")).unwrap();
        let m = Marian::from_dir(dir.path(), "tiny", &config::Marian::default());
        let e = m.load().unwrap_err().to_string();
        assert!(e.contains("pytorch_model.bin"), "{e}");
    }
}
