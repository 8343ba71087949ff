//! SentencePiece models (`source.spm`, `target.spm`) read in Rust: the protobuf's pieces and
//! scores build a unigram model (the `tokenizers` crate's Viterbi), its normaliser is the
//! model's own precompiled character map, and whitespace is handled as SentencePiece does
//! (extra spaces removed, a `▁` prefix, spaces written as `▁`). No Python conversion step.

use anyhow::{Context, Result, bail};
use tokenizers::models::unigram::Unigram;
use tokenizers::normalizers::Precompiled;
use tokenizers::{NormalizedString, Normalizer};

/// The character SentencePiece writes for a space.
pub const SPACE: char = '▁';

/// A piece's type in the model (`sentencepiece_model.proto`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PieceType {
    Normal,
    Unknown,
    Control,
    UserDefined,
    Unused,
    Byte,
}

impl PieceType {
    fn from_proto(v: u64) -> PieceType {
        match v {
            2 => PieceType::Unknown,
            3 => PieceType::Control,
            4 => PieceType::UserDefined,
            5 => PieceType::Unused,
            6 => PieceType::Byte,
            _ => PieceType::Normal,
        }
    }

    fn to_proto(self) -> u64 {
        match self {
            PieceType::Normal => 1,
            PieceType::Unknown => 2,
            PieceType::Control => 3,
            PieceType::UserDefined => 4,
            PieceType::Unused => 5,
            PieceType::Byte => 6,
        }
    }
}

/// What a `.spm` file holds that encoding needs.
#[derive(Debug, Clone, PartialEq)]
pub struct SpmModel {
    /// Pieces with their scores and types, in id order.
    pub pieces: Vec<(String, f32, PieceType)>,
    /// The normaliser's precompiled character map (empty: no normalisation).
    pub charsmap: Vec<u8>,
    /// Prepend `▁` to the text.
    pub add_dummy_prefix: bool,
    /// Trim and collapse runs of spaces.
    pub remove_extra_whitespaces: bool,
}

impl SpmModel {
    /// Reads a serialised `ModelProto`.
    pub fn parse(bytes: &[u8]) -> Result<SpmModel> {
        let mut m = SpmModel {
            pieces: Vec::new(),
            charsmap: Vec::new(),
            add_dummy_prefix: true,
            remove_extra_whitespaces: true,
        };
        for field in Fields(bytes) {
            match field? {
                (1, Value::Bytes(b)) => {
                    let (mut piece, mut score, mut kind) = (String::new(), 0f32, 1u64);
                    for f in Fields(b) {
                        match f? {
                            (1, Value::Bytes(s)) => {
                                piece =
                                    String::from_utf8(s.to_vec()).context("a piece is not UTF-8")?
                            }
                            (2, Value::Fixed32(v)) => score = f32::from_bits(v),
                            (3, Value::Varint(v)) => kind = v,
                            _ => {}
                        }
                    }
                    m.pieces.push((piece, score, PieceType::from_proto(kind)));
                }
                (2, Value::Bytes(trainer)) => {
                    for f in Fields(trainer) {
                        // model_type = 3: 1 is unigram, the only kind Marian models use.
                        if let (3, Value::Varint(t)) = f?
                            && t != 1
                        {
                            bail!("SentencePiece model type {t} is not unigram");
                        }
                    }
                }
                (3, Value::Bytes(norm)) => {
                    for f in Fields(norm) {
                        match f? {
                            (2, Value::Bytes(map)) => m.charsmap = map.to_vec(),
                            (3, Value::Varint(v)) => m.add_dummy_prefix = v != 0,
                            (4, Value::Varint(v)) => m.remove_extra_whitespaces = v != 0,
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        if m.pieces.is_empty() {
            bail!("not a SentencePiece model: no pieces");
        }
        Ok(m)
    }

    /// The model as a serialised `ModelProto` (what [`SpmModel::parse`] reads).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for (piece, score, kind) in &self.pieces {
            let mut p = Vec::new();
            put_bytes(&mut p, 1, piece.as_bytes());
            put_key(&mut p, 2, 5);
            p.extend_from_slice(&score.to_bits().to_le_bytes());
            put_key(&mut p, 3, 0);
            put_varint(&mut p, kind.to_proto());
            put_bytes(&mut out, 1, &p);
        }
        let mut trainer = Vec::new();
        put_key(&mut trainer, 3, 0);
        put_varint(&mut trainer, 1);
        put_bytes(&mut out, 2, &trainer);
        let mut norm = Vec::new();
        put_bytes(&mut norm, 1, b"identity");
        if !self.charsmap.is_empty() {
            put_bytes(&mut norm, 2, &self.charsmap);
        }
        put_key(&mut norm, 3, 0);
        put_varint(&mut norm, self.add_dummy_prefix as u64);
        put_key(&mut norm, 4, 0);
        put_varint(&mut norm, self.remove_extra_whitespaces as u64);
        put_bytes(&mut out, 3, &norm);
        out
    }
}

/// A SentencePiece encoder and decoder.
pub struct Spm {
    model: SpmModel,
    unigram: Unigram,
    normaliser: Option<Precompiled>,
}

impl std::fmt::Debug for Spm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Spm({} pieces)", self.model.pieces.len())
    }
}

impl Spm {
    /// Builds the encoder of a parsed model.
    pub fn new(model: SpmModel) -> Result<Spm> {
        let unk = model.pieces.iter().position(|p| p.2 == PieceType::Unknown);
        // Control and unused pieces never come out of encoding: SentencePiece gives them no
        // place in the lattice, so here they get a score nothing picks.
        let vocab = model
            .pieces
            .iter()
            .map(|(p, s, t)| {
                let score = match t {
                    PieceType::Control | PieceType::Unused => -1e9,
                    _ => f64::from(*s),
                };
                (p.clone(), score)
            })
            .collect();
        let unigram = Unigram::from(vocab, unk, false)
            .map_err(|e| anyhow::anyhow!("cannot build the unigram model: {e}"))?;
        let normaliser = if model.charsmap.is_empty() {
            None
        } else {
            Some(
                Precompiled::from(&model.charsmap)
                    .map_err(|e| anyhow::anyhow!("bad precompiled character map: {e}"))?,
            )
        };
        Ok(Spm {
            model,
            unigram,
            normaliser,
        })
    }

    /// Reads a `.spm` file.
    pub fn open(path: &std::path::Path) -> Result<Spm> {
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        Spm::new(SpmModel::parse(&bytes).with_context(|| format!("{}", path.display()))?)
    }

    /// The text as SentencePiece pieces.
    pub fn encode(&self, text: &str) -> Result<Vec<String>> {
        let mut text = text.to_string();
        if let Some(n) = &self.normaliser {
            let mut s = NormalizedString::from(text.as_str());
            n.normalize(&mut s)
                .map_err(|e| anyhow::anyhow!("cannot normalise: {e}"))?;
            text = s.get().to_string();
        }
        if self.model.remove_extra_whitespaces {
            text = text
                .split(' ')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
        }
        if text.is_empty() {
            return Ok(Vec::new());
        }
        let mut escaped = String::with_capacity(text.len() + 3);
        if self.model.add_dummy_prefix {
            escaped.push(SPACE);
        }
        escaped.extend(text.chars().map(|c| if c == ' ' { SPACE } else { c }));
        self.unigram
            .encode(&escaped)
            .map_err(|e| anyhow::anyhow!("cannot encode: {e}"))
    }

    /// Pieces back to text: `▁` is a space, the first one dropped.
    pub fn decode(pieces: &[&str]) -> String {
        let joined: String = pieces.concat().replace(SPACE, " ");
        joined.trim_start().to_string()
    }
}

/// One field of a protobuf message.
enum Value<'a> {
    Varint(u64),
    /// A 64-bit field: nothing encoding needs.
    Fixed64,
    Bytes(&'a [u8]),
    Fixed32(u32),
}

/// The fields of a protobuf message, in order.
struct Fields<'a>(&'a [u8]);

impl<'a> Iterator for Fields<'a> {
    type Item = Result<(u64, Value<'a>)>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.0.is_empty() {
            return None;
        }
        Some(self.field())
    }
}

impl<'a> Fields<'a> {
    fn field(&mut self) -> Result<(u64, Value<'a>)> {
        let key = self.varint()?;
        let value = match key & 7 {
            0 => Value::Varint(self.varint()?),
            1 => {
                self.take(8)?;
                Value::Fixed64
            }
            2 => {
                let n = usize::try_from(self.varint()?).context("length too large")?;
                Value::Bytes(self.take(n)?)
            }
            5 => {
                let b = self.take(4)?;
                Value::Fixed32(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            }
            t => bail!("protobuf wire type {t} is not supported"),
        };
        Ok((key >> 3, value))
    }

    fn varint(&mut self) -> Result<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let (&b, rest) = self.0.split_first().context("truncated protobuf")?;
            self.0 = rest;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        bail!("protobuf varint too long")
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        if self.0.len() < n {
            bail!("truncated protobuf");
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn put_key(out: &mut Vec<u8>, field: u64, wire: u64) {
    put_varint(out, (field << 3) | wire);
}

fn put_bytes(out: &mut Vec<u8>, field: u64, bytes: &[u8]) {
    put_key(out, field, 2);
    put_varint(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(words: &[&str]) -> SpmModel {
        let mut pieces = vec![
            ("<unk>".to_string(), 0.0, PieceType::Unknown),
            ("<s>".to_string(), 0.0, PieceType::Control),
            ("</s>".to_string(), 0.0, PieceType::Control),
        ];
        for (i, w) in words.iter().enumerate() {
            pieces.push((w.to_string(), -1.0 - i as f32 * 0.01, PieceType::Normal));
        }
        SpmModel {
            pieces,
            charsmap: Vec::new(),
            add_dummy_prefix: true,
            remove_extra_whitespaces: true,
        }
    }

    #[test]
    fn a_model_written_as_protobuf_reads_back_the_same() {
        let m = model(&["▁the", "▁cat", "s", "▁"]);
        assert_eq!(SpmModel::parse(&m.to_bytes()).unwrap(), m);
    }

    #[test]
    fn text_is_split_into_the_most_likely_pieces_with_spaces_as_the_marker() {
        let spm = Spm::new(model(&["▁the", "▁cat", "s", "▁c", "a", "t", "▁"])).unwrap();
        assert_eq!(spm.encode("the  cats").unwrap(), ["▁the", "▁cat", "s"]);
        let pieces = spm.encode("the cats").unwrap();
        let refs: Vec<&str> = pieces.iter().map(String::as_str).collect();
        assert_eq!(Spm::decode(&refs), "the cats");
    }

    #[test]
    fn characters_the_model_lacks_become_one_unknown_piece() {
        let spm = Spm::new(model(&["▁the", "▁"])).unwrap();
        let pieces = spm.encode("the zz").unwrap();
        assert_eq!(pieces[0], "▁the");
        assert_eq!(pieces.len(), 3, "{pieces:?}");
    }

    #[test]
    fn truncated_or_foreign_bytes_are_an_error_not_a_panic() {
        let bytes = model(&["▁a"]).to_bytes();
        assert!(SpmModel::parse(&bytes[..bytes.len() - 3]).is_err());
        assert!(SpmModel::parse(b"\x0f\xff\xff").is_err());
        assert!(SpmModel::parse(b"").is_err());
    }
}
