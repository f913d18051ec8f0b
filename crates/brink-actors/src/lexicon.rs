//! Closed word lists for context decisions (verbs, prepositions, place nouns, honorifics).
//!
//! Kept small and explicit: each list answers one question the matcher asks about the word
//! next to a name ("does the capital act here?", "is this a place?").

/// Words after a name that show it acts or speaks ("Beirut said", "Tehran pressed").
pub const ACT_VERBS: &[&str] = &[
    "said", "says", "say", "told", "tells", "stated", "states", "announced", "announces", "warned", "warns", "urged",
    "urges", "pressed", "presses", "accused", "accuses", "called", "calls", "demanded", "demands", "insisted",
    "insists", "added", "adds", "noted", "rejected", "rejects", "denied", "denies", "confirmed", "confirms",
    "threatened", "threatens", "vowed", "vows", "responded", "responds", "replied", "asked", "asks", "has", "have",
    "had", "is", "was", "will", "would", "could", "should", "may", "might", "must", "can", "did", "does", "sent",
    "sends", "launched", "launches", "struck", "strikes", "attacked", "attacks", "signaled", "signalled", "signals",
    "blamed", "blames", "condemned", "condemns", "agreed", "agrees", "refused", "refuses", "wants", "believes",
    "hopes", "expects", "plans", "sees", "seeks", "considers", "reportedly", "also", "retaliated", "retaliates",
    "fired", "fires", "hit", "hits", "killed", "kills", "backed", "backs", "supports", "supported", "insisted",
    "offered", "offers", "proposed", "proposes", "pledged", "pledges", "promised", "promises", "and", "'s",
    "argued", "argues", "claimed", "claims", "declared", "declares", "said,", "wrote", "writes", "tweeted",
    "remains", "remained", "appears", "appeared", "continues", "continued", "intends", "intended",
];

/// Prepositions after which a name is a place ("in Beirut").
pub const LOCATIVE: &[&str] = &[
    "in", "into", "inside", "to", "from", "at", "near", "outside", "across", "over", "toward", "towards", "around",
    "through", "via", "throughout", "within", "off", "above", "beyond", "northern", "southern", "eastern",
    "western", "central",
];

/// Prepositions after which a *state* name is a place (narrower: "attacks on Israel" is a target).
pub const STATE_LOCATIVE: &[&str] = &["in", "inside", "across", "throughout", "within", "northern", "southern", "eastern", "western", "central"];

/// Nouns after a possessive capital that make it a place ("Beirut's southern suburbs").
pub const PLACE_NOUNS: &[&str] = &[
    "suburbs", "suburb", "southern", "northern", "eastern", "western", "central", "outskirts", "streets", "street",
    "airport", "port", "downtown", "center", "centre", "district", "districts", "neighborhood", "neighborhoods",
    "neighbourhood", "neighbourhoods", "skies", "sky", "old", "city", "residents", "hospitals", "hospital",
    "buildings", "skyline", "mayor", "metro", "markets", "market", "squares", "square", "university", "heart",
];

/// Lowercase words after a state name that do not make it a modifier of a following noun.
pub const FUNCTION_WORDS: &[&str] = &[
    "and", "or", "but", "to", "in", "on", "of", "for", "with", "that", "which", "who", "whom", "as", "at", "by",
    "from", "into", "after", "before", "about", "against", "over", "than", "if", "while", "since", "because",
    "so", "nor", "yet", "not", "also", "still", "now", "then", "again", "itself", "alone", "too", "is", "are",
    "was", "were", "be", "been", "being", "has", "have", "had", "will", "would", "could", "should", "may",
    "might", "must", "can", "do", "does", "did", "the", "a", "an", "this", "that", "these", "those", "its",
    "their", "his", "her", "under", "between", "amid", "during", "until", "toward", "towards", "via", "per",
    "last", "next", "this", "where", "when", "why", "how", "what", "through", "without", "within", "across",
];

/// Honorifics and ranks directly before a name ("Gen.", "Mr.", "Ayatollah").
pub const HONORIFICS: &[&str] = &[
    "mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr", "gen.", "general", "lt.", "col.", "maj.", "brig.", "adm.",
    "sgt.", "capt.", "sen.", "rep.", "gov.", "pres.", "prof.", "sheikh", "sheik", "ayatollah", "sayyed", "sayyid",
    "king", "queen", "prince", "emir", "sultan", "president", "prime", "minister", "secretary", "ambassador",
    "commander", "colonel", "admiral", "judge", "justice", "senator", "rabbi", "imam", "cardinal", "pope",
];

/// Capitalised words that never start or extend a person name.
pub const NOT_NAME: &[&str] = &[
    "the", "a", "an", "and", "but", "or", "in", "on", "at", "of", "for", "to", "by", "with", "from", "as", "it",
    "he", "she", "they", "we", "i", "you", "this", "that", "these", "those", "his", "her", "their", "our", "my",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan.", "feb.",
    "mar.", "apr.", "aug.", "sept.", "sep.", "oct.", "nov.", "dec.", "mr.", "mrs.", "ms.", "dr.", "if", "when",
    "while", "after", "before", "since", "but", "yet", "so", "there", "here", "what", "who", "why", "how", "where",
    "some", "many", "all", "both", "each", "no", "not", "more", "most", "other", "another", "such", "new", "north",
    "south", "east", "west", "middle", "gulf", "sea", "red", "strip", "bank", "river", "valley", "city", "street",
    "news", "times", "post", "press", "associated", "reuters", "agency", "times", "journal", "television", "tv",
    "radio", "online", "photo", "video", "getty", "images", "afp", "ap", "however", "meanwhile", "also", "still",
    "according", "asked", "said", "says", "read", "more", "related", "contact", "click", "sign", "subscribe",
    "council", "ministry", "house", "department", "forces", "force", "party", "movement", "front", "army",
    "republic", "kingdom", "union", "nations", "united", "states", "state", "university", "institute", "center",
    "centre", "foundation", "committee", "court", "office", "group", "organization", "organisation", "corps",
    "guard", "guards", "brigades", "brigade", "hospital", "airport", "port", "square", "mosque", "church",
    "day", "war", "summit", "conference", "talks", "plan", "deal", "accord", "agreement", "operation", "crisis",
];

pub fn has(list: &[&str], w: &str) -> bool {
    list.contains(&w)
}
