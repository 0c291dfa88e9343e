//! Matching a name as written (any script) against an MRZ name field or another document.
//!
//! The verdicts, strongest first: equal; equal after transliteration (some legal rendering of
//! each side agrees); consistent with truncation (the MRZ field is full and each of its
//! identifiers is a prefix of a rendering); different, with the reason. A consonant-skeleton
//! comparison catches phonetic transcriptions (محمد / `MOHAMMED`) that Part 3 §6C cannot
//! produce; those stay "different" with a reason that asks for a person to decide.

use super::transliterate::mrz_renderings;

/// A person's name as written on a document or declared, in any script.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PersonName {
    /// Primary identifier (surname, family name).
    pub surname: String,
    /// Secondary identifier (given names).
    pub given_names: String,
}

/// How two names compare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameMatch {
    /// The same letters, ignoring case and separators.
    Equal,
    /// A legal Part 3 §6 rendering agrees; `rendering` is the agreeing `PRIMARY<<SECONDARY`.
    EqualAfterTransliteration {
        /// The rendering both sides share.
        rendering: String,
    },
    /// The MRZ field is full and its identifiers are prefixes of this rendering.
    ConsistentWithTruncation {
        /// The full rendering the truncated field is consistent with.
        rendering: String,
    },
    /// The names differ.
    Different {
        /// Why.
        reason: NameDifference,
    },
}

impl NameMatch {
    /// Whether the names may belong to the same person without a human decision.
    pub fn is_consistent(&self) -> bool {
        !matches!(self, NameMatch::Different { .. })
    }
}

/// Why two names differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameDifference {
    /// The same identifiers, but primary and secondary are swapped.
    SurnameAndGivenNamesSwapped,
    /// The consonants agree: probably a phonetic transcription rather than the Part 3 §6 one
    /// (common for Arabic names). A person must decide.
    PhoneticTranscriptionOnly,
    /// No rendering agrees.
    NoRenderingAgrees {
        /// The preferred rendering of the written name.
        expected: String,
        /// What the other side holds.
        found: String,
    },
}

/// Compares a written name with an MRZ name field as printed (e.g. `ERIKSSON<<ANNA<MARIA<<<`).
pub fn match_mrz_name(written: &PersonName, name_field: &str) -> NameMatch {
    let field_is_full = name_field.ends_with(|c: char| c.is_ascii_uppercase());
    let (primary, secondary) = split_field(name_field);
    let found = join(&primary, &secondary);
    if plain_form(written).as_deref() == Some(found.as_str()) {
        return NameMatch::Equal;
    }
    let candidates = candidates(written);
    if let Some((p, s)) = candidates
        .iter()
        .find(|(p, s)| *p == primary && *s == secondary)
    {
        return NameMatch::EqualAfterTransliteration {
            rendering: join(p, s),
        };
    }
    if field_is_full
        && let Some((p, s)) = candidates.iter().find(|(p, s)| {
            !primary.is_empty() && truncation_of(&primary, p) && truncation_of(&secondary, s)
        })
    {
        return NameMatch::ConsistentWithTruncation {
            rendering: join(p, s),
        };
    }
    let other = PersonName {
        surname: primary.replace('<', " "),
        given_names: secondary.replace('<', " "),
    };
    different(written, &other, &candidates, found)
}

/// Compares two written names, each in any script.
pub fn match_names(first: &PersonName, second: &PersonName) -> NameMatch {
    if let (Some(a), Some(b)) = (plain_form(first), plain_form(second))
        && a == b
    {
        return NameMatch::Equal;
    }
    let first_candidates = candidates(first);
    let second_candidates = candidates(second);
    if let Some((p, s)) = first_candidates
        .iter()
        .find(|pair| second_candidates.contains(pair))
    {
        return NameMatch::EqualAfterTransliteration {
            rendering: join(p, s),
        };
    }
    let found = second_candidates
        .first()
        .map_or_else(String::new, |(p, s)| join(p, s));
    different(first, second, &first_candidates, found)
}

fn different(
    written: &PersonName,
    other: &PersonName,
    candidates: &[(String, String)],
    found: String,
) -> NameMatch {
    let swapped = PersonName {
        surname: other.given_names.clone(),
        given_names: other.surname.clone(),
    };
    let swapped_candidates = self::candidates(&swapped);
    let reason = if !other.given_names.is_empty()
        && candidates
            .iter()
            .any(|pair| swapped_candidates.contains(pair))
    {
        NameDifference::SurnameAndGivenNamesSwapped
    } else if skeleton(written).is_some_and(|key| Some(key) == skeleton(other)) {
        NameDifference::PhoneticTranscriptionOnly
    } else {
        let expected = candidates
            .first()
            .map_or_else(String::new, |(p, s)| join(p, s));
        NameDifference::NoRenderingAgrees { expected, found }
    };
    NameMatch::Different { reason }
}

/// Whether `printed` can be a truncation of `full`: no more components, each a prefix of the
/// component in the same place. This covers a plain cut at the field's end (Part 4 §4.2.3.2)
/// as well as components shortened one by one (Part 4 §4.2.3.3(b)).
fn truncation_of(printed: &str, full: &str) -> bool {
    let mut full_components = full.split('<');
    printed.split('<').all(|component| {
        full_components
            .next()
            .is_some_and(|whole| !component.is_empty() && whole.starts_with(component))
    }) || printed.is_empty()
}

/// `PRIMARY<<SECONDARY`, or just `PRIMARY`.
fn join(primary: &str, secondary: &str) -> String {
    if secondary.is_empty() {
        primary.to_owned()
    } else {
        format!("{primary}<<{secondary}")
    }
}

fn split_field(field: &str) -> (String, String) {
    let trimmed = field.trim_end_matches('<');
    let (primary, secondary) = trimmed.split_once("<<").unwrap_or((trimmed, ""));
    (
        primary.to_owned(),
        secondary.trim_start_matches('<').to_owned(),
    )
}

/// The name in MRZ form when it is written in plain A–Z already (no transliteration needed).
fn plain_form(name: &PersonName) -> Option<String> {
    let part = |text: &str| -> Option<String> {
        let components: Vec<&str> = text
            .split([' ', '-', '<'])
            .filter(|c| !c.is_empty())
            .collect();
        components
            .iter()
            .all(|c| c.chars().all(|ch| ch.is_ascii_alphabetic()))
            .then(|| components.join("<").to_ascii_uppercase())
    };
    Some(join(&part(&name.surname)?, &part(&name.given_names)?))
}

fn candidates(name: &PersonName) -> Vec<(String, String)> {
    let primaries = mrz_renderings(&name.surname);
    let secondaries = mrz_renderings(&name.given_names);
    primaries
        .iter()
        .flat_map(|p| secondaries.iter().map(move |s| (p.clone(), s.clone())))
        .collect()
}

/// Consonant skeleton of a whole name: vowels, `W`, `Y`, the Arabic long-vowel carriers and
/// hamza dropped, emphatic and digraph consonants folded, doubled letters collapsed.
fn skeleton(name: &PersonName) -> Option<String> {
    let text = format!("{} {}", name.surname, name.given_names).to_uppercase();
    let mut folded = String::new();
    let characters: Vec<char> = text.chars().collect();
    for (index, &character) in characters.iter().enumerate() {
        let next = characters.get(index + 1).copied().unwrap_or(' ');
        let ends_component = !next.is_alphabetic();
        let letter = match character {
            'ب' => "B",
            'ت' | 'ث' | 'ط' => "T",
            'ج' => "J",
            'ح' | 'ه' => "H",
            'خ' => "K",
            'د' | 'ذ' | 'ض' => "D",
            'ر' => "R",
            'ز' | 'ظ' => "Z",
            'س' | 'ش' | 'ص' => "S",
            'غ' | 'گ' => "G",
            'ف' => "F",
            'ق' | 'ك' | 'ک' => "K",
            'ل' => "L",
            'م' => "M",
            'ن' => "N",
            'پ' => "P",
            'چ' => "C",
            'A' | 'E' | 'I' | 'O' | 'U' | 'W' | 'Y' => "",
            'H' if ends_component => "",
            'Q' | 'C' => "K",
            'P' if next == 'H' => "F",
            'H' if matches!(
                characters.get(index.wrapping_sub(1)),
                Some('K' | 'S' | 'T' | 'D' | 'G' | 'P' | 'C')
            ) =>
            {
                ""
            }
            'A'..='Z' => {
                folded.push(character);
                continue;
            }
            _ => "",
        };
        folded.push_str(letter);
    }
    let mut collapsed = String::new();
    for character in folded.chars() {
        if !collapsed.ends_with(character) {
            collapsed.push(character);
        }
    }
    (collapsed.len() >= 2).then_some(collapsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(surname: &str, given_names: &str) -> PersonName {
        PersonName {
            surname: surname.to_owned(),
            given_names: given_names.to_owned(),
        }
    }

    #[test]
    fn mrz_verdicts() {
        let field = "ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<";
        assert_eq!(
            match_mrz_name(&name("Eriksson", "Anna Maria"), field),
            NameMatch::Equal
        );
        assert_eq!(
            match_mrz_name(&name("Müller", "Jürgen"), "MUELLER<<JUERGEN<<<<<<<<<<<<<<"),
            NameMatch::EqualAfterTransliteration {
                rendering: "MUELLER<<JUERGEN".to_owned()
            }
        );
        assert!(
            match_mrz_name(&name("Müller", "Jürgen"), "MULLER<<JURGEN<<<<<<<<<<<<<<<")
                .is_consistent()
        );
        // Part 4 §4.6 truncation: the field is full and ends in a letter.
        assert_eq!(
            match_mrz_name(
                &name("Nilavadhanananda", "Chayapa Dejthamrong Krasuang"),
                "NILAVADHANANANDA<<CHAYAPA<DEJT"
            ),
            NameMatch::ConsistentWithTruncation {
                rendering: "NILAVADHANANANDA<<CHAYAPA<DEJTHAMRONG<KRASUANG".to_owned()
            }
        );
        assert_eq!(
            match_mrz_name(&name("Anna Maria", "Eriksson"), field),
            NameMatch::Different {
                reason: NameDifference::SurnameAndGivenNamesSwapped
            }
        );
        assert!(matches!(
            match_mrz_name(&name("Smith", "John"), field),
            NameMatch::Different {
                reason: NameDifference::NoRenderingAgrees { .. }
            }
        ));
    }

    #[test]
    fn icao_truncation_examples_are_consistent() {
        // Doc 9303 Part 4 §4.2.3.2(a), (b) and §4.2.3.3(b) (vectors as pinned by the MIT `mrz`
        // crate's tests/icao_vectors.rs).
        for (surname, given, field) in [
            (
                "Nilavadhanananda",
                "Chayapa Dejthamrong Krasuang",
                "NILAVADHANANANDA<<CHAYAPA<DEJTHAMRONG<K",
            ),
            (
                "Nilavadhanananda",
                "Arnpol Petch Charonguang",
                "NILAVADHANANANDA<<ARNPOL<PETCH<CHARONGU",
            ),
            (
                "Bennelong Wooloomooloo Warrandyte Warnambool",
                "Dingo Potoroo",
                "BENNELONG<WOOLOOM<WARRAND<WARNAM<<DINGO",
            ),
        ] {
            assert!(
                matches!(
                    match_mrz_name(&name(surname, given), field),
                    NameMatch::ConsistentWithTruncation { .. }
                ),
                "{field}"
            );
        }
        // Not a truncation: a component that is not a prefix.
        assert!(
            !match_mrz_name(
                &name("Nilavadhanananda", "Chayapa"),
                "NILAVADHANANANDA<<CHAYAPO<DEJTHAMRONG<K"
            )
            .is_consistent()
        );
    }

    #[test]
    fn arabic_names() {
        // Part 3 App. B.5: the X-scheme rendering matches; the phonetic one needs a person.
        assert!(matches!(
            match_mrz_name(&name("الرازي", "محمد"), "ALRAZY<<MXHMD<<<<<<<<<<<<<<<<<"),
            NameMatch::EqualAfterTransliteration { .. }
        ));
        assert_eq!(
            match_mrz_name(&name("الرازي", "محمد"), "ALRAZI<<MOHAMMED<<<<<<<<<<<<<<"),
            NameMatch::Different {
                reason: NameDifference::PhoneticTranscriptionOnly
            }
        );
        assert!(matches!(
            match_mrz_name(&name("الرازي", "محمد"), "HADDAD<<SAMIR<<<<<<<<<<<<<<<<<"),
            NameMatch::Different {
                reason: NameDifference::NoRenderingAgrees { .. }
            }
        ));
    }

    #[test]
    fn documents_against_each_other() {
        assert_eq!(
            match_names(&name("Öztürk", "Ayşe"), &name("OEZTUERK", "AYSE")),
            NameMatch::EqualAfterTransliteration {
                rendering: "OEZTUERK<<AYSE".to_owned()
            }
        );
        assert_eq!(
            match_names(&name("Ivanova", "Anna"), &name("IVANOVA", "ANNA")),
            NameMatch::Equal
        );
        assert!(matches!(
            match_names(&name("Иванова", "Анна"), &name("Ivanova", "Anna")),
            NameMatch::EqualAfterTransliteration { .. }
        ));
        assert!(!match_names(&name("Ivanova", "Anna"), &name("Petrova", "Anna")).is_consistent());
    }
}
