//! Closed word lists the events stage reasons with: prepositions, modality cues,
//! clause boundaries, weapon words. Kept together so they are easy to review.

/// A mention right after one of these is the object of a preposition, not a subject.
pub const PREPOSITIONS: &[&str] = &[
    "of", "in", "to", "on", "at", "with", "from", "for", "against", "by", "between", "over", "into", "toward",
    "towards", "about", "than", "like", "via", "through", "among", "under", "after", "before", "during", "across",
    "near", "including", "within", "without", "upon", "onto", "behind", "beyond", "amid", "amongst", "despite",
    "inside", "outside", "around",
];

/// Tokens that end the clause a trigger's object is searched in.
pub const CLAUSE_ENDS: &[&str] = &[
    ".", ";", ":", "!", "?", "but", "while", "although", "though", "whereas", "which", "who", "because", "since",
    "as", "when", "after", "before", "—", "–", "(", ")", "said", "says", "adding", "stressing", "saying",
];

/// Negation cues: the act did not happen.
pub const NEGATION: &[&str] = &[
    "not", "never", "no", "neither", "nor", "without", "n't", "cannot", "yet", "denied", "denies", "deny", "denying",
    "refrained", "refrain", "refraining",
];

/// Conditional or merely possible acts.
pub const HYPOTHETICAL: &[&str] = &[
    "if", "unless", "could", "might", "may", "would", "possibility", "potential", "possible", "potentially",
    "whether", "risk", "risks", "fear", "fears", "prevent", "preventing", "avert", "averting", "avoid", "avoiding",
    "deter", "deterring", "lest", "hypothetical", "case",
];

/// Planned or predicted acts.
pub const FUTURE: &[&str] = &[
    "will", "shall", "'ll", "expected", "expects", "expect", "plans", "planned", "planning", "plan", "set", "slated",
    "scheduled", "due", "pending", "anticipated", "prospective", "aims", "aim", "aiming", "aimed", "seek", "seeks",
    "seeking", "try", "tries", "trying", "intends", "intend", "intending", "preparing", "prepare", "prepares",
    "upcoming", "going", "next", "hopes", "efforts", "effort", "bid", "push", "proposal", "proposed", "initiative", "hope", "hoping", "wants", "want", "securing",
    "secure", "achieve", "achieving", "reach", "reaching", "broker", "brokering", "mediate", "mediating", "pursue",
    "pursuing", "resume", "resuming", "finalize", "finalizing", "nearing", "toward", "towards",
];

/// Verbs before "to + VERB" that still report a real act ("began to withdraw").
/// Verbs that take a bare infinitive of an intended act ("help fight", "let them attack").
pub const BARE_INFINITIVE_GOVERNORS: &[&str] = &["help", "helps", "helped", "helping", "let", "make", "makes"];

pub const COMPLETIVE: &[&str] = &["began", "begun", "started", "continued", "continues", "managed", "went", "used", "moved"];

/// Forms of "be" that make a following participle passive.
pub const BE_FORMS: &[&str] = &["is", "are", "was", "were", "been", "being", "be", "'s"];

/// Adverbs that may stand between "be" and a participle, or before a verb.
pub const ADVERBS: &[&str] = &[
    "also", "widely", "reportedly", "allegedly", "already", "repeatedly", "recently", "immediately", "publicly",
    "actively", "urgently", "previously", "successfully", "directly", "now", "still", "again", "just", "later",
    "then", "jointly", "formally", "officially", "strongly", "firmly", "quickly", "yet", "further", "first",
];

/// Words allowed between a modifier (an adjective such as "Israeli") and the noun it modifies.
pub const NOUN_MODIFIERS: &[&str] = &[
    "retaliatory", "direct", "joint", "deadly", "suspected", "alleged", "reported", "recent", "latest", "new",
    "first", "second", "last", "major", "massive", "large", "larger", "fresh", "renewed", "further", "planned",
    "pending", "potential", "possible", "cross-border", "ground", "military", "air", "missile", "drone", "rocket",
    "naval", "offensive", "counter", "full-scale", "all-out", "wider", "april", "january", "february", "march",
    "may", "june", "july", "august", "september", "october", "november", "december", "overnight", "integrated",
    "diplomatic", "unprecedented", "initial", "official", "continued", "ongoing", "brutal", "failed", "apparent",
    "constant", "intense", "close", "regular", "indirect", "secret", "high-level", "final", "serious", "lengthy",
    "private", "brief", "solid", "strong", "rhetorical", "public", "formal", "informal", "bilateral", "trilateral",
    "neighbouring", "neighboring", "nearby", "rival", "allied", "fellow", "senior", "top", "several", "some",
];

/// Words in a REQUEST's complement that give its mode.
pub const REQUEST_YIELD: &[&str] = &[
    "refrain", "restraint", "restrain", "restrained", "constrain", "halt", "stop", "cease", "ceasefire",
    "de-escalate", "de-escalation", "deescalate", "cautious", "calm", "compromise", "withdraw", "end", "escalation",
    "escalating", "back", "measured",
];
pub const REQUEST_ASSIST: &[&str] = &[
    "delivery", "deliver", "aid", "help", "support", "weapons", "assistance", "supply", "supplies", "jets", "arms",
    "encourage", "funding", "loan",
];
pub const REQUEST_MEET: &[&str] = &["talks", "negotiations", "return", "meet", "meeting", "attend", "dialogue"];

/// Weapon words that set an ASSAULT's mode, checked in order.
pub const ASSAULT_MODES: &[(&str, &[&str])] = &[
    ("suicide-attack", &["suicide"]),
    ("targeted", &["assassination", "assassinated", "assassinate", "assassinating"]),
    ("heavy-weapons", &["missiles", "missile", "rockets", "rocket", "artillery", "shelling", "shells", "mortar", "mortars", "ballistic"]),
    ("aerial", &["airstrike", "airstrikes", "air", "warplanes", "jets", "bombing", "bombed", "bombs", "bombers", "aerial"]),
    ("drone", &["drone", "drones", "uav", "uavs"]),
    ("explosives", &["bomb", "explosives", "ied", "explosion", "blast"]),
    ("firearms", &["gunmen", "gunfire", "shot", "shooting", "rifles", "sniper"]),
];

/// Where a modality window stops looking back: a cue before one of these belongs to another clause.
pub const MODALITY_BARRIERS: &[&str] = &[
    ".", ";", ":", ",", "but", "while", "although", "though", "whereas", "said", "says", "saying", "adding", "—", "–",
];

/// Words that say a ceasefire or truce actually exists, not that one is sought.
pub const REALIZED: &[&str] = &[
    "agreed", "agree", "agrees", "declared", "declare", "declares", "announced", "implemented", "effect", "holding",
    "held", "violated", "violating", "broke", "breach", "breached", "signed", "reached", "began", "collapsed",
    "extended", "ended",
];

/// Modal verbs right after an event noun ("Tehran's attack could be launched").
pub const NOUN_MODALS: &[(&str, &str)] = &[
    ("could", "hypothetical"), ("would", "hypothetical"), ("might", "hypothetical"), ("may", "hypothetical"),
    ("will", "future"), ("is", "?"), ("was", "?"),
];

/// Nouns between a country adjective and a verb that keep the adjective the verb's subject
/// ("Russian missiles and drones hit", "Chinese coast guard vessels fired").
pub const FORCE_NOUNS: &[&str] = &[
    "missiles", "missile", "drones", "drone", "rockets", "rocket", "jets", "warplanes", "aircraft", "artillery",
    "shells", "troops", "forces", "soldiers", "fighters", "gunboats", "ships", "vessels", "tanks", "strikes",
    "strike", "attacks", "attack", "coast", "guard", "navy", "police", "personnel", "units", "militia", "militias",
    "boats", "bombers", "helicopters", "air", "defence", "defense", "authorities", "officials", "and", "military",
];

/// Adjectives that may stand inside a coordination of actors ("Sudan's army and the
/// paramilitary Rapid Support Forces").
pub const JOIN_ADJECTIVES: &[&str] = &[
    "paramilitary", "rebel", "militant", "armed", "opposition", "ruling", "military", "separatist", "islamist",
    "jihadist", "neighbouring", "neighboring", "rival", "allied", "regional", "western", "senior",
];

/// Acts that several actors do with each other when no recipient is named ("X and Y met").
pub const SYMMETRIC_HEADS: &[&str] = &[
    "meet", "talk", "talks", "negotiate", "hold", "discuss", "sign", "agree", "clash", "fight", "cooperate",
    "exchange", "confer", "consult", "speak", "reconcile", "coordinate", "collaborate", "work",
];

/// Verbs of a reporting clause: an actor right before one is the reporter, not an object.
pub const REPORTING: &[&str] = &["said", "says", "told", "stated", "announced", "reported", "added", "confirmed"];

/// Words before "to + verb" that make the infinitive a commitment made now ("ready to defend").
pub const COMMITMENT: &[&str] = &[
    "ready", "prepared", "willing", "determined", "committed", "vowed", "pledged", "promised", "agreed", "offered",
    "vow", "pledge", "promise", "vows", "pledges", "promises", "going",
];

/// Nouns that name an attack, for condemnations of one ("condemned the strikes").
pub const ATTACK_NOUNS: &[&str] = &[
    "strike", "strikes", "attack", "attacks", "raid", "raids", "killing", "killings", "shelling", "bombing",
    "bombings", "assault", "offensive", "invasion", "airstrike", "airstrikes", "incursion",
];
