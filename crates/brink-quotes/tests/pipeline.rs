//! End-to-end: clean → sentences → actors → quotes, on an article written for this test
//! (another conflict than the development seeds), through the real upstream stages.

use std::sync::Arc;

use brink_core::{Document, Pipeline, QuoteKind};

const ARTICLE: &str = "Ukraine says Russian strikes hit power grid

Ukrainian President Volodymyr Zelensky said on Sunday that Russia had launched more than 100 missiles overnight.

“This is pure terror against civilians,” Zelensky wrote on Telegram. “The world must respond.”

Kremlin spokesman Dmitry Peskov told reporters that the strikes targeted “military infrastructure” only.

“We have no plans to stop until our goals are achieved,” he said, adding that “Kyiv knows our conditions.”

UN Secretary-General António Guterres said the attacks were “unacceptable” and urged both sides to protect civilians.

A senior Ukrainian official said the air force shot down most of the drones. “It was a long night,” the official said.

The so-called “energy truce” collapsed in March.
";

fn run(text: &str) -> Document {
    let kb = Arc::new(brink_kb::Kb::load(&[]).expect("kb"));
    let pipeline = Pipeline::new()
        .with(brink_read::CleanStage)
        .with(brink_text::SentenceStage)
        .with(brink_actors::ActorStage::new(kb))
        .with(brink_quotes::QuoteStage::new());
    let mut doc = Document::new("test.txt", text);
    doc.date = chrono::NaiveDate::from_ymd_opt(2024, 5, 1);
    pipeline.run(&mut doc);
    doc
}

#[test]
fn article_through_the_real_pipeline() {
    let doc = run(ARTICLE);
    let direct: Vec<_> = doc.quotes.iter().filter(|q| q.kind == QuoteKind::Direct).collect();
    let texts: Vec<&str> = direct.iter().map(|q| q.text.as_str()).collect();
    let find = |start: &str| direct.iter().find(|q| q.text.starts_with(start)).unwrap_or_else(|| panic!("no quote {start:?} in {texts:?}"));
    let name = |q: &brink_core::Quote| q.speaker.as_ref().map(|a| a.name.clone()).unwrap_or_default();

    let q = find("This is pure terror");
    assert!(name(q).contains("Zelensky"), "{:?}", q.speaker);
    assert_eq!(q.spans.len(), 2, "split by 'Zelensky wrote on Telegram.'");
    assert!(name(find("military infrastructure")).contains("Peskov"));
    let q = find("We have no plans");
    assert!(name(q).contains("Peskov"), "he → Peskov: {:?}", q.speaker);
    assert_eq!(q.spans.len(), 2);
    assert!(name(find("unacceptable")).contains("Guterres"));
    let q = find("It was a long night");
    assert_eq!(q.speaker.as_ref().map(|a| a.key.as_str()), Some("UKR"), "{:?}", q.speaker);
    assert!(!texts.contains(&"energy truce"), "an unattributed scare quote is not a quote");
    assert_eq!(direct.len(), 5, "{texts:?}");

    let ind: Vec<_> = doc.quotes.iter().filter(|q| q.kind == QuoteKind::Indirect).collect();
    assert!(ind.iter().any(|q| q.text.starts_with("Russia had launched") && name(q).contains("Zelensky")), "{ind:?}");
    assert!(!ind.iter().any(|q| q.text.contains("air force")), "no indirect quote for an unnamed official");
    // ids in text order
    for (i, q) in doc.quotes.iter().enumerate() {
        assert_eq!(q.id, format!("q{i}"));
    }
    assert!(doc.quotes.windows(2).all(|w| w[0].spans[0].start <= w[1].spans[0].start));
    // the appeal "The world must respond" / "urged" has no event target here but is a speech act
    assert!(direct.iter().any(|q| q.speech_act.is_some()));
}
