//! Tests for tokenisation and sentence splitting, on sentences written for the tests.

use brink_core::{Document, NoiseSpan, Span, Stage, TokenKind};

use crate::SentenceStage;

fn run(text: &str) -> Document {
    let mut d = Document::new("t", text);
    SentenceStage.process(&mut d);
    d
}

fn sents(text: &str) -> Vec<String> {
    let d = run(text);
    d.sentences.iter().map(|s| d.slice(s.span).to_string()).collect()
}

fn toks(text: &str) -> Vec<String> {
    let d = run(text);
    d.tokens.iter().map(|t| d.slice(t.span).to_string()).collect()
}

fn norms(text: &str) -> Vec<String> {
    run(text).tokens.into_iter().map(|t| t.norm).collect()
}

#[test]
fn splits_plain_sentences() {
    assert_eq!(sents("The envoy left. Talks resumed! Did they agree? No."), vec![
        "The envoy left.",
        "Talks resumed!",
        "Did they agree?",
        "No."
    ]);
}

#[test]
fn titles_and_countries_do_not_split() {
    let s = sents("Gen. Carla Ruiz met U.S. Sen. Omar Vale and Mr. Tan in St. Louis. Dr. Ada Holt declined.");
    assert_eq!(s, vec!["Gen. Carla Ruiz met U.S. Sen. Omar Vale and Mr. Tan in St. Louis.", "Dr. Ada Holt declined."]);
    let s = sents("Lt. Col. Ben Ito and Maj. Sara Lund spoke. Capt. Joe Ray and Gov. Lin Wu and Pres. Kim agreed.");
    assert_eq!(s.len(), 2);
}

#[test]
fn dotted_country_ends_sentence_before_a_common_starter() {
    assert_eq!(sents("The delegation flew to the U.S. The talks began Monday."), vec![
        "The delegation flew to the U.S.",
        "The talks began Monday."
    ]);
    assert_eq!(sents("The U.N. Security Council met. The U.K. Foreign Office agreed.").len(), 2);
}

#[test]
fn months_and_numbers() {
    assert_eq!(sents("The ceasefire began Aug. 15 in the south. Sept. 3 was quiet.").len(), 2);
    assert_eq!(sents("Resolution No. 2334 passed. It was signed.").len(), 2);
    assert_eq!(sents("A 7.4-magnitude quake hit. About 1,500 people fled.").len(), 2);
    assert_eq!(toks("a 7.4 quake and 1,500 people at 10:30"), vec!["a", "7.4", "quake", "and", "1,500", "people", "at", "10:30"]);
}

#[test]
fn clock_abbreviations() {
    assert_eq!(sents("The strike came at 5 p.m. local time on the border.").len(), 1);
    assert_eq!(sents("They met at 9 a.m. Tuesday and again at 4 p.m. on Friday.").len(), 1);
    assert_eq!(sents("The sirens stopped at 3 a.m. The town was silent.").len(), 2);
}

#[test]
fn company_suffixes_and_etc() {
    assert_eq!(sents("Shares of Acme Corp. rose sharply. Rival Zenith Inc. said it was pleased.").len(), 2);
    assert_eq!(sents("They sent tents, food, etc. The convoy left.").len(), 2);
    assert_eq!(sents("They sent tents, food, etc. to the camp.").len(), 1);
    assert_eq!(sents("It was Smith vs. Jones in the final.").len(), 1);
}

#[test]
fn single_initials() {
    assert_eq!(sents("John F. Kennedy spoke in Berlin. He was cheered.").len(), 2);
    assert_eq!(sents("They picked option B. The other was dropped.").len(), 2);
}

#[test]
fn ellipses() {
    assert_eq!(sents("What we want … is calm … and quiet talks. Then peace.").len(), 2);
    assert_eq!(sents("What we want ... is calm. Then peace.").len(), 2);
    assert_eq!(sents("The talks stalled... Nobody knows why.").len(), 2);
}

#[test]
fn quotes_spanning_sentences_with_attribution() {
    assert_eq!(sents("He said: “We will win. They will lose,” and left."), vec!["He said: “We will win. They will lose,” and left."]);
    assert_eq!(sents("“We will win. They will lose,” Marco Diaz said. Then he left.").len(), 2);
    assert_eq!(sents("\"We are ready. We are waiting,\" she said.").len(), 1);
    // A quotation followed by a new sentence splits normally; the closing quote stays.
    assert_eq!(sents("“We will win. They will lose.” He left."), vec!["“We will win.", "They will lose.”", "He left."]);
    assert_eq!(sents("“Will they come?” she asked. Nobody answered."), vec!["“Will they come?” she asked.", "Nobody answered."]);
}

#[test]
fn headlines_and_lines() {
    let d = run("Ministers Meet in Geneva\n\nThe ministers met on Monday. They talked.\nSecond Line Without Stop\nA new paragraph starts here.");
    let s: Vec<_> = d.sentences.iter().map(|s| (d.slice(s.span), s.headline)).collect();
    assert_eq!(s, vec![
        ("Ministers Meet in Geneva", true),
        ("The ministers met on Monday.", false),
        ("They talked.", false),
        ("Second Line Without Stop", true),
        ("A new paragraph starts here.", false),
    ]);
}

#[test]
fn blank_line_always_ends_a_sentence() {
    assert_eq!(sents("He said that\n\nthe talks failed").len(), 2);
    assert_eq!(sents("Gen.\n\nSmith").len(), 2);
}

#[test]
fn wrapped_lines_continue_in_lowercase() {
    assert_eq!(sents("The foreign minister said the talks\nwould resume next week.").len(), 1);
    assert_eq!(sents("He told them:\n“We are ready.”").len(), 1);
}

#[test]
fn tokens_words_hyphens_apostrophes() {
    assert_eq!(toks("Israeli-US talks on Sa'ar's all-out plan"), vec!["Israeli-US", "talks", "on", "Sa'ar", "'s", "all-out", "plan"]);
    assert_eq!(toks("Iran’s envoy hasn’t left"), vec!["Iran", "’s", "envoy", "hasn’t", "left"]);
    assert_eq!(norms("Iran’s envoy hasn’t LEFT"), vec!["iran", "'s", "envoy", "hasn't", "left"]);
    assert_eq!(toks("don't stop"), vec!["don't", "stop"]);
}

#[test]
fn token_kinds_and_quotes() {
    let d = run("“Go,” he said, ‘now’ — 42 times.");
    let kinds: Vec<_> = d.tokens.iter().map(|t| (d.slice(t.span), t.kind)).collect();
    assert_eq!(kinds, vec![
        ("“", TokenKind::Quote),
        ("Go", TokenKind::Word),
        (",", TokenKind::Punct),
        ("”", TokenKind::Quote),
        ("he", TokenKind::Word),
        ("said", TokenKind::Word),
        (",", TokenKind::Punct),
        ("‘", TokenKind::Quote),
        ("now", TokenKind::Word),
        ("’", TokenKind::Quote),
        ("—", TokenKind::Punct),
        ("42", TokenKind::Number),
        ("times", TokenKind::Word),
        (".", TokenKind::Punct),
    ]);
    assert_eq!(d.tokens[0].norm, "\"");
}

#[test]
fn plural_possessive_apostrophe_is_punct() {
    let d = run("The countries’ leaders met.");
    assert_eq!(d.slice(d.tokens[2].span), "’");
    assert_eq!(d.tokens[2].kind, TokenKind::Punct);
}

#[test]
fn abbreviation_tokens_keep_period() {
    assert_eq!(norms("U.S. Gen. Ray"), vec!["u.s.", "gen.", "ray"]);
    assert_eq!(toks("U.S.-led force"), vec!["U.S.", "-", "led", "force"]);
}

#[test]
fn url_is_one_token() {
    assert_eq!(toks("See www.example.com/a.b now."), vec!["See", "www.example.com/a.b", "now", "."]);
}

#[test]
fn noise_spans_are_skipped() {
    let text = "Menu Search\nThe talks began. They ended.";
    let mut d = Document::new("t", text);
    d.noise.push(NoiseSpan { span: Span::new(0, 11), rule: "nav".into() });
    SentenceStage.process(&mut d);
    assert_eq!(d.sentences.len(), 2);
    assert!(d.tokens.iter().all(|t| t.span.start >= 11));
}

#[test]
fn noise_out_of_range_or_mid_char() {
    let text = "Ünïcödé text. More.";
    let mut d = Document::new("t", text);
    d.noise.push(NoiseSpan { span: Span::new(1, 2), rule: "x".into() });
    d.noise.push(NoiseSpan { span: Span::new(50, 80), rule: "x".into() });
    d.noise.push(NoiseSpan { span: Span { start: 9, end: 3 }, rule: "x".into() });
    SentenceStage.process(&mut d);
    for t in &d.tokens {
        assert!(text.get(t.span.start..t.span.end).is_some());
    }
}

#[test]
fn indices_are_consistent() {
    let d = run("One. Two three.\n\nFour “five. Six,” she said.\nSeven");
    for (i, s) in d.sentences.iter().enumerate() {
        assert!(s.token_start < s.token_end);
        for t in &d.tokens[s.token_start..s.token_end] {
            assert_eq!(t.sentence, i);
            assert!(s.span.contains(t.span));
        }
    }
    assert_eq!(d.sentences.last().unwrap().token_end, d.tokens.len());
    let mut d2 = d.clone();
    SentenceStage.process(&mut d2);
    assert_eq!(d.sentences, d2.sentences);
}

fn check_invariants(text: &str) {
    let d = run(text);
    let mut prev_end = 0;
    for (i, s) in d.sentences.iter().enumerate() {
        assert!(s.span.start >= prev_end && s.span.end <= text.len());
        assert!(text.get(s.span.start..s.span.end).is_some());
        assert!(s.token_end - s.token_start <= crate::MAX_SENTENCE_TOKENS);
        prev_end = s.span.end;
        for t in &d.tokens[s.token_start..s.token_end] {
            assert_eq!(t.sentence, i);
            assert!(text.get(t.span.start..t.span.end).is_some_and(|x| !x.is_empty()));
        }
    }
}

/// A tiny xorshift generator, so property tests need no extra crate.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn odd_inputs_do_not_panic() {
    let long_word = "a".repeat(1 << 20);
    let cases: Vec<String> = vec![
        String::new(),
        " ".into(),
        "\n\n\n".into(),
        ".".into(),
        "...".into(),
        "'".into(),
        "’s".into(),
        "\"".into(),
        "“”“”‘’'\"«»„".repeat(1000),
        ".".repeat(100_000),
        "?!".repeat(50_000),
        "U.S.".repeat(10_000),
        "a.".repeat(50_000),
        "Mr. ".repeat(10_000),
        "a ".repeat(300_000),
        long_word,
        "\u{200B}\u{FEFF}\u{00AD}\u{0301}x\u{0301}".repeat(1000),
        "www.".into(),
        "http://".into(),
        "No.".into(),
        "No. ".into(),
        "1.".into(),
        "1,".into(),
        "—".repeat(1000),
        "\r\r\n\u{2029}\u{2028}x".into(),
        "🙂".repeat(1000),
    ];
    for c in &cases {
        check_invariants(c);
    }
    let alphabet: Vec<char> = "aZ .,!?;:'\"“”‘’«»…-–—()[]0123456789\n\r\tUSé\u{200B}\u{0301}🙂.".chars().collect();
    let mut rng = Rng(0x9E3779B97F4A7C15);
    for _ in 0..2000 {
        let n = (rng.next() % 80) as usize;
        let s: String = (0..n).map(|_| alphabet[(rng.next() % alphabet.len() as u64) as usize]).collect();
        check_invariants(&s);
    }
    // Random bytes decoded lossily.
    for _ in 0..300 {
        let n = (rng.next() % 400) as usize;
        let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
        check_invariants(&String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn long_run_is_cut() {
    let d = run(&"word ".repeat(1000));
    assert!(d.sentences.len() >= 3);
    assert!(d.warnings.iter().any(|w| w.contains("cut")));
}

#[test]
fn tokens_of_matches_stage_tokens() {
    let t = crate::tokens_of("Iran’s U.S. envoy");
    let n: Vec<_> = t.iter().map(|t| t.norm.as_str()).collect();
    assert_eq!(n, vec!["iran", "'s", "u.s.", "envoy"]);
}
