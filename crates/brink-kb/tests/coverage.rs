//! Coverage of the compiled-in KB (issue targets): ≥193 states with adjectives, ≥40 IGOs,
//! ≥60 groups, ≥400 people from ≥50 countries.

use std::collections::HashSet;

use brink_kb::{EntryKind, Kb};

#[test]
fn coverage_counts() {
    let kb = Kb::load(&[]).unwrap();
    let n = |k: EntryKind| kb.entries().iter().filter(|e| e.kind == k).count();
    let states_adj = kb.entries().iter().filter(|e| e.kind == EntryKind::State && !e.adjectives.is_empty()).count();
    let people = n(EntryKind::Person);
    let countries: HashSet<&str> =
        kb.entries().iter().filter(|e| e.kind == EntryKind::Person).flat_map(|e| e.roles.iter().filter_map(|r| r.country.as_deref())).collect();
    eprintln!(
        "states with adjectives {states_adj}, igos {}, groups {}, institutions {}, people {people} from {} countries",
        n(EntryKind::Igo),
        n(EntryKind::Group),
        n(EntryKind::Institution),
        countries.len()
    );
    assert!(states_adj >= 193);
    assert!(n(EntryKind::Igo) >= 40);
    assert!(n(EntryKind::Group) >= 60);
    assert!(people >= 400);
    assert!(countries.len() >= 50);
}

/// Load time is measured by `brink bench` (a benchmark, not a timed test: a timing
/// assertion fails whenever the machine is busy). This test checks that loading twice
/// gives the same knowledge base.
#[test]
fn loads_deterministically() {
    let a = Kb::load(&[]).unwrap();
    let b = Kb::load(&[]).unwrap();
    assert_eq!(a.entries().len(), b.entries().len());
    assert!(a.entries().iter().zip(b.entries()).all(|(x, y)| x.id == y.id));
}
