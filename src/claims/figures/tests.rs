use super::*;

#[test]
fn nine_eleven_is_a_phone_number_only_where_it_is_called_or_its_calls_are() {
    for text in [
        "She called 911.",
        "Officials began receiving 911 calls on Tuesday.",
        "A 911 dispatcher answered.",
    ] {
        let found = kinds(text, "2025-06-06");
        assert!(
            found.iter().all(|(t, _)| !t.contains("911")),
            "{text}: {found:?}"
        );
    }
    assert_eq!(
        kinds("It cost $911,000.", "2025-06-06"),
        vec![("$911,000".to_string(), FigureKind::Money)]
    );
    assert_eq!(
        kinds("The road runs 911 kilometres.", "2025-06-06"),
        vec![("911 kilometres".to_string(), FigureKind::Quantity)]
    );
}

fn kinds(text: &str, published: &str) -> Vec<(String, FigureKind)> {
    let p = NaiveDate::parse_from_str(published, "%Y-%m-%d").ok();
    find(text, p)
        .into_iter()
        .map(|f| (f.text, f.kind))
        .collect()
}

fn one(text: &str, published: &str) -> Figure {
    let p = NaiveDate::parse_from_str(published, "%Y-%m-%d").ok();
    let all = find(text, p);
    assert_eq!(all.len(), 1, "{all:?}");
    all.into_iter().next().unwrap()
}

#[test]
fn reads_money_unit_and_age_ranges_as_one_range() {
    for (t, from, to, unit) in [
        (
            "Zoom projects $1.68 billion to $1.72 billion.",
            1.68e9,
            1.72e9,
            "USD",
        ),
        (
            "It aims to save between £190m and £265m a year.",
            1.9e8,
            2.65e8,
            "GBP",
        ),
        ("They earn $70,000-$90,000 a year.", 7e4, 9e4, "USD"),
        (
            "A rise on the order of 10 to 15% is realistic.",
            10.0,
            15.0,
            "%",
        ),
        (
            "Aimed at children aged 10 to 13, it is a contest.",
            10.0,
            13.0,
            "year",
        ),
    ] {
        let f = one(t, "2025-06-06");
        assert_eq!(f.kind, FigureKind::Range, "{t}");
        assert_eq!(
            (f.from, f.to, f.unit.as_deref()),
            (Some(Scalar::Num(from)), Some(Scalar::Num(to)), Some(unit)),
            "{t}"
        );
    }
    // A change is two figures, the first in the second's unit.
    let figs = find("Use more than doubled, from 7.5 to 17.3 percent.", None);
    assert_eq!(
        figs.iter().map(|f| f.kind).collect::<Vec<_>>(),
        vec![FigureKind::Percent, FigureKind::Percent]
    );
}

#[test]
fn reads_old_years_word_ranges_ages_dozens_and_weights() {
    let f = one(
        "In 1723, a naval officer obtained a seedling.",
        "2025-06-06",
    );
    assert_eq!(
        (f.kind, f.value),
        (FigureKind::Date, Some(Scalar::Text("1723".into())))
    );
    let f = one(
        "The installation usually takes one to three days.",
        "2025-06-06",
    );
    assert_eq!(
        (f.kind, f.unit.as_deref()),
        (FigureKind::Range, Some("day"))
    );
    let f = one(
        "Fees range from S$200 to S$500 at most venues.",
        "2025-06-06",
    );
    assert_eq!(
        (f.kind, f.unit.as_deref()),
        (FigureKind::Range, Some("SGD"))
    );
    let f = one("Some companies permit those over 19 to rent.", "2025-06-06");
    assert_eq!(
        (f.kind, f.value),
        (FigureKind::Duration, Some(Scalar::Num(19.0)))
    );
    let f = one("More than two dozen people were hurt.", "2025-06-06");
    assert_eq!(f.value, Some(Scalar::Num(24.0)));
    let f = one("The keyboard weighs 5.5 pounds.", "2025-06-06");
    assert_eq!(
        (f.kind, f.unit.as_deref()),
        (FigureKind::Quantity, Some("lb"))
    );
    let f = one("He was fined 500 pounds.", "2025-06-06");
    assert_eq!(f.kind, FigureKind::Money);
}

#[test]
fn reads_periods_scales_and_ranks_written_short() {
    let f = one("Sales peaked in Q4 of 2024.", "2025-06-06");
    assert_eq!(f.value, Some(Scalar::Text("2024-10".into())));
    let f = one("Growth slowed in the latter half of 2022.", "2025-06-06");
    assert_eq!(f.value, Some(Scalar::Text("2022-07".into())));
    let f = one("It was in his FY12 budget.", "2025-06-06");
    assert_eq!(f.value, Some(Scalar::Text("2012".into())));
    let f = one("In the 2000s he designed a probe.", "2025-06-06");
    assert_eq!(
        (f.from, f.to),
        (Some(Scalar::Num(2000.0)), Some(Scalar::Num(2009.0)))
    );
    let f = one("The industry employed 2.9 mn people.", "2025-06-06");
    assert_eq!(f.value, Some(Scalar::Num(2.9e6)));
    let f = one("It needs only 9.8B tokens to learn.", "2025-06-06");
    assert_eq!(f.value, Some(Scalar::Num(9.8e9)));
    let f = one("Python is ranked #1 in the index.", "2025-06-06");
    assert_eq!(
        (f.kind, f.value),
        (FigureKind::Ordinal, Some(Scalar::Num(1.0)))
    );
    // Fractions, versions and domains are no figures.
    for t in [
        "Notably, two-thirds of firms agree.",
        "Sony released system software update 4.92 for owners.",
        "A representative told TODAY.com about it.",
        "Part 2 builds on that with hand lettering.",
    ] {
        assert!(find(t, None).is_empty(), "{t}: {:?}", find(t, None));
    }
}

#[test]
fn reads_a_ratio_and_a_year_range() {
    let t = "China led in 57 of 64 technologies from 2019 to 2023, the tracker said.";
    let figs = find(t, None);
    assert_eq!(figs.len(), 2, "{figs:?}");
    assert_eq!(figs[0].kind, FigureKind::Ratio);
    assert_eq!(figs[0].text, "57 of 64");
    assert_eq!(figs[0].numerator, Some(57.0));
    assert_eq!(figs[0].unit.as_deref(), Some("technologies"));
    assert_eq!(figs[1].kind, FigureKind::Range);
    assert_eq!(figs[1].text, "from 2019 to 2023");
    assert_eq!(&t[figs[1].span[0]..figs[1].span[1]], "from 2019 to 2023");
}

#[test]
fn a_date_in_the_future_tense_is_the_coming_one() {
    let f = one("The new law will take effect on January 1.", "2025-06-06");
    assert_eq!(f.value, Some(Scalar::Text("2026-01-01".into())));
    let f = one("The minister will visit Hanoi on Thursday.", "2025-06-06");
    assert_eq!(f.value, Some(Scalar::Text("2025-06-12".into())));
    let f = one("The vote is due to take place in March.", "2025-06-06");
    assert_eq!(f.value, Some(Scalar::Text("2026-03".into())));
    let f = one("The summit will be held on 3-5 March.", "2025-06-06");
    assert_eq!(f.from, Some(Scalar::Text("2026-03-03".into())));
    // Past tense, or a future word in another clause: the last one, as before.
    let f = one(
        "He said he would resign, after a vote on Thursday.",
        "2025-06-06",
    );
    assert_eq!(f.value, Some(Scalar::Text("2025-06-05".into())));
}

#[test]
fn resolves_thursday_against_publication_date() {
    let f = one(
        "according to a report released on Thursday by Harvard",
        "2025-06-06",
    );
    assert_eq!(f.value, Some(Scalar::Text("2025-06-05".into())));
    assert_eq!(f.relative.as_deref(), Some("Thursday"));
}

#[test]
fn a_long_text_has_the_figures_of_each_of_its_sentences() {
    let sentence = "Sales rose by about 12% to $5 billion in March, said Kessler. ";
    let one = find(sentence, None);
    let text = sentence.repeat(2000);
    let all = find(&text, None);
    assert_eq!(all.len(), one.len() * 2000);
    for (k, f) in all.iter().enumerate() {
        let g = &one[k % one.len()];
        let at = (k / one.len()) * sentence.len();
        assert_eq!(
            (f.kind, &f.text, &f.qualifier),
            (g.kind, &g.text, &g.qualifier)
        );
        assert_eq!(f.span, [g.span[0] + at, g.span[1] + at]);
    }
}

#[test]
fn keeps_the_hedge_of_less_than_two_years() {
    let f = one(
        "had overtaken Stanford in less than two years.",
        "2025-06-06",
    );
    assert_eq!(f.kind, FigureKind::Duration);
    assert_eq!(f.text, "two years");
    assert_eq!(f.value, Some(Scalar::Num(2.0)));
    assert_eq!(f.qualifier.as_deref(), Some("less than"));
}

#[test]
fn numbers_inside_names_are_not_figures() {
    assert!(
        kinds(
            "Alibaba's Qwen3 family and OpenAI-o1 and COVID-19",
            "2025-06-06"
        )
        .is_empty()
    );
    assert!(kinds("as part of the Made in China 2025 initiative", "2025-06-06").is_empty());
    assert!(
        kinds(
            "The G7 met at 10:45 a.m. near the Boeing 737 hangar.",
            "2025-06-06"
        )
        .is_empty()
    );
}

#[test]
fn reads_money_percent_and_months() {
    let f = one("It raised $1.8 trillion.", "2025-06-06");
    assert_eq!(
        (f.kind, f.value.clone()),
        (FigureKind::Money, Some(Scalar::Num(1.8e12)))
    );
    let f = one("about US$300m in", "2025-06-06");
    assert_eq!(f.currency.as_deref(), Some("USD"));
    assert_eq!(f.value, Some(Scalar::Num(3e8)));
    let f = one("a rise of 12.5 per cent", "2025-06-06");
    assert_eq!(
        (f.kind, f.value),
        (FigureKind::Percent, Some(Scalar::Num(12.5)))
    );
    let f = one("In January, Nature Index showed", "2025-06-06");
    assert_eq!(f.value, Some(Scalar::Text("2025-01".into())));
    let f = one("in December the firm", "2025-06-06");
    assert_eq!(f.value, Some(Scalar::Text("2024-12".into())));
}

proptest::proptest! {
    // The fuzz target's short form: any text, figures whose spans are the text's own bytes,
    // sorted and apart; attribution never panics either.
    #[test]
    fn any_text_gives_figures_that_are_its_own_spans(
        text in "([0-9]{1,5}|[,.%$£€/:()'’“”-]|[A-Z][a-z]{0,8}|(one|two|dozen|million|percent|of|out|to|from|between|and|last|next|year|May|Monday|said|according|No|the|aged) | ){0,40}",
    ) {
        let figs = find(&text, NaiveDate::from_ymd_opt(2025, 6, 6));
        let mut end = 0;
        for f in &figs {
            proptest::prop_assert_eq!(&text[f.span[0]..f.span[1]], f.text.as_str());
            proptest::prop_assert!(f.span[0] >= end, "{:?}", figs);
            end = f.span[1];
        }
        let _ = super::super::attribution::find(&text);
    }
}

#[test]
fn a_change_from_one_value_to_another_is_two_figures() {
    let k = kinds("Sales rose from 23% to 35% last year.", "2025-06-06");
    assert_eq!(k.len(), 3, "{k:?}");
    assert_eq!(k[0].1, FigureKind::Percent);
}

#[test]
fn a_number_in_a_title_or_a_code_is_no_count() {
    for t in [
        "She spoke to 9 In Your Corner about the refund.",
        "The kit runs on Windows (8 to 10) only.",
        "The carrier's DOT number 2718281 was revoked.",
        "Clerks sorted the 1099s, 1065s and 1120s by hand.",
        "The firm sells zero-emission vans.",
        "The screen shows 8K video.",
        "A 2019 Toyota Camry was parked there.",
        "Rails 8 is out now.",
        "The diner is open 24/7 all year.",
        "She stopped at a 7-Eleven nearby.",
    ] {
        assert!(find(t, None).is_empty(), "{t}: {:?}", find(t, None));
    }
    // A count with a separator, or glued to "k" and a counted noun, is still one.
    assert_eq!(
        one("It has 5k subscribers.", "2025-06-06").kind,
        FigureKind::Count
    );
    assert_eq!(
        one("Another 40 were hurt.", "2025-06-06").kind,
        FigureKind::Count
    );
    let f = one("The sea stays between 18 and 21 Celsius.", "2025-06-06");
    assert_eq!(f.unit.as_deref(), Some("°C"));
}

#[test]
fn a_range_of_ages_or_of_a_unit_in_words_is_one_range() {
    let f = one("Teens aged between 13 to 15 were asked.", "2025-06-06");
    assert_eq!(f.text, "between 13 to 15");
    assert_eq!(
        (f.from, f.to, f.unit.as_deref()),
        (
            Some(Scalar::Num(13.0)),
            Some(Scalar::Num(15.0)),
            Some("year")
        )
    );
    let f = one(
        "Water stays between 18 and 21 degrees Celsius.",
        "2025-06-06",
    );
    assert_eq!((f.kind, f.unit.as_deref()), (FigureKind::Range, Some("°C")));
}

#[test]
fn a_margin_a_partitive_an_age_and_a_placing_are_read_as_such() {
    let f = one("Voters rejected it by three to one.", "2025-06-06");
    assert_eq!(
        (f.kind, f.numerator, f.denominator),
        (FigureKind::Ratio, Some(3.0), Some(1.0))
    );
    let k = kinds(
        "They built 30 schools, 12 of which are closed.",
        "2025-06-06",
    );
    assert_eq!(k, vec![("30".to_string(), FigureKind::Count)]);
    let f = one("The striker, at 31, signed again.", "2025-06-06");
    assert_eq!(
        (f.kind, f.value),
        (FigureKind::Duration, Some(Scalar::Num(31.0)))
    );
    let k = kinds("Jones, at 29 a year younger than Smith, won.", "2025-06-06");
    assert_eq!(k.len(), 2, "{k:?}");
    assert_eq!(k[1], ("a year".to_string(), FigureKind::Duration));
    let f = one("The single came in at 14 on the chart.", "2025-06-06");
    assert_eq!(
        (f.kind, f.value),
        (FigureKind::Ordinal, Some(Scalar::Num(14.0)))
    );
}

#[test]
fn a_long_span_of_years_a_score_after_from_and_weights_per_head_are_read() {
    let f = one("The walls stood for the last 2,500 years.", "2025-06-06");
    assert_eq!(
        (f.kind, f.value),
        (FigureKind::Duration, Some(Scalar::Num(2500.0)))
    );
    assert!(kinds("They moved from 98-4 at lunch.", "2025-06-06").is_empty());
    let f = one("Each adult throws away 3.1 pounds per day.", "2025-06-06");
    assert_eq!(f.kind, FigureKind::Quantity);
    let f = one("He farmed one hectare of rice.", "2025-06-06");
    assert_eq!(f.unit.as_deref(), Some("ha"));
}

#[test]
fn a_money_range_with_a_code_a_list_with_one_unit_and_inch_marks_are_read() {
    let f = one("Tickets cost between EUR 40 – 75 each.", "2025-06-06");
    assert_eq!(
        (f.kind, f.from, f.to, f.unit.as_deref()),
        (
            FigureKind::Range,
            Some(Scalar::Num(40.0)),
            Some(Scalar::Num(75.0)),
            Some("EUR")
        )
    );
    let f = one("She earned Taka 9,200 last season.", "");
    assert_eq!(
        (f.kind, f.currency.as_deref()),
        (FigureKind::Money, Some("BDT"))
    );
    let k = kinds("Passes last 3, 5 or 10 days.", "2025-06-06");
    assert_eq!(
        k.iter().map(|x| x.1).collect::<Vec<_>>(),
        vec![FigureKind::Duration; 3]
    );
    let k = kinds(
        "The board measures 11.5\" x 4.2\" and a 50in screen.",
        "2025-06-06",
    );
    assert_eq!(
        k.iter().map(|x| x.1).collect::<Vec<_>>(),
        vec![FigureKind::Quantity; 3],
        "{k:?}"
    );
    let f = one("Rooms cost (90 – 140 US$) a night.", "2025-06-06");
    assert_eq!(
        (f.kind, f.unit.as_deref()),
        (FigureKind::Range, Some("USD"))
    );
    let f = one("Ice sheets grew for half a million years.", "2025-06-06");
    assert_eq!(
        (f.kind, f.value, f.unit.as_deref()),
        (FigureKind::Duration, Some(Scalar::Num(5e5)), Some("year"))
    );
    // A closing quote after a number is no inch.
    let k = kinds("He said \"give me 5\" and left.", "2025-06-06");
    assert_eq!(k, vec![("5".to_string(), FigureKind::Count)]);
}
