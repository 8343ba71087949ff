//! How Vietnamese news says what a word-by-word reading gets wrong: changes and rates ("tăng
//! lên 5,2%", "mỗi năm"), places ("thành phố Mosul", "miền bắc Ấn Độ"), courts and crimes
//! ("vụ án", "buộc tội giết người"), verbs whose sense depends on their object ("ra lệnh" or
//! "đặt mua", "phóng" or "ra mắt"). Applied to a sentence's chunks in English order, before its
//! noun phrases are reordered.

use super::chunk::{Chunk, Kind};
use super::words::TITLES;
use crate::glossary::{Pos, Tag, Tags};
use crate::model::{Figure, FigureKind};

/// Rewrites the chunks whose Vietnamese depends on their neighbours.
pub(super) fn apply(out: &mut Vec<Chunk>, figs: &[Figure]) {
    // "at the end of August" = "vào cuối tháng 8", not "vào cuối vào tháng 8".
    for i in 1..out.len() {
        if out[i].kind == Kind::Date
            && out[i - 1].kind == Kind::Word
            && out[i - 1].pos != Pos::Verb
            && out[i - 1].has(Tag::Timing)
            && let Some(rest) = out[i].vi.strip_prefix("vào ")
        {
            out[i].vi = rest.to_string();
        }
    }
    // "grew by 12%" = "tăng 12%", "delayed by three hours" = "bị trì hoãn 3 giờ": the
    // amount of a change follows its verb directly; "by" before any other amount is not
    // "bởi".
    for i in 1..out.len().saturating_sub(1) {
        if out[i].en != "by" {
            continue;
        }
        let change = out[i - 1].is_change();
        match out[i + 1].kind {
            Kind::Value | Kind::Quantity if change => out[i].vi = String::new(),
            Kind::Duration if out[i - 1].pos == Pos::Verb => out[i].vi = String::new(),
            Kind::Value | Kind::Quantity | Kind::Duration => {
                out[i].unsure = Some(format!(
                    "\"by {}\" after \"{}\" needs an editor",
                    out[i + 1].original,
                    out[i - 1].original
                ))
            }
            _ => {}
        }
    }
    // "invested $1 billion in a new factory" = "đầu tư 1 tỷ USD vào nhà máy mới".
    if let Some(v) = out
        .iter()
        .position(|c| c.pos == Pos::Verb && c.has(Tag::Invest))
        && let Some(at) = out[v + 1..].iter().position(|c| c.en == "in")
    {
        out[v + 1 + at].vi = "vào".into();
    }
    // "500,000 cars a year" = "500.000 ô tô mỗi năm": a rate, not "a year" as a noun.
    for i in 1..out.len().saturating_sub(1) {
        let per = match out[i + 1].en.as_str() {
            "year" => "mỗi năm",
            "month" => "mỗi tháng",
            "week" => "mỗi tuần",
            "day" => "mỗi ngày",
            "hour" => "mỗi giờ",
            _ => continue,
        };
        let after = out.get(i + 2).map(|c| c.en.as_str());
        if matches!(out[i].en.as_str(), "a" | "an")
            && matches!(out[i - 1].pos, Pos::Noun)
            && !matches!(
                after,
                Some("ago" | "earlier" | "later" | "before" | "after" | "of")
            )
        {
            out[i].vi = String::new();
            out[i].pos = Pos::Adv;
            out[i + 1].vi = per.into();
            out[i + 1].pos = Pos::Adv;
        }
    }
    // "charged with murder" = "buộc tội giết người": the crime, not "vụ giết người".
    for i in 1..out.len() {
        // "convicted of murder": past an "of" that says nothing.
        let verb = out[..i]
            .iter()
            .rev()
            .find(|c| !(c.pos == Pos::Prep && matches!(c.en.as_str(), "of" | "with")));
        if out[i].pos == Pos::Noun
            && verb.is_some_and(|v| v.pos == Pos::Verb && v.has(Tag::Charge))
            && let Some(rest) = out[i].vi.strip_prefix("vụ ")
        {
            out[i].vi = rest.to_string();
        }
    }
    // "rose to 5.2%" = "tăng lên 5,2%", "fell to 3%" = "giảm xuống 3%".
    for i in 1..out.len().saturating_sub(1) {
        if out[i].en == "to" && matches!(out[i + 1].kind, Kind::Value | Kind::Quantity) {
            let change = out[..i]
                .iter()
                .rev()
                .take_while(|c| c.kind != Kind::Punct)
                .find(|c| c.pos == Pos::Verb);
            match change {
                Some(v) if v.has(Tag::Rise) => out[i].vi = "lên".into(),
                Some(v) if v.has(Tag::Fall) => out[i].vi = "xuống".into(),
                _ => {}
            }
        }
    }
    // "the capital" is a city ("thủ đô"); capital with no article is money ("vốn").
    for i in 1..out.len() {
        if out[i].original.eq_ignore_ascii_case("capital") && out[i - 1].en == "the" {
            out[i].vi = "thủ đô".into();
            // The sense read from the article is a kind of place ("the capital of Ukraine").
            out[i].tags = Tags::default().with(Tag::Place);
        }
    }
    // "ordered 100 planes" = "đặt mua"; "ordered the company to pay", "ordered a retrial"
    // = "ra lệnh", with no "để" before what was ordered.
    for i in 0..out.len() {
        if out[i].pos != Pos::Verb || !out[i].has(Tag::Order) {
            continue;
        }
        let goods = out[i + 1..]
            .iter()
            .find(|c| c.pos != Pos::Det || c.kind == Kind::Quantity)
            .is_some_and(|c| c.kind == Kind::Quantity);
        if !goods {
            out[i].vi = "ra lệnh".into();
            // A command, no purchase: its "for" is no price.
            out[i].tags = out[i].tags.without(Tag::Order).without(Tag::Trade);
            if let Some(to) = out[i + 1..]
                .iter_mut()
                .take_while(|c| c.kind != Kind::Punct)
                .find(|c| c.en == "to" && c.pos == Pos::Aux)
            {
                to.vi = String::new();
            }
        }
    }
    // "killed 12 people" = "khiến 12 người thiệt mạng", as news says it of bombs, storms and
    // gunmen alike; "the two leaders met in 2019" = "gặp nhau".
    for i in 0..out.len() {
        if out[i].pos != Pos::Verb {
            continue;
        }
        if out[i].has(Tag::Kill)
            && let Some(k) = (i + 1..out.len())
                .find(|&k| !matches!(out[k].pos, Pos::Det | Pos::Adj) && out[k].kind == Kind::Word)
            && out[k].pos == Pos::Noun
            && out[k].vi == "người"
            && out[i + 1..k].iter().any(|c| c.kind == Kind::Quantity)
        {
            out[i].vi = "khiến".into();
            out[i].tags = out[i].tags.without(Tag::Kill);
            out[k].vi = "người thiệt mạng".into();
        }
        if out[i].has(Tag::Meet)
            && out
                .get(i + 1)
                .is_none_or(|n| !matches!(n.pos, Pos::Noun | Pos::Name | Pos::Pron | Pos::Det))
        {
            out[i].vi = "gặp nhau".into();
            out[i].tags = out[i].tags.without(Tag::Meet);
        }
    }
    // "was elected mayor" = "được bầu làm thị trưởng".
    for i in 0..out.len().saturating_sub(1) {
        if out[i].pos == Pos::Verb
            && matches!(
                out[i].head_word(),
                "elected" | "appointed" | "named" | "made"
            )
            && out[i + 1].pos == Pos::Noun
            && TITLES.contains(&out[i + 1].en.as_str())
        {
            out[i].vi.push_str(" làm");
        }
    }
    // What "meet" and "reach" mean hangs on their object: "meet its target" = "đạt mục tiêu",
    // "meet demand" = "đáp ứng nhu cầu", "reach an agreement" = "đạt được thỏa thuận",
    // "reach the coast" = "tới bờ biển".
    const BY_OBJECT: &[(&[&str], &[&str], &str)] = &[
        (
            &["meet", "meets", "met", "meeting"],
            &["target", "targets", "goal", "goals", "deadline", "criteria"],
            "đạt",
        ),
        (
            &["meet", "meets", "met", "meeting"],
            &[
                "demand",
                "demands",
                "needs",
                "requirements",
                "standards",
                "conditions",
            ],
            "đáp ứng",
        ),
        (
            &["reach", "reaches", "reached", "reaching"],
            &[
                "agreement",
                "deal",
                "settlement",
                "consensus",
                "compromise",
                "verdict",
            ],
            "đạt được",
        ),
        (
            &["reach", "reaches", "reached", "reaching"],
            &[
                "coast", "shore", "border", "city", "capital", "island", "summit", "town",
            ],
            "tới",
        ),
    ];
    for i in 0..out.len() {
        if out[i].pos != Pos::Verb {
            continue;
        }
        let object = out[i + 1..]
            .iter()
            .find(|c| !matches!(c.pos, Pos::Det | Pos::Adj) && c.kind != Kind::Possessive)
            .map_or("", |c| c.en.as_str());
        if let Some((_, _, vi)) = BY_OBJECT.iter().find(|(verbs, objects, _)| {
            verbs.contains(&out[i].head_word()) && objects.contains(&object)
        }) {
            out[i].vi = vi.to_string();
            // Another sense: "meet its target" is no meeting.
            out[i].tags = out[i].tags.without_senses();
        }
    }
    // "launched a satellite" = "phóng", "launched an offensive" = "mở", a product = "ra
    // mắt".
    let space = out.iter().any(|c| c.has(Tag::Rocket));
    for i in 0..out.len() {
        if out[i].pos == Pos::Verb && out[i].head_word().starts_with("launch") {
            let campaign = out[i + 1..]
                .iter()
                .find(|c| !matches!(c.pos, Pos::Det | Pos::Adj))
                .is_some_and(|c| c.has(Tag::Campaign));
            if space {
                out[i].vi = "phóng".into();
            } else if campaign {
                out[i].vi = "mở".into();
            }
        }
    }
    // "in the city of Wuhan" = "tại thành phố Vũ Hán": "in" a place is "tại".
    for i in 0..out.len().saturating_sub(1) {
        if out[i].en == "in"
            && out[i].vi == "trong"
            && out[i + 1..]
                .iter()
                .find(|c| c.en != "the")
                .is_some_and(|c| c.has(Tag::Place))
        {
            out[i].vi = "tại".into();
        }
    }
    // "the death toll from the earthquake" = "số người chết do trận động đất"; "the award
    // for best actor" = "giải nam diễn viên chính xuất sắc nhất".
    for i in 1..out.len() {
        match (out[i - 1].en.as_str(), out[i].en.as_str()) {
            ("death toll", "from") => out[i].vi = "do".into(),
            ("award" | "prize", "for") => {
                out[i - 1].vi = "giải".into();
                out[i].vi = String::new();
            }
            _ => {}
        }
    }
    // "12 years in prison" = "12 năm tù".
    let mut i = 0;
    while i + 2 < out.len() {
        if out[i].kind == Kind::Duration
            && out[i + 1].en == "in"
            && matches!(out[i + 2].en.as_str(), "prison" | "jail")
        {
            out[i].vi = format!("{} tù", out[i].vi);
            out.drain(i + 1..i + 3);
        }
        i += 1;
    }
    // "sold the factory for $40 million" = "với giá 40 triệu USD".
    for i in 0..out.len().saturating_sub(1) {
        let price = out[i + 1].kind == Kind::Value
            && figs
                .iter()
                .any(|f| f.kind == FigureKind::Money && f.text == out[i + 1].original);
        let trade = out[..i]
            .iter()
            .rev()
            .find(|c| c.pos == Pos::Verb)
            .is_some_and(|v| v.has(Tag::Trade));
        if out[i].en == "for" && price && trade {
            out[i].vi = "với giá".into();
        }
    }
    // "for a different reason" = "vì một lý do khác".
    for i in 0..out.len() {
        if out[i].en == "for"
            && out[i + 1..]
                .iter()
                .find(|c| !matches!(c.pos, Pos::Det | Pos::Adj))
                .is_some_and(|c| c.has(Tag::Reason))
        {
            out[i].vi = "vì".into();
        }
    }
    // "evacuated from their homes" = "sơ tán khỏi nhà": "from" after leaving is "khỏi".
    for i in 1..out.len() {
        if out[i].en == "from" && out[i - 1].pos == Pos::Verb && out[i - 1].has(Tag::Leave) {
            out[i].vi = "khỏi".into();
        }
    }
    // "the country" = "nước này": the country the story is about, as Vietnamese news says.
    for i in 1..out.len() {
        if out[i].has(Tag::Nation)
            && !out[i].plural
            && out[i - 1].en == "the"
            && out.get(i + 1).is_none_or(|n| n.en != "of")
        {
            // "across the country" = "trên khắp cả nước".
            let across = i >= 2 && out[i - 2].has(Tag::Throughout);
            out[i].vi = if across {
                "cả nước"
            } else {
                "nước này"
            }
            .into();
        }
    }
    // "to support small businesses" = "hỗ trợ": help given, not a view held ("ủng hộ").
    for i in 0..out.len() {
        if out[i].pos == Pos::Verb
            && out[i].has(Tag::Support)
            && out[i + 1..]
                .iter()
                .find(|c| matches!(c.pos, Pos::Noun | Pos::Name | Pos::Pron))
                .is_some_and(|c| c.has(Tag::Beneficiary))
        {
            out[i].vi = "hỗ trợ".into();
            out[i].tags = out[i].tags.without(Tag::Support);
        }
    }
    // A case in court is "vụ án", a case of illness "ca bệnh"; pupils of a school are "học
    // sinh", of a university "sinh viên".
    let court = out.iter().any(|c| c.has(Tag::Court));
    let school = out.iter().any(|c| c.has(Tag::School));
    for c in out.iter_mut() {
        if c.has(Tag::Case) && court {
            c.vi = "vụ án".into();
            c.tags = c.tags.without(Tag::Case);
        }
        if c.has(Tag::Student) && school {
            c.vi = "học sinh".into();
            c.tags = c.tags.without(Tag::Student);
        }
    }
    // "so far this year" = "từ đầu năm đến nay".
    for i in 0..out.len().saturating_sub(1) {
        if out[i].en == "so far" && out[i + 1].kind == Kind::Date {
            let span = match out[i + 1].en.to_lowercase().as_str() {
                "this year" => "từ đầu năm đến nay",
                "this month" => "từ đầu tháng đến nay",
                "this week" => "từ đầu tuần đến nay",
                _ => continue,
            };
            out[i].vi = span.into();
            out.remove(i + 1);
            break;
        }
    }
    // "pollution sources" = "nguồn ô nhiễm": sources of a thing, not of news.
    for i in 1..out.len() {
        if out[i].has(Tag::Source) && out[i - 1].pos == Pos::Noun {
            out[i].vi = "nguồn".into();
            out[i].tags = out[i].tags.without(Tag::Source);
        }
    }
    // "the central Philippines" = "miền trung Philippines": a region, before the name.
    let mut i = 0;
    while i + 1 < out.len() {
        let region = match out[i].en.as_str() {
            "central" => "miền trung",
            "northern" => "miền bắc",
            "southern" => "miền nam",
            "eastern" => "miền đông",
            "western" => "miền tây",
            _ => "",
        };
        if !region.is_empty()
            && out[i].pos == Pos::Adj
            && out[i + 1].pos == Pos::Name
            && out[i + 1].country
        {
            let place = out.remove(i + 1);
            out[i].vi = format!("{region} {}", place.vi);
            out[i].en = format!("{} {}", out[i].en, place.en);
            out[i].original = format!("{} {}", out[i].original, place.original);
            out[i].pos = Pos::Name;
            out[i].country = true;
            // "in the central Philippines" = "ở miền trung Philippines".
            let before = out[..i].iter().rposition(|c| c.en != "the");
            if let Some(b) = before.filter(|&b| out[b].en == "in") {
                out[b].vi = "ở".into();
            }
        }
        i += 1;
    }
    // "talking about seizing an opportunity" = "nói về việc nắm bắt cơ hội".
    for i in 1..out.len() {
        if out[i].pos == Pos::Verb
            && out[i].head_word().ends_with("ing")
            && ((out[i - 1].pos == Pos::Prep
                && matches!(
                    out[i - 1].vi.as_str(),
                    "về" | "trong" | "bằng" | "cho" | "với"
                ))
                || (out[i - 1].pos == Pos::Verb
                    && [" về", " vào", " với"]
                        .iter()
                        .any(|p| out[i - 1].vi.ends_with(p))))
        {
            out[i].vi = format!("việc {}", out[i].vi);
            // An action named, no longer a verb of going, nor in the verb's own sense.
            out[i].tags = out[i].tags.without(Tag::Motion).without_senses();
        }
    }
}
