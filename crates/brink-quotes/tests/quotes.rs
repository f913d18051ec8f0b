//! Behaviour tests for the quotes stage on sentences written for these tests, with a small
//! local mention builder standing in for the actors stage.

use brink_core::{ActorKind, ActorRef, Document, Mention, MentionRule, Quote, QuoteKind, Span, Stage};
use brink_quotes::QuoteStage;

struct D {
    doc: Document,
}

fn actor(text: &str, key: &str, name: &str, kind: ActorKind) -> ActorRef {
    ActorRef {
        text: text.into(),
        key: key.into(),
        id: name.to_lowercase().replace(' ', "-"),
        name: name.into(),
        kind,
        country: (key.len() == 3 && key.chars().all(|c| c.is_ascii_uppercase())).then(|| key.to_string()),
        sector: Some("GOV".into()),
        role: None,
        role_from: None,
        role_to: None,
    }
}

impl D {
    fn new(text: &str) -> D {
        D { doc: Document::new("t", text) }
    }
    /// Marks every whole-word occurrence of `needle` as a mention of the actor.
    fn m(mut self, needle: &str, key: &str, name: &str, kind: ActorKind) -> D {
        let rule = if name.ends_with(needle) && name != needle && kind == ActorKind::Person {
            MentionRule::Surname(needle.into())
        } else {
            MentionRule::KbAlias(needle.into())
        };
        self.add(needle, key, name, kind, rule, false);
        self
    }
    fn place(mut self, needle: &str, key: &str) -> D {
        self.add(needle, key, needle, ActorKind::State, MentionRule::KbAlias(needle.into()), true);
        self
    }
    fn pronoun(mut self, needle: &str, key: &str, name: &str) -> D {
        self.add(needle, key, name, ActorKind::Person, MentionRule::Pronoun(needle.into()), false);
        self
    }
    /// A definite description the actors stage resolved by reference ("the council" → X).
    fn definite(mut self, needle: &str, key: &str, name: &str, kind: ActorKind) -> D {
        self.add(needle, key, name, kind, MentionRule::Pronoun(format!("{needle} → {name}")), false);
        self
    }
    fn add(&mut self, needle: &str, key: &str, name: &str, kind: ActorKind, rule: MentionRule, place: bool) {
        let text = self.doc.text.clone();
        let mut from = 0;
        while let Some(p) = text[from..].find(needle) {
            let s = from + p;
            let e = s + needle.len();
            from = e;
            let before_ok = text[..s].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            let after_ok = text[e..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            if !(before_ok && after_ok) {
                continue;
            }
            if self.doc.mentions.iter().any(|m| m.span.overlaps(Span::new(s, e))) {
                continue;
            }
            self.doc.mentions.push(Mention {
                span: Span::new(s, e),
                sentence: 0,
                actor: Some(actor(needle, key, name, kind)),
                candidates: vec![],
                rule: rule.clone(),
                confidence: 0.9,
                is_place: place,
                modifier: false,
            });
        }
        self.doc.mentions.sort_by_key(|m| m.span.start);
    }
    fn run(mut self) -> Document {
        QuoteStage::new().process(&mut self.doc);
        self.doc
    }
}

fn direct(d: &Document) -> Vec<&Quote> {
    d.quotes.iter().filter(|q| q.kind == QuoteKind::Direct).collect()
}
fn indirect(d: &Document) -> Vec<&Quote> {
    d.quotes.iter().filter(|q| q.kind == QuoteKind::Indirect).collect()
}
fn speaker(q: &Quote) -> Option<&str> {
    q.speaker.as_ref().map(|a| a.name.as_str())
}

const P: ActorKind = ActorKind::Person;

#[test]
fn cue_after_the_quote() {
    let d = D::new("“We will not back down,” Kallas said on Monday.").m("Kallas", "EST", "Kaja Kallas", P).run();
    let q = direct(&d);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].text, "We will not back down");
    assert_eq!(speaker(q[0]), Some("Kaja Kallas"));
    assert_eq!(q[0].rule, "cue-after");
    assert_eq!(q[0].cue.as_deref(), Some("said"));
    assert_eq!(q[0].id, "q0");
}

#[test]
fn inverted_cue_after_the_quote() {
    let d = D::new("“The border stays closed,” said Erdogan, speaking in Ankara.").m("Erdogan", "TUR", "Recep Tayyip Erdogan", P).run();
    assert_eq!(speaker(direct(&d)[0]), Some("Recep Tayyip Erdogan"));
}

#[test]
fn cue_before_with_colon_comma_and_told_reporters() {
    for t in [
        "Erdogan said: “The border stays closed.”",
        "Erdogan said late on Friday, “The border stays closed.”",
        "Erdogan told reporters “the border stays closed.”",
    ] {
        let d = D::new(t).m("Erdogan", "TUR", "Recep Tayyip Erdogan", P).run();
        let q = direct(&d);
        assert_eq!(q.len(), 1, "{t}");
        assert_eq!(speaker(q[0]), Some("Recep Tayyip Erdogan"), "{t}");
        assert_eq!(q[0].rule, "cue-before", "{t}");
    }
}

#[test]
fn quote_split_by_attribution_is_one_quote() {
    for t in [
        "“We are ready to talk,” Guterres said, “but only if the shelling stops.”",
        "“The talks failed,” Guterres said. “We will try again next week.”",
        "“Civilians must be protected,” Guterres said, adding that “the world is watching.”",
    ] {
        let d = D::new(t).m("Guterres", "UN", "António Guterres", P).run();
        let q = direct(&d);
        assert_eq!(q.len(), 1, "{t}: {:?}", q.iter().map(|x| &x.text).collect::<Vec<_>>());
        assert_eq!(q[0].spans.len(), 2, "{t}");
        assert_eq!(speaker(q[0]), Some("António Guterres"), "{t}");
    }
    let d = D::new("“We are ready to talk,” Guterres said, “but only if the shelling stops.”").m("Guterres", "UN", "António Guterres", P).run();
    assert_eq!(d.quotes[0].text, "We are ready to talk but only if the shelling stops.");
}

#[test]
fn two_attributed_quotes_stay_two() {
    let d = D::new("“We are ready,” Guterres said. “So are we,” Zelensky replied.")
        .m("Guterres", "UN", "António Guterres", P)
        .m("Zelensky", "UKR", "Volodymyr Zelensky", P)
        .run();
    let q = direct(&d);
    assert_eq!(q.len(), 2);
    assert_eq!(speaker(q[1]), Some("Volodymyr Zelensky"));
}

#[test]
fn quote_over_paragraphs_newswire_convention() {
    let d = D::new("Zelensky said: “We will rebuild every city and every village.\n\n“And we will not forget who destroyed them.”\n\nThe talks resume on Monday.")
        .m("Zelensky", "UKR", "Volodymyr Zelensky", P)
        .run();
    let q = direct(&d);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].spans.len(), 2);
    assert!(q[0].text.ends_with("who destroyed them."));
    assert_eq!(speaker(q[0]), Some("Volodymyr Zelensky"));
}

#[test]
fn messy_marks_closing_mark_opens_and_mismatched_pair() {
    let d = D::new("”Nothing will stop us,\" Sinwar said.\n\n\"Our fighters are ready,” Sinwar added.").m("Sinwar", "Hamas", "Yahya Sinwar", P).run();
    let q = direct(&d);
    assert_eq!(q.len(), 2);
    assert_eq!(q[0].text, "Nothing will stop us");
    assert_eq!(q[1].text, "Our fighters are ready");
    assert!(q.iter().all(|x| speaker(x) == Some("Yahya Sinwar")));
}

#[test]
fn single_quotes_are_quotes_but_apostrophes_are_not() {
    let d = D::new("Ruto said the deal was ‘a new dawn’ for the region.").m("Ruto", "KEN", "William Ruto", P).run();
    let q = direct(&d);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].text, "a new dawn");
    assert_eq!(speaker(q[0]), Some("William Ruto"));
    let d = D::new("Iran’s envoy didn’t meet O’Brien, and the parties’ positions haven’t changed since the ’90s.").run();
    assert!(d.quotes.is_empty(), "{:?}", d.quotes);
}

#[test]
fn unbalanced_quote_does_not_swallow_the_document() {
    let d = D::new("Putin said “the operation continues as planned.\n\nUkraine’s army said it repelled attacks near Kharkiv.\n\nMore fighting is expected.")
        .m("Putin", "RUS", "Vladimir Putin", P)
        .run();
    let q = direct(&d);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].text, "the operation continues as planned.");
    assert_eq!(speaker(q[0]), Some("Vladimir Putin"));
}

#[test]
fn pronoun_speaker_is_the_recent_subject_not_the_object() {
    let d = D::new("Guterres spoke with Zelensky by phone on Tuesday.\n\n“The shelling must stop,” he said.")
        .m("Guterres", "UN", "António Guterres", P)
        .m("Zelensky", "UKR", "Volodymyr Zelensky", P)
        .pronoun("he", "UKR", "Volodymyr Zelensky")
        .run();
    let q = direct(&d);
    assert_eq!(speaker(q[0]), Some("António Guterres"));
    assert_eq!(q[0].rule, "pronoun");
}

#[test]
fn pronoun_speaker_after_an_earlier_quote() {
    let d = D::new("“Europe will stand with Ukraine,” Kallas said.\n\nShe met officials of Moldova later.\n\n“We are not afraid,” she said.")
        .m("Kallas", "EST", "Kaja Kallas", P)
        .run();
    let q = direct(&d);
    assert_eq!(q.len(), 2);
    assert_eq!(speaker(q[1]), Some("Kaja Kallas"));
}

#[test]
fn pronoun_falls_back_to_the_actor_stage() {
    let d = D::new("“The shelling must stop,” he said.").pronoun("he", "UN", "António Guterres").run();
    assert_eq!(speaker(direct(&d)[0]), Some("António Guterres"));
}

#[test]
fn continuation_paragraph_takes_the_previous_speaker() {
    let d = D::new("“We will rebuild,” Zelensky said on Sunday.\n\n“The shelling of the power plant must stop immediately.”\n\nRussia denied it.")
        .m("Zelensky", "UKR", "Volodymyr Zelensky", P)
        .run();
    let q = direct(&d);
    assert_eq!(q.len(), 2);
    assert_eq!(speaker(q[1]), Some("Volodymyr Zelensky"));
    assert_eq!(q[1].rule, "continuation");
}

#[test]
fn according_to_a_readout() {
    let d = D::new("Lammy spoke with his Saudi counterpart “about the urgent need for a ceasefire,” according to a Foreign Office readout of the call.")
        .m("Lammy", "GBR", "David Lammy", P)
        .m("Foreign Office", "GBR", "Foreign, Commonwealth and Development Office", ActorKind::Institution)
        .run();
    let q = direct(&d);
    assert_eq!(q.len(), 1);
    assert_eq!(speaker(q[0]), Some("Foreign, Commonwealth and Development Office"));
    assert_eq!(q[0].rule, "according-to");
}

#[test]
fn unnamed_sources() {
    let d = D::new("A senior Egyptian official said the proposal was “a serious step.”")
        .m("Egyptian official", "EGY", "Egyptian official", ActorKind::Agent)
        .run();
    let q = direct(&d);
    assert_eq!(q[0].speaker.as_ref().map(|a| a.key.as_str()), Some("EGY"));
    assert!(indirect(&d).is_empty(), "no indirect quote for an unnamed official");

    let d = D::new("“The attack is imminent,” the sources said.").run();
    let q = direct(&d);
    assert_eq!(q.len(), 1);
    assert!(q[0].speaker.is_none());

    let d = D::new("A source close to Hamas said the group was “reviewing the proposal.”")
        .m("Hamas", "Hamas", "Hamas", ActorKind::Group)
        .run();
    assert!(direct(&d)[0].speaker.is_none(), "the group a source is close to is not the speaker");
}

#[test]
fn scare_quotes_and_titles_without_attribution_are_not_quotes() {
    let d = D::new("The so-called “buffer zone” now stretches for miles.").run();
    assert!(d.quotes.is_empty());
    let d = D::new("Rubio appeared on CBS’s “Face the Nation” on Sunday, saying that the talks were stalled.")
        .m("Rubio", "USA", "Marco Rubio", P)
        .run();
    assert!(direct(&d).is_empty(), "{:?}", d.quotes);
    let ind = indirect(&d);
    assert_eq!(ind.len(), 1);
    assert_eq!(ind[0].text, "the talks were stalled");
}

#[test]
fn attributed_scare_quotes_are_quotes() {
    let d = D::new("Lavrov called the sanctions “illegitimate” and vowed a response.").m("Lavrov", "RUS", "Sergei Lavrov", P).run();
    assert_eq!(speaker(direct(&d)[0]), Some("Sergei Lavrov"));
    let d = D::new("The army is conducting “targeted operations” in the north, Gallant said.").m("Gallant", "ISR", "Yoav Gallant", P).run();
    assert_eq!(speaker(direct(&d)[0]), Some("Yoav Gallant"));
    let d = D::new("Erdogan began by saying the strikes were “unacceptable” attacks on civilians.").m("Erdogan", "TUR", "Recep Tayyip Erdogan", P).run();
    assert_eq!(speaker(direct(&d)[0]), Some("Recep Tayyip Erdogan"));
}

#[test]
fn cue_words_inside_the_quote_are_ignored() {
    let d = D::new("“They said it would be fine,” Borrell told reporters.").m("Borrell", "EU", "Josep Borrell", P).run();
    assert_eq!(speaker(direct(&d)[0]), Some("Josep Borrell"));
}

#[test]
fn person_preferred_over_institution_and_apposition() {
    let d = D::new("White House spokesman John Kirby said, “We are watching closely.”")
        .m("White House", "USA", "White House", ActorKind::Institution)
        .m("John Kirby", "USA", "John Kirby", P)
        .run();
    assert_eq!(speaker(direct(&d)[0]), Some("John Kirby"));
    let d = D::new("John Kirby, the White House spokesman, told reporters that the talks were “constructive.”")
        .m("White House", "USA", "White House", ActorKind::Institution)
        .m("John Kirby", "USA", "John Kirby", P)
        .run();
    assert_eq!(speaker(direct(&d)[0]), Some("John Kirby"));
    assert!(indirect(&d).is_empty(), "the complement holds a direct quote");
}

#[test]
fn indirect_speech_with_and_without_that() {
    let d = D::new("Borrell said that all sides must respect the truce.").m("Borrell", "EU", "Josep Borrell", P).run();
    let q = indirect(&d);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].text, "all sides must respect the truce");
    assert_eq!(speaker(q[0]), Some("Josep Borrell"));
    assert_eq!(q[0].speech_act.as_deref(), Some("REQUEST"));

    let d = D::new("Borrell said the truce was holding.").m("Borrell", "EU", "Josep Borrell", P).run();
    assert_eq!(indirect(&d)[0].text, "the truce was holding");

    let d = D::new("Netanyahu's office said that the delegation would travel to Cairo.").m("Netanyahu", "ISR", "Benjamin Netanyahu", P).run();
    assert_eq!(speaker(indirect(&d)[0]), Some("Benjamin Netanyahu"));

    let d = D::new("Biden has told Netanyahu that the United States will not join an offensive.")
        .m("Biden", "USA", "Joe Biden", P)
        .m("Netanyahu", "ISR", "Benjamin Netanyahu", P)
        .run();
    assert_eq!(indirect(&d)[0].text, "the United States will not join an offensive");
    assert_eq!(speaker(indirect(&d)[0]), Some("Joe Biden"));
}

#[test]
fn no_indirect_quote_without_a_named_speaker() {
    for t in ["The sources said the truce was holding.", "Borrell said on Monday.", "Russia has built ties with Iran and has said it wants more."] {
        let d = D::new(t).m("Borrell", "EU", "Josep Borrell", P).m("Russia", "RUS", "Russia", ActorKind::State).m("Iran", "IRN", "Iran", ActorKind::State).run();
        assert!(indirect(&d).is_empty(), "{t}: {:?}", d.quotes);
    }
}

#[test]
fn nested_report_keeps_the_innermost_speaker() {
    let d = D::new("State media reported that Lukashenko said he discussed the plan with Putin.")
        .m("Lukashenko", "BLR", "Alexander Lukashenko", P)
        .m("Putin", "RUS", "Vladimir Putin", P)
        .run();
    let q = indirect(&d);
    assert_eq!(q.len(), 1);
    assert_eq!(speaker(q[0]), Some("Alexander Lukashenko"));
    assert_eq!(q[0].text, "he discussed the plan with Putin");
}

#[test]
fn speech_act_becomes_an_event() {
    let d = D::new("“We will defend Taiwan,” Austin said.")
        .m("Austin", "USA", "Lloyd Austin", P)
        .m("Taiwan", "TWN", "Taiwan", ActorKind::State)
        .run();
    let q = direct(&d);
    assert_eq!(q[0].speech_act.as_deref(), Some("AGREE"));
    assert_eq!(q[0].events, vec!["e0".to_string()]);
    let e = &d.events[0];
    assert_eq!(e.event_type, "AGREE");
    assert_eq!(e.source[0].key, "USA");
    assert_eq!(e.target[0].key, "TWN");
    assert_eq!(e.quote.as_deref(), Some("q0"));
    assert!(e.rule.starts_with("quote-act:"));
    assert_eq!(d.slice(e.trigger), "We will defend");
    assert_eq!(e.quad, 1);
    assert!(e.cameo.is_some());
}

#[test]
fn threats_from_cue_and_content() {
    let d = D::new("“Whoever attacks us will pay a heavy price,” Khamenei warned.").m("Khamenei", "IRN", "Ali Khamenei", P).run();
    assert_eq!(d.quotes[0].speech_act.as_deref(), Some("THREATEN"));
    assert_eq!(d.events[0].event_type, "THREATEN");
    let d = D::new("“Our answer will be swift and our response will be strong,” Khamenei said.").m("Khamenei", "IRN", "Ali Khamenei", P).run();
    assert_eq!(d.quotes[0].speech_act.as_deref(), Some("THREATEN"));
    let d = D::new("“We condemn the attack on the convoy,” the ministry said.").run();
    assert_eq!(d.quotes[0].speech_act.as_deref(), Some("ACCUSE"));
    assert!(d.events.is_empty(), "no event without a speaker");
    let d = D::new("“We do not condemn anyone,” Khamenei said.").m("Khamenei", "IRN", "Ali Khamenei", P).run();
    assert_eq!(d.quotes[0].speech_act, None, "negated act");
}

#[test]
fn odd_input_never_panics_and_stays_fast() {
    for t in ["\"", "“", "’", "\"\"", "“”", "‘’'", "a \" b “ c ” d ‘ e", "said", "according to", "“said,” said", "\n\n\"\n\n“\n", "é“ü”ß’", ".\".", ", said ,"] {
        let _ = D::new(t).run();
    }
    let mut big = String::new();
    for i in 0..3000 {
        big.push_str(&format!("“Part {i} goes on and on, Official said “unbalanced. Borrell said that all sides must talk, adding ‘maybe’.\n"));
    }
    let t = std::time::Instant::now();
    let d = D::new(&big).m("Borrell", "EU", "Josep Borrell", P).run();
    assert!(!d.quotes.is_empty());
    assert!(t.elapsed().as_secs_f64() < 5.0, "took {:?}", t.elapsed());
}

#[test]
fn relative_that_and_objects_are_not_reported_clauses() {
    for t in [
        "“We will win,” Petro said in a speech that was met with applause from supporters.",
        "Petro has urged restraint, cautioning against steps that could inflame the border.",
        "Petro announced a boycott of the summit set for next week.",
    ] {
        let d = D::new(t).m("Petro", "COL", "Gustavo Petro", P).run();
        assert!(indirect(&d).is_empty(), "{t}: {:?}", indirect(&d));
    }
}

#[test]
fn nouns_that_look_like_cues_are_not_cues_and_unknown_outlets_can_speak() {
    let d = D::new("Iran may strike the Jewish state “within days” in a joint operation, Axios reported on Wednesday.")
        .m("Iran", "IRN", "Iran", ActorKind::State)
        .run();
    let q = direct(&d);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].speaker.as_ref().map(|a| a.text.as_str()), Some("Axios"));
    assert_eq!(q[0].cue.as_deref(), Some("reported"));
}

#[test]
fn a_rejection_with_a_long_gap() {
    let d = D::new("“Nobody in the world can force us to surrender,” Houthi leader Abdul-Malik al-Houthi said.")
        .m("Abdul-Malik al-Houthi", "Houthis", "Abdul-Malik al-Houthi", P)
        .run();
    assert_eq!(d.quotes[0].speech_act.as_deref(), Some("REJECT"));
}

#[test]
fn the_official_refers_back_but_the_sources_do_not() {
    let d = D::new("A senior Ukrainian official said the air force was stretched. “It was a long night,” the official said.\n\nTwo Ukrainian sources described the damage. “It is bad,” the sources said.")
        .m("Ukrainian official", "UKR", "Ukrainian official", ActorKind::Agent)
        .m("Ukrainian sources", "UKR", "Ukrainian sources", ActorKind::Agent)
        .run();
    let q = direct(&d);
    assert_eq!(q[0].speaker.as_ref().map(|a| a.key.as_str()), Some("UKR"));
    assert!(q[1].speaker.is_none());
}

#[test]
fn a_sentence_after_a_closed_quote_is_not_its_attribution() {
    let d = D::new("Burhan vowed to “fight until the last rebel is defeated.” He said the army would not negotiate.")
        .m("Burhan", "SDN", "Abdel Fattah al-Burhan", P)
        .run();
    let q = direct(&d);
    assert_eq!(q[0].cue.as_deref(), Some("vowed"));
    assert_eq!(q[0].speech_act.as_deref(), Some("THREATEN"));
}

#[test]
fn coordinated_verb_takes_the_possessor_subject() {
    let d = D::new("Hemedti's forces have said they are open to talks but accused the army of “sabotaging” every initiative.")
        .m("Hemedti", "RSF", "Mohamed Hamdan Dagalo", P)
        .run();
    let q = direct(&d);
    assert_eq!(q.len(), 1);
    assert_eq!(speaker(q[0]), Some("Mohamed Hamdan Dagalo"));
}

#[test]
fn one_huge_paragraph_with_many_quotes_stays_linear() {
    let mut big = String::new();
    for i in 0..4000 {
        big.push_str(&format!("Borrell said that talks were “round {i}” and, adding that “all sides must talk,” Borrell told reporters, according to officials, "));
    }
    let t = std::time::Instant::now();
    let d = D::new(&big).m("Borrell", "EU", "Josep Borrell", P).run();
    assert!(d.quotes.len() > 1000);
    assert!(t.elapsed().as_secs_f64() < 10.0, "took {:?}", t.elapsed());
}

#[test]
fn inverted_cue_with_the_name_in_apposition() {
    let d = D::new("“We will not stop,” said the group’s leader, Abdul-Malik al-Houthi.")
        .m("Abdul-Malik al-Houthi", "Houthis", "Abdul-Malik al-Houthi", P)
        .run();
    assert_eq!(speaker(direct(&d)[0]), Some("Abdul-Malik al-Houthi"));
}

#[test]
fn a_question_is_not_a_request_and_headline_quotes_count() {
    let d = D::new("“Where are the hostages?” Netanyahu asked.").m("Netanyahu", "ISR", "Benjamin Netanyahu", P).run();
    assert_eq!(d.quotes[0].speech_act, None);
    let d = D::new("Iran vows 'crushing response' after strike\n\nThe strike hit the consulate.").m("Iran", "IRN", "Iran", ActorKind::State).run();
    assert_eq!(direct(&d).len(), 1);
    assert_eq!(d.quotes[0].speech_act.as_deref(), Some("THREATEN"));
}

#[test]
fn long_title_case_names_are_titles() {
    let d = D::new("The report, titled “Rising Tensions in the Red Sea and the Horn of Africa,” warned that shipping costs would rise.").run();
    assert!(d.quotes.iter().all(|q| q.kind == QuoteKind::Indirect || !q.text.starts_with("Rising")), "{:?}", d.quotes);
}

#[test]
fn places_are_not_speakers() {
    let d = D::new("“We are ready for winter,” officials in Kyiv said.").place("Kyiv", "UKR").run();
    let q = direct(&d);
    assert_eq!(q.len(), 1);
    assert!(q[0].speaker.is_none(), "{:?}", q[0].speaker);
}

#[test]
fn a_name_in_apposition_after_a_role_is_the_speaker() {
    let d = D::new("A police spokesman, Captain Lars Eriksen, told reporters that the convoy was “safe for now.”").run();
    assert_eq!(speaker(direct(&d)[0]), Some("Lars Eriksen"));
    let d = D::new("The mission's commander, Piet Jansen, told reporters that his men were “ready to move.”").run();
    assert_eq!(speaker(direct(&d)[0]), Some("Piet Jansen"));
}

#[test]
fn a_lone_name_takes_the_full_name_used_earlier() {
    let d = D::new("Trade minister Ana Silva arrived on Monday.\n\n“We will stay the course,” Ana said.").m("Ana Silva", "BRA", "Ana Silva", P).run();
    assert_eq!(speaker(direct(&d)[0]), Some("Ana Silva"));
    let d = D::new("Fleet commander Admiral Piet Jansen Jr. met the crews.\n\n“We hold the line,” Jansen said.").run();
    assert_eq!(speaker(direct(&d)[0]), Some("Piet Jansen Jr."));
}

#[test]
fn a_capitalised_modifier_is_not_a_name_but_an_institution_head_is() {
    let d = D::new("A senior Nordic diplomat cautioned that “the worst is not over.”").run();
    assert!(direct(&d)[0].speaker.is_none(), "{:?}", direct(&d)[0].speaker);
    let d = D::new("State radio said the rebels were “foreign agents” paid from abroad.").run();
    let q = direct(&d);
    assert!(q[0].named_speaker().is_some_and(|a| a.name == "State radio"), "{:?}", q[0].speaker);
}

#[test]
fn an_institution_agent_speaks_as_a_named_body_but_officials_stay_unnamed() {
    let d = D::new("Norway's coast guard said its crews had “secured the area” by noon.")
        .m("Norway's coast guard", "NOR", "Norway", ActorKind::Agent)
        .run();
    let q = direct(&d);
    assert_eq!(q[0].named_speaker().map(|a| a.name.as_str()), Some("Norway's coast guard"));
    assert_eq!(q[0].named_speaker().map(|a| a.key.as_str()), Some("NOR"));
    let d = D::new("Norwegian officials said the crews had “secured the area” by noon.")
        .m("Norwegian officials", "NOR", "Norway", ActorKind::Agent)
        .run();
    assert!(direct(&d)[0].named_speaker().is_none());
}

#[test]
fn he_after_a_titled_name_the_kb_lacks() {
    let d = D::new("“Peace is close,” Lindqvist said.\n\nDeputy Interior Minister Omar al-Farsi went further. “They will pay for this,” he said.")
        .m("Lindqvist", "SWE", "Ann Lindqvist", P)
        .run();
    assert_eq!(speaker(direct(&d)[1]), Some("Omar al-Farsi"));
    let d = D::new("“Peace is close,” Lindqvist said.\n\nMarco Vitale, a former army officer who leads the militia, spoke in a video. “We will resist,” he said.")
        .m("Lindqvist", "SWE", "Ann Lindqvist", P)
        .run();
    assert_eq!(speaker(direct(&d)[1]), Some("Marco Vitale"));
}

#[test]
fn it_is_the_body_that_was_the_subject() {
    let d = D::new("The Assembly met on Sunday. “We back the truce without conditions,” it said.").m("The Assembly", "XAS", "National Assembly", ActorKind::Institution).run();
    assert_eq!(speaker(direct(&d)[0]), Some("National Assembly"));
    let d = D::new("Norway launched what it called “a peace push” on Friday.").m("Norway", "NOR", "Norway", ActorKind::State).run();
    assert_eq!(speaker(direct(&d)[0]), Some("Norway"));
}

#[test]
fn a_definite_description_speaks_in_its_own_words() {
    let d = D::new("The council says it only targets “criminal” groups.").definite("council", "XCO", "Council of Elders", ActorKind::Institution).run();
    let q = direct(&d);
    assert_eq!(q[0].speaker.as_ref().map(|a| a.text.as_str()), Some("council"));
    assert_eq!(q[0].speaker.as_ref().map(|a| a.key.as_str()), Some("XCO"));
}

#[test]
fn a_second_sentence_after_the_attribution_continues_the_quote() {
    let d = D::new("“The vote was fair,” Kallas said in a statement released on Monday. “Anyone who says otherwise is spreading lies.”")
        .m("Kallas", "EST", "Kaja Kallas", P)
        .run();
    let q = direct(&d);
    assert_eq!(q.len(), 1, "{:?}", q.iter().map(|x| &x.text).collect::<Vec<_>>());
    assert_eq!(q[0].spans.len(), 2);
    assert!(q[0].text.ends_with("spreading lies."));
}

#[test]
fn a_coordinated_cue_after_a_relative_clause_takes_the_sentence_subject() {
    let d = D::new("Norway, which has hosted talks since 2020 and funded the mission, called for calm and urged both sides “to return to the table.”")
        .m("Norway", "NOR", "Norway", ActorKind::State)
        .run();
    assert_eq!(speaker(direct(&d)[0]), Some("Norway"));
}

#[test]
fn reported_clauses_that_open_with_a_number_or_follow_a_phrase_before_that() {
    let d = D::new("Kallas said 40 drones had been shot down overnight.").m("Kallas", "EST", "Kaja Kallas", P).run();
    assert_eq!(indirect(&d).first().map(|q| q.text.as_str()), Some("40 drones had been shot down overnight"));
    let d = D::new("The agency says more than 3,000 people have fled the valley.").m("The agency", "UNHCR", "UNHCR", ActorKind::Igo).run();
    assert_eq!(indirect(&d).first().map(|q| q.text.as_str()), Some("more than 3,000 people have fled the valley"));
    let d = D::new("Kallas said on social media that the talks would resume in May.").m("Kallas", "EST", "Kaja Kallas", P).run();
    assert_eq!(indirect(&d).first().map(|q| q.text.as_str()), Some("the talks would resume in May"));
}

#[test]
fn a_coordinated_saying_verb_reports_for_the_first_verbs_subject() {
    let d = D::new("Kallas, speaking in Tallinn on Friday, called the vote a farce and said the results would not be recognised.")
        .m("Kallas", "EST", "Kaja Kallas", P)
        .run();
    let ind = indirect(&d);
    assert_eq!(ind.len(), 1, "{ind:?}");
    assert_eq!(speaker(ind[0]), Some("Kaja Kallas"));
    assert_eq!(ind[0].text, "the results would not be recognised");
    let d = D::new("Kallas met the envoy and promised that the aid would arrive soon.").m("Kallas", "EST", "Kaja Kallas", P).run();
    assert!(indirect(&d).is_empty(), "a promise is an act, not a report: {:?}", indirect(&d));
}

#[test]
fn a_titled_name_the_kb_lacks_can_report_speech() {
    let d = D::new("Police chief Jan Novak said the officers would patrol the port at night.").run();
    let ind = indirect(&d);
    assert_eq!(ind.len(), 1, "{ind:?}");
    assert_eq!(speaker(ind[0]), Some("Jan Novak"));
    let d = D::new("Officials said the officers would patrol the port at night.").run();
    assert!(indirect(&d).is_empty());
}

#[test]
fn a_denial_is_a_negated_act_not_reported_speech() {
    let d = D::new("Norway has denied that its ships entered the disputed zone.").m("Norway", "NOR", "Norway", ActorKind::State).run();
    assert!(indirect(&d).is_empty(), "{:?}", indirect(&d));
}
