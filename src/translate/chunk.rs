//! Tokens to chunks: each run of words becomes one chunk, the longest glossary phrase first,
//! then figures (the Vietnamese way, with the hedge words before them dropped) and proper names
//! (kept as written, runs of them merged into one); "to" gets its reading from its neighbours.
//! The chunk pass is [`Rules::chunk`]; [`Chunk`] is what every later pass works on.

use super::tokens::Tok;
use super::words::{DEFERRED, NOT_NAMES, TITLES};
use super::{Rules, Untranslatable};
use crate::claims::vietnamese;
use crate::glossary::{Entry, Pos, Tag, Tags};
use crate::model::{Figure, FigureKind};

/// Why a word could not be covered: a word the glossary lacks (the sentence goes on, to find
/// every such word) or a reason that stops the sentence.
enum Gap {
    Word(String),
    Other(Untranslatable),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Word,
    /// An ordinal figure, rendered as an adjective after its noun.
    Ordinal,
    Punct,
    Possessive,
    Date,
    Quantity,
    Duration,
    Value,
}

#[derive(Debug, Clone)]
pub(super) struct Chunk {
    pub(super) vi: String,
    pub(super) pos: Pos,
    pub(super) plural: bool,
    pub(super) en: String,
    pub(super) kind: Kind,
    /// Set for a glossary entity: a country is referred back to as "nước này".
    pub(super) country: bool,
    /// A verb whose passive takes "bị".
    pub(super) adverse: bool,
    /// The English as written.
    pub(super) original: String,
    /// A noun's Vietnamese after a number, when it differs.
    pub(super) counted: Option<String>,
    /// Why this reading cannot be trusted; the sentence is refused once every missing word
    /// has been listed.
    pub(super) unsure: Option<String>,
    /// The word classes of the glossary entry it was read from.
    pub(super) tags: Tags,
}

impl Chunk {
    /// Whether its glossary entry is of the word class `tag`.
    pub(super) fn has(&self, tag: Tag) -> bool {
        self.tags.has(tag)
    }

    /// A verb of rising or falling ("rise", "halve"): its amount and its "to" follow it.
    pub(super) fn is_change(&self) -> bool {
        self.pos == Pos::Verb && (self.has(Tag::Rise) || self.has(Tag::Fall))
    }

    pub(super) fn new(en: &str, pos: Pos, kind: Kind) -> Self {
        Chunk {
            original: en.to_string(),
            counted: None,
            unsure: None,
            vi: en.to_string(),
            pos,
            plural: false,
            en: en.to_lowercase(),
            kind,
            country: false,
            adverse: false,
            tags: Tags::default(),
        }
    }

    /// Whether it can be part of a noun phrase: a noun, name, adjective or determiner.
    pub(super) fn is_np_part(&self) -> bool {
        matches!(self.pos, Pos::Noun | Pos::Name | Pos::Adj)
            || (self.pos == Pos::Det && self.kind != Kind::Punct)
    }

    /// The first English word: "searching" of "searching for".
    pub(super) fn head_word(&self) -> &str {
        self.en.split(' ').next().unwrap_or("")
    }

    /// Whether this name is kept as written (not translated by the glossary).
    pub(super) fn en_cased(&self) -> String {
        if self.vi.to_lowercase() == self.en {
            self.vi.clone()
        } else {
            String::new()
        }
    }
}

/// Chooses between a word's parts of speech from the word before it: a noun after a
/// determiner or adjective ("the report"), a verb after a subject or auxiliary ("it reports").
fn pick<'e>(entries: &'e [Entry], prev: Option<&Chunk>, at_start: bool) -> &'e Entry {
    let want = match prev.map(|p| (p.pos, p.kind)) {
        _ if at_start => Some(Pos::Noun),
        Some((_, Kind::Possessive)) | Some((Pos::Det | Pos::Adj | Pos::Prep, _)) => Some(Pos::Noun),
        Some((
            Pos::Name | Pos::Pron | Pos::Noun | Pos::Aux | Pos::Neg | Pos::Adv | Pos::Rel,
            _,
        )) => Some(Pos::Verb),
        _ => None,
    };
    let found = want.and_then(|w| entries.iter().find(|e| e.pos == w));
    // Where a noun is wanted and the word has none, its adjective reading comes next
    // ("against planned cuts"), before any verb.
    let adjective = || {
        (want == Some(Pos::Noun))
            .then(|| entries.iter().find(|e| e.pos == Pos::Adj))
            .flatten()
    };
    found.or_else(adjective).unwrap_or(&entries[0])
}

fn from_entry(en: &str, e: &Entry) -> Chunk {
    Chunk {
        original: en.to_string(),
        counted: e.counted.clone(),
        vi: e.vi.clone(),
        pos: e.pos,
        plural: e.plural,
        en: en.to_lowercase(),
        kind: Kind::Word,
        country: matches!(e.entity, Some((crate::model::EntityKind::Country, _))),
        adverse: e.adverse,
        unsure: None,
        tags: e.tags,
    }
}

impl Rules {
    /// The chunk pass: the tokens read through the glossary, names merged, a noun's own "of"
    /// split off, the readings of "for" and of a noun before a noun settled. `country_speaks`:
    /// the sentence is what a country said, so its "it" is that country.
    pub(super) fn chunk(
        &self,
        toks: &[Tok],
        figs: &[Figure],
        country_speaks: bool,
    ) -> Result<Vec<Chunk>, Untranslatable> {
        // "That support cost Clinton": "this"/"that" before a word that is a noun or a verb.
        if let (Some(Tok::Word(a)), Some(Tok::Word(b))) = (toks.first(), toks.get(1))
            && matches!(a.to_lowercase().as_str(), "this" | "that")
            && self
                .glossary
                .lookup_all(&[b.as_str()])
                .is_some_and(|(_, es)| {
                    es.iter().any(|e| e.pos == Pos::Noun) && es.iter().any(|e| e.pos == Pos::Verb)
                })
        {
            return Err(Untranslatable(format!(
                "\"{a} {b}\" needs an editor (noun or verb?)"
            )));
        }
        let mut out: Vec<Chunk> = Vec::new();
        // Every word the glossary lacks, so that an editor can teach them all at once.
        let mut unknown: Vec<String> = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            match &toks[i] {
                Tok::Punct(p) => {
                    out.push(Chunk::new(p, Pos::Conj, Kind::Punct));
                    i += 1;
                }
                Tok::Fig(idx) => {
                    let f = &figs[*idx];
                    if toks.get(i + 1) == Some(&Tok::Punct("-".into()))
                        || (f.kind == FigureKind::Count
                            && f.text.rsplit_once('-').is_some_and(|(_, last)| {
                                // "twenty-one" is a number; "six-try" is not.
                                !matches!(
                                    last.to_lowercase().as_str(),
                                    "one"
                                        | "two"
                                        | "three"
                                        | "four"
                                        | "five"
                                        | "six"
                                        | "seven"
                                        | "eight"
                                        | "nine"
                                )
                            }))
                    {
                        // "a six-try victory" is not six victories.
                        return Err(Untranslatable(format!(
                            "the compound \"{}-...\" needs an editor",
                            f.text
                        )));
                    }
                    let mut vi = vietnamese::render(f)
                        .ok_or_else(|| Untranslatable(format!("figure \"{}\"", f.text)))?;
                    // "in late February" = "vào cuối tháng 2".
                    let part_of = out
                        .last()
                        .filter(|c| f.kind == FigureKind::Date && c.vi == c.en)
                        .and_then(|c| match c.en.as_str() {
                            "late" => Some("cuối"),
                            "early" => Some("đầu"),
                            "mid" => Some("giữa"),
                            _ => None,
                        })
                        .filter(|_| vi.contains("tháng") || vi.contains("năm"));
                    if let Some(part) = part_of {
                        out.pop();
                        vi = match vi.strip_prefix("vào ") {
                            Some(rest) => format!("vào {part} {rest}"),
                            None => format!("{part} {vi}"),
                        };
                        if out.last().is_some_and(|c| c.en == "in") {
                            out.pop();
                            if !vi.starts_with("vào ") {
                                vi = format!("vào {vi}");
                            }
                        }
                    }
                    // A hedge the figure carries is rendered with it: drop its English words.
                    if f.qualifier.is_some() {
                        // "nearly 95,000" is "gần 95.000": just under, not about.
                        if out
                            .last()
                            .is_some_and(|c| matches!(c.en.as_str(), "nearly" | "almost"))
                            && let Some(rest) = vi.strip_prefix("khoảng ")
                        {
                            vi = format!("gần {rest}");
                        }
                        drop_hedge(&mut out);
                    }
                    let prev_prep = out
                        .last()
                        .filter(|c| c.pos == Pos::Prep || c.en == "until")
                        .map(|c| c.en.clone());
                    if f.kind == FigureKind::Ordinal {
                        // "the second woman" = "người phụ nữ thứ hai": after the noun.
                        let vi = match f.value.as_ref().and_then(crate::model::Scalar::num) {
                            Some(1.0) => "đầu tiên".to_string(),
                            _ => vi,
                        };
                        out.push(Chunk {
                            vi,
                            en: f.text.clone(),
                            ..Chunk::new(&f.text, Pos::Adj, Kind::Ordinal)
                        });
                        i += 1;
                        continue;
                    }
                    if f.kind == FigureKind::Date
                        && f.value.is_none()
                        && !vi.starts_with("vào ")
                        && !vi.starts_with("hôm ")
                    {
                        // An unresolved weekday or month: "vào thứ Hai".
                        vi = format!("vào {vi}");
                    }
                    if f.kind == FigureKind::Duration && f.text.chars().all(|c| c.is_ascii_digit())
                    {
                        // ", 22," after a name is an age.
                        vi = vi.replace(" năm", " tuổi");
                    }
                    let kind = match f.kind {
                        FigureKind::Date => Kind::Date,
                        FigureKind::Range if f.unit.as_deref() == Some("year") => Kind::Date,
                        FigureKind::Count | FigureKind::Ratio => Kind::Quantity,
                        FigureKind::Duration => Kind::Duration,
                        _ => Kind::Value,
                    };
                    // "earlier this week" = "đầu tuần này", "later this year" = "cuối năm nay".
                    if kind == Kind::Date
                        && let Some(part) = out.last().and_then(|c| match c.en.as_str() {
                            "earlier" => Some("đầu"),
                            "later" => Some("cuối"),
                            _ => None,
                        })
                        && let Some(rest) = vi.strip_prefix("vào ")
                        && ["tuần này", "tháng này", "năm nay"].contains(&rest)
                    {
                        out.pop();
                        vi = format!("vào {part} {rest}");
                    }
                    match (kind, prev_prep.as_deref()) {
                        // "by 2008" = "đến năm 2008"; "to September", "until 20 January" = "đến".
                        (Kind::Date, Some("by" | "to" | "until"))
                            if f.kind != FigureKind::Range =>
                        {
                            out.pop();
                            vi = format!("đến {}", vi.trim_start_matches("vào "));
                        }
                        // "up 2.6% on 2003" = "tăng 2,6% so với năm 2003".
                        (Kind::Date, Some("on"))
                            if out.len() >= 2
                                && out[out.len() - 2].kind == Kind::Value
                                && f.text.len() == 4 =>
                        {
                            out.pop();
                            vi = format!("so với {vi}");
                        }
                        // "from January" = "từ tháng 1".
                        (Kind::Date, Some("from")) if f.kind != FigureKind::Range => {
                            out.pop();
                            vi = format!("từ {}", vi.trim_start_matches("vào "));
                        }
                        (Kind::Date, Some("in" | "on" | "at" | "during" | "from")) => {
                            out.pop();
                            if f.kind == FigureKind::Range {
                                vi = format!("trong {vi}");
                            } else if f.precision.as_deref() == Some("month")
                                && vi.starts_with("tháng ")
                            {
                                // "lost in March" = "mất vào tháng 3/2025"; bare, the month
                                // would name the thing before it ("vụ án tháng 3").
                                vi = format!("vào {vi}");
                            }
                        }
                        (Kind::Date, None) if f.kind == FigureKind::Range => {
                            vi = format!("trong {vi}")
                        }
                        (Kind::Duration, Some("for")) => {
                            out.pop();
                            vi = format!("trong {vi}");
                        }
                        // "for the three months" = "trong 3 tháng".
                        (Kind::Duration, None)
                            if out.len() >= 2
                                && out[out.len() - 1].en == "the"
                                && out[out.len() - 2].en == "for" =>
                        {
                            out.truncate(out.len() - 2);
                            vi = format!("trong {vi}");
                        }
                        (Kind::Duration, Some("in" | "within")) => {
                            out.pop();
                            vi = format!("trong vòng {vi}");
                        }
                        _ => {}
                    }
                    let pos = match kind {
                        Kind::Quantity => Pos::Det,
                        Kind::Date | Kind::Duration => Pos::Adv,
                        _ => Pos::Noun,
                    };
                    // A figure's English stays as written: its text is matched against spans.
                    out.push(Chunk {
                        vi,
                        en: f.text.clone(),
                        ..Chunk::new(&f.text, pos, kind)
                    });
                    i += 1;
                }
                Tok::Word(_) => {
                    let mut words: Vec<&str> = Vec::new();
                    let mut j = i;
                    while let Some(Tok::Word(w)) = toks.get(j) {
                        words.push(w);
                        j += 1;
                    }
                    let figure_after = matches!(toks.get(j), Some(Tok::Fig(_)));
                    let (n, mut chunk) = match self.word_chunk(
                        &words,
                        figure_after,
                        &out,
                        out.iter().all(|c| c.kind == Kind::Punct),
                    ) {
                        Ok(found) => found,
                        Err(Gap::Word(w)) => {
                            if !unknown.contains(&w) {
                                unknown.push(w);
                            }
                            i += 1;
                            continue;
                        }
                        Err(Gap::Other(e)) => return Err(e),
                    };
                    // "it" after a country, or in what a country said, is "nước này", as
                    // Vietnamese news writes it, not the "nó" used for things.
                    if chunk.pos == Pos::Pron
                        && matches!(chunk.en.as_str(), "it" | "its")
                        && out
                            .iter()
                            .rev()
                            .find(|c| c.pos == Pos::Name)
                            .map_or(country_speaks, |c| c.country)
                    {
                        chunk.vi = chunk.vi.replace("nó", "nước này");
                    }
                    out.push(chunk);
                    i += n;
                }
            }
        }
        if !unknown.is_empty() {
            return Err(Untranslatable(format!(
                "no Vietnamese for {}",
                unknown
                    .iter()
                    .map(|w| format!("\"{w}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        merge_names(&mut out);
        // "spokesman for the airline" = "người phát ngôn của hãng hàng không": a glossary noun
        // that ends in its "of" ends the noun phrase there, before what it belongs to.
        let mut i = 0;
        while i < out.len() {
            if out[i].pos == Pos::Noun
                && out[i].kind == Kind::Word
                && (out[i].en.ends_with(" of") || out[i].en.ends_with(" for"))
            {
                let (head, of_vi) = match out[i].vi.strip_suffix(" của") {
                    Some(h) => (h.to_string(), "của"),
                    None => (out[i].vi.clone(), ""),
                };
                if let Some((en, _)) = out[i].en.rsplit_once(' ') {
                    out[i].en = en.to_string();
                }
                out[i].vi = head;
                let mut of = Chunk::new("of", Pos::Prep, Kind::Word);
                of.vi = of_vi.into();
                out.insert(i + 1, of);
            }
            i += 1;
        }
        // "CBS Sports NFL Insider": a capitalised common word between two names kept as
        // written is part of a name the glossary lacks.
        for i in 1..out.len().saturating_sub(1) {
            let kept = |c: &Chunk| c.pos == Pos::Name && !c.en_cased().is_empty();
            if out[i].pos == Pos::Noun
                && out[i].kind == Kind::Word
                && out[i].original.starts_with(char::is_uppercase)
                && kept(&out[i - 1])
                && kept(&out[i + 1])
            {
                return Err(Untranslatable(format!(
                    "the name \"{} {} {}\" needs an editor",
                    out[i - 1].original,
                    out[i].original,
                    out[i + 1].original
                )));
            }
        }
        // "fined for his role" = "phạt vì vai trò": the reason for a penalty or praise.
        for i in 1..out.len() {
            if out[i].en != "for" {
                continue;
            }
            let verb = out[..i]
                .iter()
                .rev()
                .take_while(|c| c.kind != Kind::Punct)
                .find(|c| c.pos == Pos::Verb);
            if verb.is_some_and(|v| v.has(Tag::Reason)) {
                out[i].vi = "vì".into();
            }
        }
        // "public schools" = "trường công": a noun before a noun is its adjective reading.
        for i in 0..out.len().saturating_sub(1) {
            if out[i].pos == Pos::Noun
                && out[i].kind == Kind::Word
                && out[i + 1].pos == Pos::Noun
                && let Some((1, es)) = self.glossary.lookup_all(&[out[i].original.as_str()])
                && let Some(adj) = es.iter().find(|e| e.pos == Pos::Adj)
            {
                out[i].vi = adj.vi.clone();
                out[i].pos = Pos::Adj;
                out[i].tags = adj.tags;
            }
        }
        Ok(out)
    }

    /// The chunk for the longest glossary match at the start of `words`, or a proper name.
    /// `figure_after`: a figure follows the last of `words` ("cost" of "cost $400 million").
    fn word_chunk(
        &self,
        words: &[&str],
        figure_after: bool,
        before: &[Chunk],
        at_start: bool,
    ) -> Result<(usize, Chunk), Gap> {
        let prev = before.last();
        let w = words[0];
        // "times were different": "thời gian" is not it; "three times" is a count.
        if w.eq_ignore_ascii_case("times") && !prev.is_some_and(|p| p.kind == Kind::Quantity) {
            return Err(Gap::Word(w.to_string()));
        }
        // "Boston-based": a compound the rules cannot turn around.
        if w.ends_with("-based") || w.ends_with("-wide") {
            return Err(Gap::Word(w.to_string()));
        }
        if w == "'s" || w == "’s" {
            return Ok((1, Chunk::new("'s", Pos::Prep, Kind::Possessive)));
        }
        let capitalised = w.chars().next().is_some_and(char::is_uppercase);
        if DEFERRED.contains(&w) && self.glossary.lookup(&words[..1]).is_none() {
            // Decided once the words after it are known (see `readings::settle`).
            return Ok((1, Chunk::new(w, Pos::Conj, Kind::Word)));
        }
        if w.eq_ignore_ascii_case("to") && self.glossary.lookup(&words[..1]).is_none() {
            return Ok((1, self.to(words.get(1..).unwrap_or_default(), before)));
        }
        // "West and the festival's organizers": opening a sentence, a word that is also a name
        // may be either; with a glossary reading of one word only, it waits for an editor.
        if at_start
            && capitalised
            && crate::glossary::is_also_a_name(w)
            && self
                .glossary
                .lookup_cased(words, true)
                .is_some_and(|(n, es)| {
                    n == 1
                        && es
                            .iter()
                            .all(|e| e.entity.is_none() && matches!(e.pos, Pos::Noun | Pos::Adj))
                })
        {
            return Err(Gap::Other(Untranslatable(format!(
                "\"{w}\" opening a sentence may be a name and needs an editor"
            ))));
        }
        // "a $5 billion plan", "a 5% stake": an amount after "a" describes the noun after it,
        // even where a phrase starts there ("plan to").
        if prev.is_some_and(|p| p.kind == Kind::Value)
            && before.len() >= 2
            && matches!(before[before.len() - 2].en.as_str(), "a" | "an")
            && let Some((1, entries)) = self.glossary.lookup_cased(&words[..1], !capitalised)
            && let Some(e) = entries.iter().find(|e| e.pos == Pos::Noun)
        {
            return Ok((1, from_entry(w, e)));
        }
        if let Some((n, entries)) = self.glossary.lookup_cased(words, at_start || !capitalised) {
            // "following a fever", "including four": a preposition, whatever comes before.
            let prep_ing = (n == 1 && w.ends_with("ing"))
                .then(|| entries.iter().find(|e| e.pos == Pos::Prep))
                .flatten();
            // "the opening try": a word read only as a verb where a noun must be is a sense
            // the glossary lacks.
            let noun_slot = prev.is_some_and(|p| {
                matches!(p.pos, Pos::Det | Pos::Adj) && matches!(p.kind, Kind::Word | Kind::Ordinal)
            });
            if n == 1
                && prep_ing.is_none()
                && noun_slot
                && entries.iter().all(|e| e.pos == Pos::Verb)
            {
                return Err(Gap::Word(w.to_string()));
            }
            // "the Paris Club offer", "Mendes' second Bond film": a noun after a name inside a
            // noun phrase.
            let in_np = prev.is_some_and(|p| p.pos == Pos::Name)
                && before.len() >= 2
                && (matches!(before[before.len() - 2].pos, Pos::Det | Pos::Adj)
                    || before[before.len() - 2].kind == Kind::Possessive);
            // "The agency report found", "according to the agency report": a bare word after a
            // singular noun, before a verb or at the end, ends the noun phrase; "the agency
            // reports" would be the verb.
            let compound = n == 1
                && prev.is_some_and(|p| p.pos == Pos::Noun && p.kind == Kind::Word && !p.plural)
                && before.len() >= 2
                && matches!(before[before.len() - 2].pos, Pos::Det | Pos::Adj)
                && words.get(1).map_or(!figure_after, |next| {
                    self.glossary
                        .lookup_all(&[next])
                        .is_some_and(|(_, es)| es.iter().all(|e| e.pos == Pos::Verb))
                });
            let np_noun = if in_np {
                entries.iter().find(|e| e.pos == Pos::Noun)
            } else if compound {
                entries.iter().find(|e| e.pos == Pos::Noun && !e.plural)
            } else {
                None
            };
            let entry = prep_ing
                .or(np_noun)
                .unwrap_or_else(|| pick(entries, prev, at_start));
            // "The New America Foundation": a country after a name kept as written is part of
            // that name, which the glossary lacks.
            if matches!(entry.entity, Some((crate::model::EntityKind::Country, _)))
                && prev.is_some_and(|p| p.pos == Pos::Name && !p.en_cased().is_empty())
                && words
                    .get(n)
                    .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
            {
                return Err(Gap::Other(Untranslatable(format!(
                    "the name \"{} {}\" needs an editor",
                    prev.map(|p| p.original.as_str()).unwrap_or(""),
                    words[..n].join(" ")
                ))));
            }
            return Ok((n, from_entry(&words[..n].join(" "), entry)));
        }
        let is_name = w.chars().next().is_some_and(char::is_uppercase)
            || w.chars().any(|c| c.is_ascii_digit())
            || (w.len() > 1 && w.chars().all(|c| c.is_uppercase() || c == '.'));
        // A capitalised title or common noun is not a name: kept as written it would leave
        // English in the Vietnamese ("Mỹ President Donald Trump").
        if is_name && TITLES.contains(&w.to_lowercase().trim_end_matches('.')) {
            return Err(Gap::Other(Untranslatable(format!(
                "no Vietnamese for the title \"{w}\""
            ))));
        }
        // "Employers", "Ultimately", "Back" opening a sentence: common words, not names.
        let lower = w.to_lowercase();
        let common = at_start
            && (NOT_NAMES.contains(&lower.as_str())
                || ["ists", "ions", "ments", "ness", "ies"]
                    .iter()
                    .any(|s| lower.ends_with(s) && lower.len() > s.len() + 3)
                // "Ultimately", not "Kelly"; "Employers", not "Reuters".
                || (lower.ends_with("ly") && lower.len() > 8)
                || ((lower.ends_with("ers") || lower.ends_with("ors")) && lower.len() >= 8)
                // "Confidence is", "Backbench Labour MP": a common English word, unless a
                // name follows ("Bill Gates", "Rose Byrne").
                || (crate::glossary::is_english_word(&lower)
                    && !words.get(1).is_some_and(|n| {
                        n.chars().next().is_some_and(char::is_uppercase)
                            || matches!(*n, "'s" | "’s")
                    })));
        // "Pickets were in place": a plural with a plural verb is a common noun.
        let plural_subject = at_start
            && lower.ends_with('s')
            && words
                .get(1)
                .is_some_and(|n| matches!(*n, "were" | "are" | "have" | "do"));
        if common || plural_subject {
            return Err(Gap::Word(w.to_string()));
        }
        if is_name && !(at_start && self.glossary.lookup(&[&w.to_lowercase()]).is_some()) {
            let mut c = Chunk::new(w, Pos::Name, Kind::Word);
            c.vi = w.to_string();
            return Ok((1, c));
        }
        Err(Gap::Word(w.to_string()))
    }
}

impl Rules {
    /// "to": dropped between two verbs ("agreed to pay" = "đồng ý trả"), "để" before a verb of
    /// purpose ("went there to vote"), "đến" before a place or amount ("went to Italy").
    fn to(&self, next: &[&str], before: &[Chunk]) -> Chunk {
        let prev = before.last();
        let verb_next = next.first().is_some_and(|_| {
            self.glossary
                .lookup_all(next)
                .is_some_and(|(_, es)| es.iter().any(|e| e.pos == Pos::Verb))
        });
        // "force workers to retire" = "buộc người lao động nghỉ hưu": no "để" after the
        // object of a verb of making or letting.
        let mut depth = 0i32;
        let last_verb = before
            .iter()
            .rev()
            .take_while(|c| {
                match c.vi.as_str() {
                    ")" => depth += 1,
                    "(" => depth -= 1,
                    _ => {}
                }
                !(depth == 0
                    && c.kind == Kind::Punct
                    && matches!(c.vi.as_str(), "," | ";" | ":" | "–" | "—"))
            })
            .find(|c| c.pos == Pos::Verb);
        let after_object = |p: Option<&Chunk>| {
            verb_next && p.is_some_and(|p| matches!(p.pos, Pos::Noun | Pos::Name | Pos::Pron))
        };
        let controlled = after_object(prev) && last_verb.is_some_and(|v| v.has(Tag::Control));
        // "expect the bridge to open" = "kỳ vọng cây cầu sẽ mở": what is expected will be.
        let expected = after_object(prev) && last_verb.is_some_and(|v| v.has(Tag::Expect));
        // "went to Italy" = "đến Ý"; after other verbs "to" is another word ("responded to" =
        // "ứng phó với", "talked to" = "nói chuyện với") that the glossary must give as a phrase.
        let motion = |c: &Chunk| c.has(Tag::Motion);
        // "link the station to a park": after the object of a verb that is not one of going.
        // "an alternative to China": after a noun with no verb of going before it either.
        let after_object = prev.is_some_and(|p| {
            matches!(p.pos, Pos::Noun | Pos::Pron | Pos::Name) && !p.has(Tag::Travel)
        }) && !last_verb.is_some_and(motion);
        // "returned to the issue": going back to a place, or to a subject, which is another word.
        let back_to_what = prev.is_some_and(|p| {
            p.has(Tag::Return)
                && !next
                    .first()
                    .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
        });
        // "rose to 5.2%", "doubled to 2 million": a change and the figure it reached ("lên",
        // "xuống", set once the figure is read).
        let change_to = next.is_empty() && prev.is_some_and(|p| p.is_change());
        // "lent $500 million to the airline", "sold the factory to a firm": "cho".
        let given_to = !verb_next
            && last_verb.is_some_and(|v| v.has(Tag::Giving))
            && prev.is_some_and(|p| {
                matches!(p.pos, Pos::Noun | Pos::Name | Pos::Pron)
                    || matches!(p.kind, Kind::Value | Kind::Quantity)
            });
        // "sentenced the former mayor to 12 years": the term follows directly.
        let term_to = next.is_empty() && last_verb.is_some_and(|v| v.has(Tag::Sentence));
        let unsure = (!verb_next
            && !change_to
            && !given_to
            && !term_to
            && (prev.is_some_and(|p| p.pos == Pos::Verb && !motion(p))
                || after_object
                || back_to_what)
            && next.first().is_none_or(|w| *w != "have"))
        .then(|| {
            format!(
                "\"{} to\" needs an editor",
                prev.map(|p| p.original.as_str()).unwrap_or("")
            )
        });
        // "claims to have shot down" = "tuyên bố đã bắn hạ".
        let have_next = next.first().is_some_and(|w| *w == "have");
        // "was expected then to continue": an adverb between the verb and "to".
        let verb_before_adverb = prev.is_some_and(|p| p.pos == Pos::Adv)
            && before.len() >= 2
            && matches!(before[before.len() - 2].pos, Pos::Verb | Pos::Aux);
        let vi = match (verb_next, prev.map(|p| p.pos)) {
            _ if controlled => "",
            _ if expected => "sẽ",
            (true, _) if verb_before_adverb => {
                return Chunk {
                    unsure: Some(format!(
                        "\"{} to\" needs an editor",
                        prev.map(|p| p.original.as_str()).unwrap_or("")
                    )),
                    ..Chunk::new("to", Pos::Aux, Kind::Word)
                };
            }
            // "vital to improve" = "quan trọng để cải thiện".
            (true, Some(Pos::Adj)) if prev.is_some_and(|p| p.has(Tag::Purpose)) => "để",
            (true, Some(Pos::Verb | Pos::Aux | Pos::Adj)) => "",
            (false, Some(Pos::Verb)) if have_next => "",
            (true, _) => "để",
            _ if given_to => "cho",
            _ if term_to => "",
            (false, _) => "đến",
        };
        let mut c = Chunk::new(
            "to",
            if verb_next { Pos::Aux } else { Pos::Prep },
            Kind::Word,
        );
        c.vi = vi.to_string();
        c.unsure = unsure;
        c
    }
}

/// Drops the English hedge words ("less than", "about") just before a figure.
fn drop_hedge(out: &mut Vec<Chunk>) {
    const HEDGES: &[&str] = &[
        "less",
        "than",
        "more",
        "fewer",
        "at",
        "least",
        "up",
        "to",
        "nearly",
        "almost",
        "about",
        "around",
        "roughly",
        "approximately",
        "some",
        "over",
        "under",
        "below",
        "just",
        "an",
        "estimated",
        "short",
        "of",
        "exceeded",
        "exceeding",
        "less than",
        "more than",
        "at least",
        "up to",
        "fewer than",
    ];
    let mut dropped = 0;
    while let Some(last) = out.last() {
        if dropped < 3 && last.kind == Kind::Word && HEDGES.contains(&last.en.as_str()) {
            out.pop();
            dropped += 1;
        } else {
            break;
        }
    }
}

/// Consecutive proper names ("Ethan Kessler") form one name.
fn merge_names(chunks: &mut Vec<Chunk>) {
    // "University of North Carolina", "Centers for Disease Control": one name, as written.
    let mut i = 1;
    while i + 1 < chunks.len() {
        let kept = |c: &Chunk| c.pos == Pos::Name && !c.en_cased().is_empty();
        // "Proceedings of the Royal Society B", "Battle of the Sibuyan Sea".
        if chunks[i].en == "of"
            && i + 2 < chunks.len()
            && chunks[i + 1].en == "the"
            && kept(&chunks[i - 1])
            && kept(&chunks[i + 2])
        {
            let next = chunks[i + 2].clone();
            let last = &mut chunks[i - 1];
            last.vi = format!("{} of the {}", last.vi, next.vi);
            last.en = format!("{} of the {}", last.en, next.en);
            chunks.drain(i..i + 3);
            continue;
        }
        if matches!(chunks[i].en.as_str(), "of" | "for" | "in")
            && kept(&chunks[i - 1])
            && kept(&chunks[i + 1])
            && (chunks[i].en != "in" || chunks[i + 1].original.split(' ').count() == 1)
        {
            let (of, next) = (chunks[i].en.clone(), chunks[i + 1].clone());
            let last = &mut chunks[i - 1];
            last.vi = format!("{} {of} {}", last.vi, next.vi);
            last.en = format!("{} {of} {}", last.en, next.en);
            chunks.drain(i..i + 2);
            continue;
        }
        i += 1;
    }
    let mut out: Vec<Chunk> = Vec::with_capacity(chunks.len());
    for c in chunks.drain(..) {
        // A capitalised word the glossary knows, right before a name kept as written, is part
        // of that name: "French Open" is not "Open Pháp".
        if let Some(last) = out.last_mut()
            && last.pos == Pos::Adj
            && last.en_cased().is_empty()
            && last.vi != last.en
            && last.kind == Kind::Word
            && last.original.chars().next().is_some_and(char::is_uppercase)
            && c.pos == Pos::Name
            && !c.en_cased().is_empty()
        {
            last.vi = format!("{} {}", last.original, c.vi);
            last.en = format!("{} {}", last.en, c.en);
            last.pos = Pos::Name;
            // A name now: the adjective's word classes are not its own.
            last.tags = Tags::default();
            continue;
        }
        if let Some(last) = out.last_mut()
            && last.pos == Pos::Name
            && c.pos == Pos::Name
            && last.vi == last.en_cased()
            && c.vi == c.en_cased()
        {
            last.vi = format!("{} {}", last.vi, c.vi);
            last.en = format!("{} {}", last.en, c.en);
            continue;
        }
        out.push(c);
    }
    *chunks = out;
}
