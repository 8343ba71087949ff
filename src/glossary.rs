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

/// Names the gate and the engines' prompt read, and the rules do not render: countries and
/// places of the world, Vietnamese institutions. Coverage comes from the engines; the rules stay
/// a small fallback.
const BUILT_IN_NAMES: &[(&str, &str)] = &[
    ("world.toml", include_str!("../sources/glossary/world.toml")),
    (
        "vietnam.toml",
        include_str!("../sources/glossary/vietnam.toml"),
    ),
];

/// The general news lexicon, one entry a line (see [`Glossary::add_lexicon`]).
const BUILT_IN_LEXICON: &str = include_str!("../sources/glossary/news.lex");

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

/// A word class the rules ask about, or the sense of a word whose Vietnamese hangs on what
/// follows it, given on the lexicon entry (`verb[motion]: go = đi`, `verb[win]: clinch =
/// giành`) or a TOML term (`tags = ["motion"]`), not found by testing the Vietnamese.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tag {
    /// A verb whose "for" gives a reason: "fined for" = "phạt vì", not "cho"; or the noun
    /// reason, before which "for" is "vì": "for a different reason" = "vì một lý do khác".
    Reason,
    /// A verb with no object, so no passive: "was charged and appeared" is not "bị xuất hiện".
    Intransitive,
    /// A kind of place whose name follows it: "the city of Mosul" = "thành phố Mosul".
    Place,
    /// A verb of giving, after whose object "to" is "cho": "lent $5 million to the airline".
    Giving,
    /// A noun of travel, after which "to" is "đến": "a visit to Hanoi".
    Travel,
    /// A verb of going or sending, after which "to" is "đến": "went to Italy".
    Motion,
    /// A verb whose object does what follows "to": "help them to track" = "giúp họ theo dõi".
    Control,
    /// An adjective after which "to" and a verb is a purpose: "vital to improve" = "quan
    /// trọng để cải thiện".
    Purpose,
    /// A noun never counted with "các": "revenues" = "doanh thu".
    Mass,
    /// A verb of rising, whose amount follows it and whose "to" is "lên": "rose 5% to 2
    /// million" = "tăng 5% lên 2 triệu".
    Rise,
    /// A verb of falling, whose amount follows it and whose "to" is "xuống": "fell to 3%" =
    /// "giảm xuống 3%".
    Fall,
    /// A verb of expecting, after whose object what follows "to" will be: "expect the bridge
    /// to open" = "kỳ vọng cây cầu sẽ mở".
    Expect,
    /// A word of going back, whose "to" before a subject is another word: "returned to the
    /// issue".
    Return,
    /// A verb of sentencing, after whose object the term follows "to" directly: "sentenced
    /// him to 12 years" = "kết án ông 12 năm".
    Sentence,
    /// A verb of causing, which is "khiến" when what it caused follows with "to": "caused its
    /// shares to lose" = "khiến cổ phiếu mất".
    Cause,
    /// A verb of winning something, which is "thắng" when nothing won follows: "won at
    /// Newcastle" = "thắng tại Newcastle".
    Win,
    /// A verb of ordering goods, which is "ra lệnh" when no number of goods follows: "ordered
    /// 100 planes" = "đặt mua", "ordered a retrial" = "ra lệnh".
    Order,
    /// A verb of killing, which is "khiến ... thiệt mạng" before a number of people: "killed
    /// 12 people" = "khiến 12 người thiệt mạng".
    Kill,
    /// A verb of meeting, which is "gặp nhau" with no one after it: "the leaders met in 2019".
    Meet,
    /// A verb of backing, which is "hỗ trợ" when help is given to businesses or families
    /// ("support small businesses"), "ủng hộ" for a view held.
    Support,
    /// A verb of moving home, which is "chuyển đi" with nothing after it: "when they move" =
    /// "khi họ chuyển đi".
    Relocate,
    /// A verb of joining, after which "for" and a name or "a" is a purpose: "join the
    /// delegation for Memorial Day".
    Join,
    /// A verb of investing, whose "in" is "vào": "invested $1 billion in a factory" = "đầu tư
    /// 1 tỷ USD vào nhà máy".
    Invest,
    /// A verb of charging or convicting, whose crime is said without "vụ": "convicted of
    /// murder" = "kết tội giết người".
    Charge,
    /// A verb of leaving, whose "from" is "khỏi": "evacuated from their homes" = "sơ tán khỏi
    /// nhà".
    Leave,
    /// A verb whose passive the rules cannot tell the sense of: "charges were dropped".
    Ambiguous,
    /// A determiner that closes its whole noun phrase: "this war against culture" = "cuộc chiến
    /// chống văn hóa này".
    Demonstrative,
    /// A case of illness ("ca bệnh"), which is "vụ án" in a story of a court.
    Case,
    /// A university student ("sinh viên"), who is "học sinh" in a story of a school.
    Student,
    /// A source of news ("nguồn tin"), which is "nguồn" after another noun: "pollution
    /// sources" = "nguồn ô nhiễm".
    Source,
    /// An adverb that comes before "đang": "is reportedly appealing" = "được cho là đang kháng
    /// cáo", but "is steadily narrowing" = "đang dần dần thu hẹp".
    BeforeProgressive,
    /// An adverb that comes before "sẽ": "will also" = "cũng sẽ".
    BeforeFuture,
    /// A noun for a person, or a firm, who comes from the place "from" names: "the woman from
    /// Kabul" = "người phụ nữ đến từ Kabul"; planes from Airbus do not.
    Person,
    /// A verb of making something so ("làm tổn thương"), which needs its object: "hurting"
    /// with nothing after it needs an editor.
    Causative,
    /// A verb of working ("làm việc"), what people do: "the law worked" needs an editor.
    Work,
    /// A preposition of all over, after which "the country" is "cả nước": "across the
    /// country" = "trên khắp cả nước".
    Throughout,
    /// A preposition of what something is about ("về"), which only a word of talking or
    /// reporting comes before: "talks on", but not "sanctions on".
    Topic,
    /// An adjective said as a noun, with "là", after "is": "is key" = "là then chốt".
    Nominal,
    /// A word of a court ("tòa án", "thẩm phán"), in whose story a case is "vụ án".
    Court,
    /// A school below a university ("trường học"), in whose story a student is "học sinh".
    School,
    /// A noun for a country, which "the" makes the country of the story: "the country" =
    /// "nước này".
    Nation,
    /// A rocket or what one carries up (missile, satellite, spacecraft), in whose story to
    /// launch is "phóng": "launched a satellite" = "phóng vệ tinh".
    Rocket,
    /// An undertaking one opens or holds, which "launch" makes "mở": "launched an inquiry" =
    /// "mở cuộc điều tra", an attack, a campaign, a meeting; a product launched is "ra mắt".
    Campaign,
    /// Someone help is given to (businesses, families, workers, patients), after whom
    /// "support" is "hỗ trợ", not "ủng hộ": "support small businesses" = "hỗ trợ doanh nghiệp
    /// nhỏ".
    Beneficiary,
    /// A verb of buying or selling, whose "for" before a sum is the price: "sold the factory
    /// for $40 million" = "bán nhà máy với giá 40 triệu USD".
    Trade,
    /// A unit of time, which after "for" and a number is a span: "for the three months" =
    /// "trong 3 tháng".
    Period,
    /// A verb of reporting news ("đưa tin"), which is "ghi nhận" of things counted: "there
    /// were 3,248 cases reported" = "có 3.248 ca bệnh được ghi nhận".
    Report,
    /// An adverb that says the aspect itself, after which "has" adds no "đã": "has never
    /// failed" = "chưa bao giờ thất bại", "has already left" = "đã rời".
    Perfect,
    /// A preposition that places what follows in time, after which a date drops its "vào":
    /// "at the end of August" = "vào cuối tháng 8", "before June 5" = "trước ngày 5/6".
    Timing,
}

impl Tag {
    /// The tags that stand for one sense of a word, the one its Vietnamese in the lexicon
    /// gives ("giành" of winning, "tăng" of rising): a reading that puts other words around
    /// it ("được tăng", "việc gặp") leaves that sense.
    pub const SENSES: [Tag; 18] = [
        Tag::Rise,
        Tag::Fall,
        Tag::Expect,
        Tag::Return,
        Tag::Sentence,
        Tag::Cause,
        Tag::Win,
        Tag::Order,
        Tag::Kill,
        Tag::Meet,
        Tag::Support,
        Tag::Relocate,
        Tag::Join,
        Tag::Invest,
        Tag::Ambiguous,
        Tag::Causative,
        Tag::Work,
        Tag::Report,
    ];

    /// Every tag with the name glossary files give it.
    const NAMES: [(Tag, &'static str); 49] = [
        (Tag::Reason, "reason"),
        (Tag::Intransitive, "intransitive"),
        (Tag::Place, "place"),
        (Tag::Giving, "giving"),
        (Tag::Travel, "travel"),
        (Tag::Motion, "motion"),
        (Tag::Control, "control"),
        (Tag::Purpose, "purpose"),
        (Tag::Mass, "mass"),
        (Tag::Rise, "rise"),
        (Tag::Fall, "fall"),
        (Tag::Expect, "expect"),
        (Tag::Return, "return"),
        (Tag::Sentence, "sentence"),
        (Tag::Cause, "cause"),
        (Tag::Win, "win"),
        (Tag::Order, "order"),
        (Tag::Kill, "kill"),
        (Tag::Meet, "meet"),
        (Tag::Support, "support"),
        (Tag::Relocate, "relocate"),
        (Tag::Join, "join"),
        (Tag::Invest, "invest"),
        (Tag::Charge, "charge"),
        (Tag::Leave, "leave"),
        (Tag::Ambiguous, "ambiguous"),
        (Tag::Demonstrative, "demonstrative"),
        (Tag::Case, "case"),
        (Tag::Student, "student"),
        (Tag::Source, "source"),
        (Tag::BeforeProgressive, "before_progressive"),
        (Tag::BeforeFuture, "before_future"),
        (Tag::Person, "person"),
        (Tag::Causative, "causative"),
        (Tag::Work, "work"),
        (Tag::Throughout, "throughout"),
        (Tag::Topic, "topic"),
        (Tag::Nominal, "nominal"),
        (Tag::Court, "court"),
        (Tag::School, "school"),
        (Tag::Nation, "nation"),
        (Tag::Rocket, "rocket"),
        (Tag::Campaign, "campaign"),
        (Tag::Beneficiary, "beneficiary"),
        (Tag::Trade, "trade"),
        (Tag::Period, "period"),
        (Tag::Report, "report"),
        (Tag::Perfect, "perfect"),
        (Tag::Timing, "timing"),
    ];

    /// The name used in glossary files.
    pub fn as_str(self) -> &'static str {
        Tag::NAMES
            .iter()
            .find(|(t, _)| *t == self)
            .map_or("", |(_, name)| name)
    }
}

impl std::str::FromStr for Tag {
    type Err = anyhow::Error;

    fn from_str(s: &str) -> Result<Self> {
        let s = s.trim();
        Tag::NAMES
            .iter()
            .find(|(_, name)| *name == s)
            .map(|(t, _)| *t)
            .with_context(|| {
                let all: Vec<&str> = Tag::NAMES.iter().map(|(_, name)| *name).collect();
                format!("tag {s:?} is not one of {}", all.join(", "))
            })
    }
}

/// The tags of an entry, as a set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tags(u64);

impl Tags {
    /// Whether the set holds `tag`.
    pub fn has(self, tag: Tag) -> bool {
        self.0 & (1 << tag as u64) != 0
    }

    /// The set with `tag` added.
    pub fn with(self, tag: Tag) -> Tags {
        Tags(self.0 | (1 << tag as u64))
    }

    /// The set without `tag`.
    pub fn without(self, tag: Tag) -> Tags {
        Tags(self.0 & !(1 << tag as u64))
    }

    /// The set without the tags of a single sense ([`Tag::SENSES`]).
    pub fn without_senses(self) -> Tags {
        Tag::SENSES.into_iter().fold(self, Tags::without)
    }
}

impl Tags {
    /// The tags in the set, in the order of [`Tag::NAMES`].
    pub fn iter(self) -> impl Iterator<Item = Tag> {
        Tag::NAMES
            .into_iter()
            .map(|(t, _)| t)
            .filter(move |t| self.has(*t))
    }
}

impl FromIterator<Tag> for Tags {
    fn from_iter<I: IntoIterator<Item = Tag>>(iter: I) -> Self {
        iter.into_iter().fold(Tags::default(), Tags::with)
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
    /// Other names Vietnamese news uses for it (an acronym, a short form).
    #[serde(default)]
    pub vi_also: Vec<String>,
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
    /// A verb whose passive takes "bị" (something suffered: killed, arrested), not "được".
    #[serde(default)]
    pub adverse: bool,
    /// A noun's Vietnamese after a number, when it differs ("584 deaths" = "584 ca tử vong").
    #[serde(default)]
    pub counted: Option<String>,
    /// The word classes the rules ask about (`tags = ["motion"]`).
    #[serde(default)]
    pub tags: Vec<Tag>,
}

impl Term {
    /// A term an editor taught in review: its regular forms derived, its tags as given (each
    /// once, in the lexicon's order).
    pub fn taught(en: &str, pos: Pos, vi: &str, tags: impl IntoIterator<Item = Tag>) -> Term {
        let tags = tags.into_iter().collect::<Tags>().iter().collect();
        Term {
            forms: regular_forms(en, pos),
            en: en.to_string(),
            vi: vi.to_string(),
            pos,
            adverse: false,
            counted: None,
            tags,
        }
    }
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
    /// Other Vietnamese texts that stand for an entity (an acronym, a short form).
    pub vi_also: Vec<String>,
    /// A name for the gate and the engines only ([`BUILT_IN_NAMES`]); the rules skip it.
    pub names_only: bool,
    /// Part of speech.
    pub pos: Pos,
    /// Whether the English form matched was a plural noun.
    pub plural: bool,
    /// Entity kind and canonical name, for entities.
    pub entity: Option<(EntityKind, String)>,
    /// A verb whose passive takes "bị".
    pub adverse: bool,
    /// A noun's Vietnamese after a number, when it differs.
    pub counted: Option<String>,
    /// The word classes the rules ask about.
    pub tags: Tags,
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
        for (name, text) in BUILT_IN_NAMES {
            g.add_entities(text, true)
                .unwrap_or_else(|e| panic!("built-in glossary {name}: {e:#}"));
        }
        // The hand-made TOML entries come last: they refine the general lexicon.
        let mut general = Glossary::default();
        general
            .add_lexicon(BUILT_IN_LEXICON)
            .unwrap_or_else(|e| panic!("built-in lexicon news.lex: {e:#}"));
        general.merge_under(g)
    }

    /// This glossary with `over`'s entries taking precedence, part of speech by part of speech.
    fn merge_under(mut self, over: Glossary) -> Glossary {
        for (k, v) in over.exact {
            let slot = self.exact.entry(k).or_default();
            for e in v {
                put(slot, e);
            }
        }
        for (k, v) in over.lower {
            let slot = self.lower.entry(k).or_default();
            for e in v {
                put(slot, e);
            }
        }
        self.max_words = self.max_words.max(over.max_words);
        self
    }

    /// Adds the entries of a lexicon file: one `pos: english[|form...] = vietnamese` a line,
    /// `#` comments. Nouns get their regular plural, verbs their regular -s, -ed and -ing
    /// forms; irregular forms follow the English after `|`. `verb!` marks a verb whose
    /// passive takes "bị" ("was killed" = "bị giết"); a second Vietnamese text after `|` is a
    /// noun's form after a number ("cái chết | ca tử vong"). Word classes the rules ask about
    /// follow the part of speech in brackets, after any `!`: `verb![reason]: fine = phạt`,
    /// `noun[travel]: visit = chuyến thăm`, several separated by commas; see [`Tag`] for
    /// their names. A line without brackets has no tags; an unknown tag is an error naming
    /// the line.
    pub fn add_lexicon(&mut self, text: &str) -> Result<()> {
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let t = lexicon_line(line).with_context(|| format!("line {}: {line}", n + 1))?;
            self.add_term(t);
        }
        Ok(())
    }

    /// The built-in glossary plus every `*.toml` and `*.lex` under the given files or folders.
    pub fn load(extra: &[impl AsRef<Path>]) -> Result<Self> {
        let mut g = Self::built_in();
        for p in extra {
            let p = p.as_ref();
            let files: Vec<std::path::PathBuf> = if p.is_dir() {
                let mut v: Vec<_> = std::fs::read_dir(p)
                    .with_context(|| format!("cannot read glossary folder {}", p.display()))?
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|e| e == "toml" || e == "lex"))
                    .collect();
                v.sort();
                v
            } else {
                vec![p.to_path_buf()]
            };
            for f in files {
                let text = std::fs::read_to_string(&f)
                    .with_context(|| format!("cannot read glossary {}", f.display()))?;
                let added = if f.extension().is_some_and(|e| e == "lex") {
                    g.add_lexicon(&text)
                } else {
                    g.add_toml(&text)
                };
                added.with_context(|| format!("invalid glossary {}", f.display()))?;
            }
        }
        Ok(g)
    }

    /// Adds the entries of one TOML document; later entries override earlier ones.
    pub fn add_toml(&mut self, text: &str) -> Result<()> {
        self.add_entities(text, false)
    }

    /// Adds a TOML document; its entities are for the gate and the engines only when
    /// `names_only`.
    fn add_entities(&mut self, text: &str, names_only: bool) -> Result<()> {
        let file: File = toml::from_str(text)?;
        for e in file.entity {
            let entry = Entry {
                vi: e.vi.clone(),
                vi_also: e.vi_also.clone(),
                names_only,
                pos: Pos::Name,
                plural: false,
                entity: Some((e.kind, e.en.clone())),
                adverse: false,
                counted: None,
                tags: Tags::default(),
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

    /// The tags of the entry for `en` as `pos`, if the glossary has one (for saying what an
    /// editor's term replaces).
    pub fn tags_of(&self, en: &str, pos: Pos) -> Option<Tags> {
        let words: Vec<&str> = en.split_whitespace().collect();
        let (n, all) = self.lookup_all(&words)?;
        (n == words.len())
            .then(|| all.iter().find(|e| e.pos == pos).map(|e| e.tags))
            .flatten()
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
                vi_also: Vec::new(),
                names_only: false,
                pos: t.pos,
                plural: false,
                entity: None,
                adverse: t.adverse,
                counted: t.counted.clone(),
                tags: t.tags.iter().copied().collect(),
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

    /// The glossary the rules render from: without the names only the gate and the engines
    /// read.
    pub fn for_rules(&self) -> Glossary {
        let keep = |m: &HashMap<String, Vec<Entry>>| {
            m.iter()
                .filter_map(|(k, v)| {
                    let v: Vec<Entry> = v.iter().filter(|e| !e.names_only).cloned().collect();
                    (!v.is_empty()).then(|| (k.clone(), v))
                })
                .collect()
        };
        Glossary {
            exact: keep(&self.exact),
            lower: keep(&self.lower),
            max_words: self.max_words,
        }
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

/// One lexicon line as a term.
fn lexicon_line(line: &str) -> Result<Term> {
    let (pos, rest) = line
        .split_once(':')
        .context("expected `pos: english = vietnamese`")?;
    let (en, vi) = rest
        .split_once('=')
        .context("expected `pos: english = vietnamese`")?;
    // "verb![reason]": the tags in brackets after the part of speech and its "!".
    let (pos, tags) = match pos.trim().split_once('[') {
        Some((p, t)) => {
            let t = t
                .strip_suffix(']')
                .context("expected `pos[tag, ...]: english = vietnamese`")?;
            let tags = t.split(',').map(str::parse).collect::<Result<Vec<Tag>>>()?;
            (p.trim(), tags)
        }
        None => (pos.trim(), Vec::new()),
    };
    let (pos, adverse) = match pos.strip_suffix('!') {
        Some(p) => (p, true),
        None => (pos, false),
    };
    let pos: Pos = pos.parse()?;
    let mut english = en.split('|').map(|w| w.trim().to_string());
    let base = english.next().unwrap_or_default();
    anyhow::ensure!(!base.is_empty(), "no English");
    // "cái chết | ca tử vong": the second text is the noun after a number.
    let (vi, counted) = match vi.split_once('|') {
        Some((vi, counted)) => (vi.trim().to_string(), Some(counted.trim().to_string())),
        None => (vi.trim().to_string(), None),
    };
    let mut forms: Vec<String> = english.filter(|f| !f.is_empty()).collect();
    forms.extend(regular_forms(&base, pos));
    forms.retain(|f| f != &base);
    forms.dedup();
    Ok(Term {
        en: base,
        forms,
        vi,
        pos,
        adverse,
        counted,
        tags,
    })
}

/// Common English words (SCOWL, lowercase, three letters or more, not also names), built in.
const ENGLISH_WORDS: &str = include_str!("../sources/glossary/english-words.txt");

/// Common English words that are also names ("west", "rose"), built in.
const ENGLISH_NAMES: &str = include_str!("../sources/glossary/english-names.txt");

type WordSet = std::sync::LazyLock<std::collections::HashSet<&'static str>>;

/// The words of a built-in list, one a line, `#` lines being its header.
fn word_set(list: &'static str) -> std::collections::HashSet<&'static str> {
    list.lines().filter(|l| !l.starts_with('#')).collect()
}

/// Whether `word` (any case) is both a common English word and a name: "West", "Rose".
pub fn is_also_a_name(word: &str) -> bool {
    static WORDS: WordSet = WordSet::new(|| word_set(ENGLISH_NAMES));
    WORDS.contains(word.to_lowercase().as_str())
}

/// Whether `word` (any case) is a common English word: "confidence" is, "toyota" is not.
pub fn is_english_word(word: &str) -> bool {
    static WORDS: WordSet = WordSet::new(|| word_set(ENGLISH_WORDS));
    WORDS.contains(word.to_lowercase().as_str())
}

/// The regular inflections of an English word: a noun's plural, a verb's -s, -ed and -ing.
pub fn regular_forms(en: &str, pos: Pos) -> Vec<String> {
    match pos {
        Pos::Noun => vec![plural(en)],
        Pos::Verb => verb_forms(en),
        _ => Vec::new(),
    }
}

/// Regular -s, -ed and -ing forms of a verb phrase's first word ("take over" -> "takes over").
fn verb_forms(phrase: &str) -> Vec<String> {
    let (w, tail) = match phrase.split_once(' ') {
        Some((w, t)) => (w, format!(" {t}")),
        None => (phrase, String::new()),
    };
    let consonant_y = w
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'o', 'u']));
    let s = if let Some(stem) = consonant_y {
        format!("{stem}ies")
    } else if w.ends_with(['s', 'x', 'z', 'o']) || w.ends_with("ch") || w.ends_with("sh") {
        format!("{w}es")
    } else {
        format!("{w}s")
    };
    let ed = if let Some(stem) = consonant_y {
        format!("{stem}ied")
    } else if w.ends_with('e') {
        format!("{w}d")
    } else {
        format!("{w}ed")
    };
    let ing = match w.strip_suffix('e') {
        Some(stem) if !w.ends_with("ee") && !w.ends_with("ie") => format!("{stem}ing"),
        _ => format!("{w}ing"),
    };
    [s, ed, ing].into_iter().map(|f| f + &tail).collect()
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
    fn every_tag_has_its_name_in_glossary_files() {
        for (i, (tag, name)) in Tag::NAMES.iter().enumerate() {
            assert_eq!(*tag as usize, i, "{name}");
            assert_eq!(name.parse::<Tag>().ok(), Some(*tag));
        }
    }

    #[test]
    fn a_lexicon_line_gives_a_word_its_regular_and_irregular_forms() {
        let mut g = Glossary::default();
        g.add_lexicon("# comment\nverb!: arrest = bắt giữ\nverb: spend|spent = chi\nnoun: child|children = đứa trẻ\n")
            .unwrap();
        for form in ["arrests", "arrested", "arresting"] {
            let (_, e) = g.lookup(&[form]).unwrap();
            assert_eq!(
                (e.vi.as_str(), e.pos, e.adverse),
                ("bắt giữ", Pos::Verb, true)
            );
        }
        assert_eq!(g.lookup(&["spent"]).unwrap().1.vi, "chi");
        assert!(g.lookup(&["children"]).unwrap().1.plural);
        g.add_lexicon("noun: death = cái chết | ca tử vong")
            .unwrap();
        let (_, e) = g.lookup(&["deaths"]).unwrap();
        assert_eq!(
            (e.vi.as_str(), e.counted.as_deref()),
            ("cái chết", Some("ca tử vong"))
        );
        assert_eq!(
            verb_forms("carry out"),
            ["carries out", "carried out", "carrying out"]
        );
        let e = g.add_lexicon("verb arrest bắt giữ").unwrap_err();
        assert!(format!("{e:#}").contains("line 1"), "{e:#}");
    }

    #[test]
    fn a_lexicon_line_or_a_term_carries_its_word_classes() {
        let mut g = Glossary::default();
        g.add_lexicon("verb![reason, control]: ban|banned = cấm\nnoun[travel]: visit = chuyến thăm\nverb: say = nói\n")
            .unwrap();
        let (_, e) = g.lookup(&["banned"]).unwrap();
        assert!(e.adverse && e.tags.has(Tag::Reason) && e.tags.has(Tag::Control));
        assert!(!e.tags.has(Tag::Motion));
        assert!(g.lookup(&["visits"]).unwrap().1.tags.has(Tag::Travel));
        assert_eq!(g.lookup(&["says"]).unwrap().1.tags, Tags::default());
        g.add_toml("[[term]]\nen = \"go\"\nvi = \"đi\"\npos = \"verb\"\ntags = [\"motion\"]\n")
            .unwrap();
        assert!(g.lookup(&["go"]).unwrap().1.tags.has(Tag::Motion));
        // A file without tags loads as before; an unknown tag names its line.
        g.add_toml("[[term]]\nen = \"come\"\nvi = \"đến\"\npos = \"verb\"\n")
            .unwrap();
        let e = g
            .add_lexicon("verb: go = đi\nverb[moving]: come = đến\n")
            .unwrap_err();
        let e = format!("{e:#}");
        assert!(e.contains("line 2") && e.contains("\"moving\""), "{e}");
        let e = g
            .add_toml(
                "[[term]]\nen = \"come\"\nvi = \"đến\"\npos = \"verb\"\ntags = [\"moving\"]\n",
            )
            .unwrap_err();
        assert!(format!("{e:#}").contains("moving"), "{e:#}");
        assert!(g.add_lexicon("verb[motion: go = đi").is_err());
    }

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
