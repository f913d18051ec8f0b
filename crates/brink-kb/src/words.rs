//! Small word lists the matcher needs to avoid silent guesses.
//!
//! A surname or alias that is also an ordinary English word or a well-known place
//! ("Price", "Miller", "Austin", "Jordan", "Chad") must not resolve on its own: the
//! surname rule then requires the full name earlier in the document.

/// Lowercase English words that are also surnames, given names or aliases in news.
pub const COMMON_WORDS: &[&str] = &[
    "price", "miller", "baker", "bush", "brown", "young", "king", "rice", "rich", "love", "hope", "grant",
    "white", "black", "green", "gray", "grey", "short", "long", "little", "small", "strong", "major", "power",
    "powers", "best", "good", "hill", "wood", "woods", "stone", "lee", "law", "march", "may", "will", "mark",
    "bill", "rose", "page", "bell", "house", "hall", "lane", "moon", "star", "park", "chase", "case", "cook",
    "cooper", "turner", "walker", "fisher", "hunter", "carter", "mason", "porter", "wise", "frank", "noble",
    "chad", "niger", "jordan", "georgia", "turkey", "china", "guinea", "victoria", "chance", "faith", "justice",
    "said", "sharif", "abbas", "hassan", "ali", "khan", "pope", "dean", "gay", "sun", "rain", "snow", "winter",
    "summer", "spring", "fall", "cross", "church", "mills", "banks", "fields", "waters", "lords", "field",
    "day", "night", "gold", "silver", "steel", "fox", "wolf", "bird", "lamb", "swan", "crane", "nash",
    "sharp", "bond", "burns", "holmes", "christian", "islam", "israel", "paris", "london", "austin",
    "washington", "lincoln", "jackson", "houston", "dallas", "phoenix", "orlando", "charlotte", "aurora",
    "madison", "florence", "troy", "cleveland", "kent", "york", "rome", "sydney", "sale", "wall", "street",
    "speaker", "general", "marshal", "justice", "judge", "bishop", "dear", "guard", "boss", "chief",
];

/// Places that share a name with a KB surname or alias (US states and cities, rivers).
pub const PLACES: &[&str] = &[
    "austin", "jordan", "georgia", "washington", "lincoln", "jackson", "houston", "dallas", "phoenix",
    "orlando", "charlotte", "madison", "florence", "troy", "cleveland", "kent", "york", "paris", "victoria",
    "sydney", "niger", "chad", "lebanon", "mali", "cuba", "peru",
];

pub fn is_common_word(lower: &str) -> bool {
    COMMON_WORDS.contains(&lower) || PLACES.contains(&lower)
}
