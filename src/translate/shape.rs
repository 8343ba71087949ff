//! Sentence shapes that word-by-word rules are known to get wrong, refused before rendering.

use std::sync::LazyLock;

use regex::Regex;

use super::Untranslatable;
use super::chunk::{Chunk, Kind};
use crate::glossary::{Pos, Tag};

/// One letter a chunk, for checking a sentence's shape: `N` noun, `M` name, `O` pronoun, `A`
/// adjective, `D` determiner, `Q` number, `U` amount, `T` time, `V` verb, `X` auxiliary, `B` be,
/// `G` negation, `R` adverb, `P` preposition, `C` conjunction, `L` relative, `s` possessive,
/// and punctuation as itself (`?` for any other mark).
fn tags(chunks: &[Chunk]) -> String {
    chunks
        .iter()
        .map(|c| match c.kind {
            Kind::Punct => match c.vi.as_str() {
                "," => ',',
                ";" | ":" => ';',
                "–" | "—" | "-" => '-',
                "(" => '(',
                ")" => ')',
                "." => '.',
                _ => '?',
            },
            Kind::Possessive => 's',
            Kind::Ordinal => 'A',
            Kind::Date | Kind::Duration if c.pos == Pos::Adv => 'T',
            Kind::Quantity => 'Q',
            Kind::Value | Kind::Date | Kind::Duration => 'U',
            Kind::Word => match c.pos {
                Pos::Noun => 'N',
                Pos::Name => 'M',
                Pos::Pron => 'O',
                Pos::Adj => 'A',
                Pos::Det => 'D',
                Pos::Verb => 'V',
                Pos::Aux => 'X',
                Pos::Be => 'B',
                Pos::Neg => 'G',
                Pos::Adv => 'R',
                Pos::Prep => 'P',
                Pos::Conj => 'C',
                Pos::Rel => 'L',
            },
        })
        .collect()
}

/// Refuses sentence shapes the rules are known to render wrongly, so that what they do render
/// reads as Vietnamese: fragments with no verb, quotation marks and apostrophes, an expletive
/// "it", a thing and an amount given to someone with no preposition ("pay someone $5"), and
/// the other shapes listed below.
/// `subject_given`: the subject was left out because the speaker is it ("said it would").
pub(super) fn check(chunks: &[Chunk], subject_given: bool) -> Result<(), Untranslatable> {
    // "(It was ...": what opens the sentence is its first word, not a bracket.
    let lead = chunks.iter().take_while(|c| c.kind == Kind::Punct).count();
    let chunks = &chunks[lead..];
    static TWO_OBJECTS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"V[DA]*[NMO]+[DA]*[UQ]").expect("shape regex"));
    let t = tags(chunks);
    let refuse = |why: &str| Err(Untranslatable(why.to_string()));
    if t.contains('?') {
        return refuse("a quotation mark or apostrophe needs an editor");
    }
    if !t.contains(['V', 'B', 'X']) {
        return refuse("no verb: not a sentence the rules can render");
    }
    if chunks.first().is_some_and(|c| c.en == "it") && t.starts_with("OB") {
        return refuse("\"it is ...\" needs an editor");
    }
    // ", killing 12 people": a participle clause; word by word "killing" is a noun ("vụ giết
    // người").
    if let Some(w) = chunks.windows(2).find(|w| {
        w[0].kind == Kind::Punct
            && w[0].vi == ","
            && w[1].en.ends_with("ing")
            && matches!(w[1].pos, Pos::Noun | Pos::Verb)
    }) {
        return refuse(&format!(
            "the clause \", {} ...\" needs an editor",
            w[1].original
        ));
    }
    // "since being sacked", "after being held": a passive gerund; word by word it comes out
    // "kể từ được sa thải".
    if chunks
        .windows(2)
        .any(|w| matches!(w[0].pos, Pos::Prep | Pos::Conj) && w[1].en == "being")
    {
        return refuse("a passive after a preposition needs an editor");
    }
    // "Well if it was a comedy ...": a speaker's word, not a bulletin's.
    if chunks.first().is_some_and(|c| c.en == "well") {
        return refuse("\"Well\" opening a sentence needs an editor");
    }
    if TWO_OBJECTS.is_match(&t) {
        return refuse("a verb with two objects needs an editor");
    }
    if let Some(first) = chunks.first()
        && first.pos == Pos::Name
        && !first.en.contains(' ')
        && !first.en_cased().is_empty()
        && (matches!(
            chunks.get(1).map(|c| c.pos),
            Some(Pos::Noun | Pos::Adj | Pos::Det | Pos::Name)
        ) || first.en.ends_with("ing"))
    {
        // "Thousands civil servants", "Gaming used to": a capitalised first word the glossary
        // lacks is not a name just for being capitalised.
        return refuse(&format!("no Vietnamese for \"{}\"", first.vi));
    }
    static SHAPES: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
        [
            // "All they need to add now is ...": a clause as the subject of "be".
            (r"V[^CL,;]*B", "a clause as a subject needs an editor"),
            // "two more followed": a number standing for its noun.
            (
                r"(?:^|,)[QU][AD]?[VXB]",
                "a number standing alone as a subject needs an editor",
            ),
            // "another was injured": a determiner standing for its noun.
            (
                r"(?:^|[,C])D[RXBV]",
                "a determiner standing alone as a subject needs an editor",
            ),
            // "For many,": a determiner with nothing to determine.
            (
                r"D(?:[,.;\-]|$)",
                "a determiner standing alone needs an editor",
            ),
            // "relocate another 3,500": a number with no noun.
            (r"DQ(?:[^NAQ]|$)", "a number with no noun needs an editor"),
            // "a very tough Everton": an adverb inside a noun phrase.
            (r"DR", "an adverb inside a noun phrase needs an editor"),
            // "their internet use has been": a noun read as a verb.
            (r"V[XB]", "a noun read as a verb needs an editor"),
            // "Laws like Indiana's and": a possessive with nothing owned.
            (
                r"s(?:[C,.;\-]|$)",
                "a possessive with nothing after it needs an editor",
            ),
            // "French, Spanish, Italian ... citizens": a list of adjectives.
            (r"A,A", "a list of adjectives needs an editor"),
            // "accepted the Paris Club offer": a noun after a name read as a verb.
            (r"VDM+V", "a noun read as a verb needs an editor"),
            // "the Russian and Syrian defense ministries": adjectives joined before a noun.
            (r"ACA[NM]", "adjectives joined before a noun need an editor"),
            // "including four directly linked to it": a number standing for its noun.
            (
                r"QR*[VXB]",
                "a number standing alone as a subject needs an editor",
            ),
            // "the 36-year-old's death": a possessive after a number.
            (r"[QUT]s", "a possessive after a number needs an editor"),
            // "the search is on for": a particle before a preposition.
            (r"PP", "a verb with a particle needs an editor"),
            // "(CLPS) contracts": a parenthesis inside a noun phrase.
            (
                r"\)[NA]",
                "a parenthesis inside a noun phrase needs an editor",
            ),
            // "Lowe's was": a possessive with nothing owned.
            (
                r"s[BVXR]",
                "a possessive with nothing after it needs an editor",
            ),
        ]
        .into_iter()
        .map(|(re, why)| (Regex::new(re).expect("shape regex"), why))
        .collect()
    });
    if let Some((_, why)) = SHAPES.iter().find(|(re, _)| re.is_match(&t)) {
        return refuse(why);
    }
    // The subject comes before the verb: "The first is ..." has none the rules can render.
    let first_verb = t.find(['V', 'B', 'X']).unwrap_or(0);
    let there_is = chunks
        .iter()
        .any(|c| c.en.starts_with("there ") && c.vi == "có");
    if !there_is && !subject_given && !t[..first_verb].contains(['N', 'M', 'O', 'U', 'Q']) {
        return refuse("no subject the rules can render");
    }
    // A finite verb: a participle alone ("following the results") is not a sentence.
    let finite = chunks.iter().any(|c| {
        matches!(c.pos, Pos::Be | Pos::Aux)
            || (c.pos == Pos::Verb && !c.head_word().ends_with("ing"))
    });
    if !finite {
        return refuse("no finite verb: not a sentence the rules can render");
    }
    // "I", "we": an opinion writer's or a speaker's voice, not a bulletin's.
    if let Some(c) = chunks.iter().find(|c| {
        c.pos == Pos::Pron
            && matches!(
                c.en.as_str(),
                "i" | "we" | "me" | "us" | "my" | "our" | "you"
            )
            // "I'm", "we've", "you're": kept as written, they would be English.
            || {
                let w = c.original.to_lowercase().replace('’', "'");
                w.starts_with("i'") || w.starts_with("we'") || w.starts_with("you'")
            }
            || (c.pos == Pos::Det && matches!(c.en.as_str(), "my" | "our" | "your"))
    }) {
        return refuse(&format!(
            "a sentence in the first or second person (\"{}\") needs an editor",
            c.original
        ));
    }
    // "No one has shown symptoms": "không ai đã" is not Vietnamese ("chưa ai").
    if chunks.windows(2).any(|w| {
        matches!(w[0].en.as_str(), "no one" | "nobody" | "none")
            && w[1].pos == Pos::Aux
            && matches!(w[1].en.as_str(), "has" | "have" | "had")
    }) {
        return refuse("\"no one has\" needs an editor");
    }
    // "It followed nominations ...": what "it" is, the bulletin cannot tell.
    if chunks.first().is_some_and(|c| c.en == "it") {
        return refuse("\"it\" with nothing before it to stand for needs an editor");
    }
    for (i, c) in chunks.iter().enumerate() {
        let next = chunks.get(i + 1);
        // "100 of the iconic models", "all of the deaths": a part of a whole.
        if (c.kind == Kind::Quantity
            || matches!(c.pos, Pos::Det | Pos::Pron)
            || (c.kind == Kind::Value && c.vi.ends_with('%')))
            && next.is_some_and(|n| n.en == "of")
        {
            return refuse(&format!("\"{} of ...\" needs an editor", c.original));
        }
        // "are both out of", "are all in force": a quantifier after "be" ("is a breach",
        // "is the largest" are fine).
        if c.pos == Pos::Be
            && next.is_some_and(|n| {
                n.pos == Pos::Det
                    && !matches!(
                        n.en.as_str(),
                        "a" | "an" | "the" | "his" | "her" | "its" | "their"
                    )
            })
        {
            return refuse("a quantifier after \"be\" needs an editor");
        }
        // "This war against culture": "này" closes the whole phrase, after "against culture".
        if c.pos == Pos::Det
            && c.has(Tag::Demonstrative)
            && chunks[i + 1..]
                .iter()
                .find(|n| !matches!(n.pos, Pos::Noun | Pos::Adj | Pos::Name))
                .is_some_and(|n| n.pos == Pos::Prep && n.en != "of")
        {
            return refuse(&format!(
                "\"{}\" before a phrase with a preposition needs an editor",
                c.original
            ));
        }
        // "was written by" = "được viết bởi"; "the biggest by civil servants" is not "bởi".
        if c.en == "by" && c.vi == "bởi" {
            let mut back = chunks[..i].iter().rev().filter(|n| n.pos != Pos::Adv);
            let passive = back.next().is_some_and(|v| {
                v.pos == Pos::Verb
                    && (v.vi.starts_with("được ")
                        || v.vi.starts_with("bị ")
                        || back.next().is_some_and(|b| {
                            b.pos == Pos::Be || b.en.ends_with(" been") || b.vi == ","
                        }))
            });
            if !passive {
                return refuse("\"by\" after a word that is not a passive needs an editor");
            }
        }
        // "is for the people", "is like": a copula before a preposition the rules cannot say.
        if c.pos == Pos::Be
            && next.is_some_and(|n| {
                matches!(n.en.as_str(), "for" | "with" | "about" | "like" | "near")
            })
        {
            return refuse(&format!(
                "\"{} {}\" needs an editor",
                c.original,
                next.map(|n| n.original.as_str()).unwrap_or("")
            ));
        }
        // ", missing the 4.8 percent gain": a participle clause the rules cannot attach.
        if i > 0
            && chunks[i - 1].vi == ","
            && c.kind == Kind::Word
            && matches!(c.pos, Pos::Verb | Pos::Adj)
            && c.head_word().ends_with("ing")
        {
            return refuse(&format!(
                "the clause opened by \"{}\" needs an editor",
                c.original
            ));
        }
        // "the law worked": "làm việc" is what people do.
        if c.has(Tag::Work) && next.is_none_or(|n| n.kind == Kind::Punct) {
            return refuse(&format!(
                "\"{}\" with nothing after it needs an editor",
                c.original
            ));
        }
        // "hurting" with no object: "làm tổn thương" needs one.
        if c.pos == Pos::Verb
            && c.has(Tag::Causative)
            && (c.en.ends_with("ing")
                || !i
                    .checked_sub(1)
                    .is_some_and(|p| matches!(chunks[p].pos, Pos::Be | Pos::Aux)))
            && !next.is_some_and(|n| n.is_np_part() || n.kind == Kind::Quantity)
        {
            return refuse(&format!(
                "\"{}\" with no object needs an editor",
                c.original
            ));
        }
        // "president of Vodafone", "appointed president": a company's head, not a nation's.
        if c.en == "president"
            && (next.is_some_and(|n| n.en == "of")
                || i.checked_sub(1).is_some_and(|p| chunks[p].pos == Pos::Verb))
        {
            return refuse("\"president\" of what needs an editor");
        }
        // "charges were dropped", "was released": a passive whose sense the rules cannot tell.
        if c.pos == Pos::Verb
            && chunks[..i]
                .iter()
                .rev()
                .find(|n| n.pos != Pos::Adv)
                .is_some_and(|n| n.pos == Pos::Be || n.en.ends_with(" been"))
            && (c.has(Tag::Ambiguous) || matches!(c.en.as_str(), "released" | "shown"))
        {
            return refuse(&format!("the passive \"{}\" needs an editor", c.original));
        }
        // "The New America Foundation": a country after a name kept as written is part of it.
        if c.pos == Pos::Name
            && c.country
            && i.checked_sub(1)
                .is_some_and(|p| chunks[p].pos == Pos::Name && !chunks[p].en_cased().is_empty())
        {
            return refuse(&format!(
                "the name \"{} {}\" needs an editor",
                chunks[i - 1].original,
                c.original
            ));
        }
        // "just as easily be": a comparison with "as ... as".
        if (c.en == "as" || c.en.ends_with(" as"))
            && next.is_some_and(|n| matches!(n.pos, Pos::Adj | Pos::Adv))
        {
            return refuse("\"as ... as\" needs an editor");
        }
        // "did not immediately provide": "not yet", an idiom the rules cannot say.
        if c.pos == Pos::Neg && next.is_some_and(|n| n.en == "immediately") {
            return refuse("\"not immediately\" needs an editor");
        }
        // "his nephew's computer and phone": whose phone, the rules cannot tell.
        if c.kind == Kind::Possessive
            && let Some(after) = chunks[i + 1..]
                .iter()
                .position(|n| !matches!(n.pos, Pos::Noun | Pos::Adj))
            && chunks[i + 1 + after].en == "and"
            && chunks
                .get(i + 2 + after)
                .is_some_and(|n| matches!(n.pos, Pos::Noun | Pos::Adj))
        {
            return refuse("a possessive before two joined nouns needs an editor");
        }
        // "were in the news": an idiom, not a place.
        if c.en == "news"
            && chunks[..i]
                .iter()
                .rev()
                .find(|n| n.en != "the")
                .is_some_and(|n| n.en == "in")
        {
            return refuse("\"in the news\" needs an editor");
        }
        // "signed the measure into law": "vào luật" is not Vietnamese.
        if c.en == "into" && next.is_some_and(|n| n.en == "law") {
            return refuse("\"into law\" needs an editor");
        }
        // "He had known his nephew well": "well" has too many senses to render alone.
        if c.en == "well" && c.pos == Pos::Adv {
            return refuse("\"well\" needs an editor");
        }
        // "convicted Milke of murder": "of" after the object of a verb of judging.
        if c.en == "of"
            && i > 0
            && matches!(chunks[i - 1].pos, Pos::Noun | Pos::Name | Pos::Pron)
            && chunks[..i]
                .iter()
                .rev()
                .find(|n| {
                    !matches!(
                        n.pos,
                        Pos::Noun | Pos::Name | Pos::Pron | Pos::Det | Pos::Adj
                    )
                })
                .is_some_and(|v| {
                    v.pos == Pos::Verb
                        && [
                            "convict", "accus", "charg", "suspect", "clear", "acquit", "rob",
                        ]
                        .iter()
                        .any(|s| v.head_word().starts_with(s))
                })
        {
            return refuse("\"of\" after a verb's object needs an editor");
        }
        // "UK Online": a country before a name kept as written is part of that name.
        if c.pos == Pos::Name
            && c.country
            && next.is_some_and(|n| n.pos == Pos::Name && !n.en_cased().is_empty())
        {
            return refuse(&format!(
                "the name \"{} {}\" needs an editor",
                c.original,
                next.map(|n| n.original.as_str()).unwrap_or("")
            ));
        }
        // "the main area of concern": "of" dropped after an adjective makes a new compound.
        if c.en == "of"
            && c.vi.is_empty()
            && next.is_some_and(|n| matches!(n.pos, Pos::Noun | Pos::Adj))
            && chunks[..i]
                .iter()
                .rev()
                .take_while(|n| n.is_np_part())
                .any(|n| n.pos == Pos::Adj)
        {
            return refuse("a noun phrase with \"of\" after an adjective needs an editor");
        }
        // "went to the hospital for a checkup", "join the delegation for Memorial Day": a
        // purpose, not "cho".
        if c.en == "for"
            && next.is_some_and(|n| {
                matches!(n.en.as_str(), "a" | "an")
                    || (n.pos == Pos::Name && !n.en_cased().is_empty())
            })
            && chunks[..i]
                .iter()
                .any(|v| v.pos == Pos::Verb && (v.has(Tag::Motion) || v.has(Tag::Join)))
        {
            return refuse("\"for\" after going or joining needs an editor");
        }
        // "the debt freeze offered by": a clause after a noun.
        if c.pos == Pos::Verb
            && c.en.ends_with("ed")
            && i > 0
            && matches!(chunks[i - 1].pos, Pos::Noun | Pos::Name)
            && next.is_some_and(|n| n.en == "by")
        {
            return refuse(&format!(
                "\"{} {} by\" needs an editor",
                chunks[i - 1].original,
                c.original
            ));
        }
        if MODALS.contains(&c.en.as_str())
            && !next.is_some_and(|n| {
                matches!(n.pos, Pos::Verb | Pos::Be | Pos::Adv | Pos::Neg | Pos::Aux)
            })
        {
            return refuse(&format!(
                "\"{} {}\" needs an editor",
                c.original,
                next.map(|n| n.original.as_str()).unwrap_or("")
            ));
        }
        // ", which caused its shares to lose": what "which" stands for, the rules cannot tell.
        if c.en == "which"
            && i > 0
            && chunks[i - 1].vi == ","
            && next.is_some_and(|n| n.pos == Pos::Verb && !n.en.starts_with("includ"))
        {
            return refuse("a clause opened by \", which\" needs an editor");
        }
        // ", which included ..." reads as ", bao gồm ..."; "a woman who says ..." does not.
        let after_comma = i > 0 && chunks[i - 1].vi == ",";
        if c.pos == Pos::Rel && c.vi.is_empty() && !after_comma {
            return refuse(&format!(
                "a clause opened by \"{}\" needs an editor",
                c.original
            ));
        }
        // "the third case of plague": an ordinal inside a noun phrase that goes on with "of".
        if c.kind == Kind::Ordinal
            && chunks[i + 1..]
                .iter()
                .find(|n| !matches!(n.pos, Pos::Noun | Pos::Name))
                .is_some_and(|n| n.en == "of")
        {
            return refuse("an ordinal inside a noun phrase needs an editor");
        }
        if c.en.starts_with("there ") && i > 0 && matches!(chunks[i - 1].pos, Pos::Noun | Pos::Name)
        {
            return refuse("\"there\" after a noun needs an editor");
        }
        if c.en == "over" && next.is_some_and(|n| n.pos == Pos::Name) {
            return refuse("\"over\" before a place needs an editor");
        }
        if c.kind == Kind::Duration
            && c.original.ends_with("-old")
            && next.is_some_and(|n| n.pos == Pos::Noun)
        {
            return refuse(&format!(
                "an age before a noun (\"{} {}\") needs an editor",
                c.original,
                next.map(|n| n.original.as_str()).unwrap_or("")
            ));
        }
        if c.kind == Kind::Date && next.is_some_and(|n| matches!(n.pos, Pos::Noun | Pos::Name)) {
            return refuse(&format!(
                "a date before a noun (\"{} {}\") needs an editor",
                c.original,
                next.map(|n| n.original.as_str()).unwrap_or("")
            ));
        }
        if matches!(c.en.as_str(), "better" | "worse" | "more" | "less")
            && next.is_some_and(|n| n.pos == Pos::Adj)
        {
            return refuse(&format!(
                "\"{} {}\" needs an editor",
                c.original,
                next.map(|n| n.original.as_str()).unwrap_or("")
            ));
        }
        // "its" is "của mình", the subject's, only when no other noun came between.
        if matches!(c.en.as_str(), "its" | "their")
            && chunks[..i]
                .iter()
                .skip_while(|n| !matches!(n.pos, Pos::Verb | Pos::Be | Pos::Aux))
                .any(|n| matches!(n.pos, Pos::Noun | Pos::Name))
        {
            return refuse(&format!(
                "whose \"{}\" is meant needs an editor",
                c.original
            ));
        }
        // "North Korean" read as the name "North" and "Korean": one name the rules lack.
        if c.pos == Pos::Name
            && !c.en_cased().is_empty()
            && next.is_some_and(|n| {
                n.pos == Pos::Adj && n.original.chars().next().is_some_and(char::is_uppercase)
            })
        {
            return refuse(&format!(
                "no Vietnamese for \"{} {}\"",
                c.original,
                next.map(|n| n.original.as_str()).unwrap_or("")
            ));
        }
        // "on" is "về" only after a word of talking or reporting ("talks on"); "on the coast",
        // "sanctions on" are other words.
        if c.has(Tag::Topic)
            && !i.checked_sub(1).is_some_and(|p| {
                // The last word of a phrase: "declined to comment on".
                let last = chunks[p].en.rsplit(' ').next().unwrap_or("");
                ON_TOPIC.iter().any(|t| last.starts_with(t))
            })
        {
            return refuse(&format!(
                "\"on\" after \"{}\" needs an editor",
                i.checked_sub(1)
                    .map(|p| chunks[p].original.as_str())
                    .unwrap_or("")
            ));
        }
        if c.pos == Pos::Name && (c.en.contains("n't") || c.en.contains("n’t")) {
            return refuse(&format!("the title \"{}\" needs an editor", c.original));
        }
        if c.pos == Pos::Name
            && !c.en_cased().is_empty()
            && c.en.split(' ').any(|w| INSTITUTIONS.contains(&w))
        {
            return refuse(&format!(
                "the institution \"{}\" needs a Vietnamese name",
                c.original
            ));
        }
    }
    if let Some(c) = chunks
        .iter()
        .find(|c| c.pos == Pos::Verb && LIGHT_VERBS.contains(&c.en.as_str()))
    {
        return refuse(&format!(
            "\"{}\" means too many things to render without an editor",
            c.original
        ));
    }
    if chunks.iter().any(|c| c.pos == Pos::Rel && c.vi.is_empty()) && t.contains("VL") {
        return refuse("a clause opened by \"which\" or \"what\" needs an editor");
    }
    Ok(())
}

/// Words after which "on" is "về", what something is about.
const ON_TOPIC: &[&str] = &[
    "report",
    "talk",
    "agreement",
    "deal",
    "decision",
    "comment",
    "focus",
    "information",
    "data",
    "study",
    "research",
    "law",
    "rule",
    "debate",
    "vote",
    "views",
    "advice",
    "update",
    "meeting",
    "conference",
    "negotiat",
    "statement",
    "briefing",
    "book",
    "article",
    "story",
    "lecture",
    "speech",
    "paper",
    "survey",
    "poll",
    "inquiry",
    "investigation",
    "hearing",
    "consult",
    "advis",
    "work",
    "written",
    "wrote",
    "write",
    "spoke",
    "speak",
    "testif",
    "brief",
];

/// Verbs whose sense depends on what follows ("make progress", "hold a meeting", "take
/// part"): only their phrases in the glossary are rendered, never the verb alone.
const LIGHT_VERBS: &[&str] = &[
    "drive",
    "drives",
    "drove",
    "driven",
    "driving",
    "make",
    "makes",
    "made",
    "making",
    "hold",
    "holds",
    "held",
    "holding",
    "take",
    "takes",
    "took",
    "taken",
    "taking",
    "get",
    "gets",
    "got",
    "gotten",
    "getting",
    "go",
    "goes",
    "went",
    "gone",
    "going",
    "come",
    "comes",
    "came",
    "coming",
    "put",
    "puts",
    "putting",
    "set",
    "sets",
    "setting",
    "turn",
    "turns",
    "turned",
    "turning",
    "look",
    "looks",
    "looked",
    "looking",
    "keep",
    "keeps",
    "kept",
    "keeping",
    "give",
    "gives",
    "gave",
    "given",
    "giving",
    "do",
    "does",
    "did",
    "done",
    "doing",
    "run",
    "runs",
    "ran",
    "running",
    "bring",
    "brings",
    "brought",
    "bringing",
    "face",
    "faces",
    "faced",
    "facing",
    "examine",
    "examines",
    "examined",
    "examining",
    "spend",
    "spends",
    "spent",
    "spending",
    "fail",
    "fails",
    "failed",
    "failing",
    "hit",
    "hits",
    "hitting",
    "close",
    "closes",
    "closed",
    "closing",
    "leave",
    "leaves",
    "left",
    "leaving",
];

/// Modal auxiliaries: a verb must follow ("will house" is not "sẽ ngôi nhà").
const MODALS: &[&str] = &[
    "will", "would", "can", "could", "may", "might", "must", "should", "shall",
];

/// Words that make a capitalised name an institution to be translated, not kept as written
/// ("Interior Ministry" is "Bộ Nội vụ").
const INSTITUTIONS: &[&str] = &[
    "ministry",
    "region",
    "province",
    "state",
    "department",
    "agency",
    "council",
    "committee",
    "court",
    "party",
    "police",
    "army",
    "navy",
    "office",
    "commission",
    "service",
    "parliament",
    "assembly",
    "senate",
    "government",
    "bureau",
    "authority",
];
