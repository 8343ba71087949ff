//! The bilingual glossary and lexicon: entities, terms, verbs and function words, kept as data.
//!
//! TOML in (the built-in files under `sources/glossary/`, compiled in, plus any the user adds),
//! lookups out. Used by `claims` for entities and by `translate` for Vietnamese.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context, Result};
use serde::Deserialize;

use crate::model::EntityKind;

const BUILT_IN: &[(&str, &str)] = &[
    (
        "entities.toml",
        include_str!("../sources/glossary/entities.toml"),
    ),
    ("terms.toml", include_str!("../sources/glossary/terms.toml")),
    ("words.toml", include_str!("../sources/glossary/words.toml")),
];

impl std::str::FromStr for Pos {
    type Err = anyhow::Error;

    fn from_str(s: &str) -> Result<Self> {
        Ok(match s.trim().to_ascii_lowercase().as_str() {
            "noun" => Pos::Noun,
            "name" => Pos::Name,
            "adj" => Pos::Adj,
            "adv" => Pos::Adv,
            "verb" => Pos::Verb,
            "aux" => Pos::Aux,
            "be" => Pos::Be,
            "prep" => Pos::Prep,
            "conj" => Pos::Conj,
            "det" => Pos::Det,
            "pron" => Pos::Pron,
            "rel" => Pos::Rel,
            "neg" => Pos::Neg,
            other => anyhow::bail!(
                "part of speech {other:?} is not one of noun, name, adj, adv, verb, aux, be, prep, conj, det, pron, rel, neg"
            ),
        })
    }
}

impl Pos {
    /// The name used in glossary files.
    pub fn as_str(self) -> &'static str {
        match self {
            Pos::Noun => "noun",
            Pos::Name => "name",
            Pos::Adj => "adj",
            Pos::Adv => "adv",
            Pos::Verb => "verb",
            Pos::Aux => "aux",
            Pos::Be => "be",
            Pos::Prep => "prep",
            Pos::Conj => "conj",
            Pos::Det => "det",
            Pos::Pron => "pron",
            Pos::Rel => "rel",
            Pos::Neg => "neg",
        }
    }
}

/// Part of speech of a lexicon entry, as the Vietnamese renderer needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pos {
    Noun,
    Name,
    Adj,
    Adv,
    Verb,
    Aux,
    Be,
    Prep,
    Conj,
    Det,
    Pron,
    Rel,
    Neg,
}

/// A named thing: country, organisation, person, product or field.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityEntry {
    /// Canonical English name.
    pub en: String,
    /// Other ways the English text writes it (case-sensitive).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Vietnamese name.
    pub vi: String,
    /// What it is.
    pub kind: EntityKind,
}

/// A word or phrase with its Vietnamese rendering.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// English, lower case unless it must match a capitalised form.
    pub en: String,
    /// Other English forms (plurals, inflections) that map to the same text.
    #[serde(default)]
    pub forms: Vec<String>,
    /// Vietnamese.
    pub vi: String,
    /// Part of speech.
    pub pos: Pos,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    entity: Vec<EntityEntry>,
    #[serde(default)]
    term: Vec<Term>,
}

/// One lookup result.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Vietnamese text.
    pub vi: String,
    /// Part of speech.
    pub pos: Pos,
    /// Whether the English form matched was a plural noun.
    pub plural: bool,
    /// Entity kind and canonical name, for entities.
    pub entity: Option<(EntityKind, String)>,
}

/// The loaded glossary.
#[derive(Debug, Default)]
pub struct Glossary {
    /// Exact-case phrases (entities, acronyms).
    exact: HashMap<String, Vec<Entry>>,
    /// Lower-case phrases; a word may have several parts of speech ("report": noun, verb).
    lower: HashMap<String, Vec<Entry>>,
    /// Longest phrase, in words.
    max_words: usize,
}

impl Glossary {
    /// The glossary compiled into bantin.
    pub fn built_in() -> Self {
        let mut g = Glossary::default();
        for (name, text) in BUILT_IN {
            // The built-in files are tested; a parse failure here is a build defect.
            g.add_toml(text)
                .unwrap_or_else(|e| panic!("built-in glossary {name}: {e:#}"));
        }
        g
    }

    /// The built-in glossary plus every `*.toml` under the given files or folders.
    pub fn load(extra: &[impl AsRef<Path>]) -> Result<Self> {
        let mut g = Self::built_in();
        for p in extra {
            let p = p.as_ref();
            let files: Vec<std::path::PathBuf> = if p.is_dir() {
                let mut v: Vec<_> = std::fs::read_dir(p)
                    .with_context(|| format!("cannot read glossary folder {}", p.display()))?
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                    .collect();
                v.sort();
                v
            } else {
                vec![p.to_path_buf()]
            };
            for f in files {
                let text = std::fs::read_to_string(&f)
                    .with_context(|| format!("cannot read glossary {}", f.display()))?;
                g.add_toml(&text)
                    .with_context(|| format!("invalid glossary {}", f.display()))?;
            }
        }
        Ok(g)
    }

    /// Adds the entries of one TOML document; later entries override earlier ones.
    pub fn add_toml(&mut self, text: &str) -> Result<()> {
        let file: File = toml::from_str(text)?;
        for e in file.entity {
            let entry = Entry {
                vi: e.vi.clone(),
                pos: Pos::Name,
                plural: false,
                entity: Some((e.kind, e.en.clone())),
            };
            for alias in std::iter::once(&e.en).chain(e.aliases.iter()) {
                self.insert_exact(alias, entry.clone());
            }
        }
        for t in file.term {
            self.add_term(t);
        }
        Ok(())
    }

    /// Adds one term (an editor's, from review, or a file's); it overrides earlier entries.
    pub fn add_term(&mut self, t: Term) {
        {
            let plural_forms: Vec<String> = if t.pos == Pos::Noun && t.forms.is_empty() {
                vec![plural(&t.en)]
            } else {
                t.forms.clone()
            };
            let base = Entry {
                vi: t.vi.clone(),
                pos: t.pos,
                plural: false,
                entity: None,
            };
            // A capitalised term ("American") only matches as written.
            let exact = t.en.chars().any(char::is_uppercase);
            let add = |g: &mut Self, phrase: &str, e: Entry| {
                if exact {
                    g.insert_exact(phrase, e);
                } else {
                    g.insert_lower(phrase, e);
                }
            };
            add(self, &t.en, base.clone());
            for f in plural_forms {
                let e = Entry {
                    plural: t.pos == Pos::Noun,
                    ..base.clone()
                };
                add(self, &f, e);
            }
        }
    }

    fn insert_exact(&mut self, phrase: &str, e: Entry) {
        self.max_words = self.max_words.max(phrase.split_whitespace().count());
        put(self.exact.entry(phrase.to_string()).or_default(), e);
    }

    fn insert_lower(&mut self, phrase: &str, e: Entry) {
        self.max_words = self.max_words.max(phrase.split_whitespace().count());
        put(self.lower.entry(phrase.to_lowercase()).or_default(), e);
    }

    /// The first entry of the longest phrase matching a prefix of `words`: (words used, entry).
    pub fn lookup(&self, words: &[&str]) -> Option<(usize, &Entry)> {
        self.lookup_all(words).map(|(n, all)| (n, &all[0]))
    }

    /// Every entry (one per part of speech) of the longest phrase matching a prefix of `words`.
    pub fn lookup_all(&self, words: &[&str]) -> Option<(usize, &[Entry])> {
        self.lookup_cased(words, true)
    }

    /// Like [`Glossary::lookup_all`]; with `fold` false only phrases written exactly so match
    /// (a capitalised word inside a sentence is a name, not the common word).
    pub fn lookup_cased(&self, words: &[&str], fold: bool) -> Option<(usize, &[Entry])> {
        let max = self.max_words.min(words.len());
        for n in (1..=max).rev() {
            let phrase = words[..n].join(" ");
            if let Some(e) = self.exact.get(&phrase) {
                return Some((n, e));
            }
            if fold && let Some(e) = self.lower.get(&phrase.to_lowercase()) {
                return Some((n, e));
            }
        }
        None
    }
}

/// Adds an entry; a later entry of the same part of speech replaces the earlier one.
fn put(entries: &mut Vec<Entry>, e: Entry) {
    match entries.iter_mut().find(|x| x.pos == e.pos) {
        Some(x) => *x = e,
        None => entries.push(e),
    }
}

/// English plural of a noun phrase's last word.
fn plural(phrase: &str) -> String {
    let (head, last) = match phrase.rsplit_once(' ') {
        Some((h, l)) => (format!("{h} "), l),
        None => (String::new(), phrase),
    };
    let p = if let Some(stem) = last
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'o', 'u']))
    {
        format!("{stem}ies")
    } else if last.ends_with(['s', 'x', 'z']) || last.ends_with("ch") || last.ends_with("sh") {
        format!("{last}es")
    } else {
        format!("{last}s")
    };
    format!("{head}{p}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_glossary_knows_countries_and_fields() {
        let g = Glossary::built_in();
        let (n, e) = g.lookup(&["United", "States", "led"]).unwrap();
        assert_eq!((n, e.vi.as_str()), (2, "Mỹ"));
        let (_, e) = g.lookup(&["technologies"]).unwrap();
        assert!(e.plural);
        assert_eq!(e.vi, "công nghệ");
        assert_eq!(plural("think tank"), "think tanks");
        assert_eq!(plural("technology"), "technologies");
    }
}
