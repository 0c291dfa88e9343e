//! The fixed vocabularies a practice is described with: the 23 objectives and 10 guiding
//! principles of the Global Compact for Migration (A/RES/73/195 paras 15–16), migration stages,
//! regions, types of practice, evidence strengths and the languages the index can analyse.
//!
//! Codes are stable wire values; people see them through Fluent keys (`practice-<kind>-<code>`).

/// GCM objectives are numbered 1 to 23.
pub const OBJECTIVES: std::ops::RangeInclusive<u8> = 1..=23;

/// The ten guiding principles (para 15 (a)–(j)).
pub const PRINCIPLES: [&str; 10] = [
    "people_centred",
    "international_cooperation",
    "national_sovereignty",
    "rule_of_law",
    "sustainable_development",
    "human_rights",
    "gender_responsive",
    "child_sensitive",
    "whole_of_government",
    "whole_of_society",
];

/// Where in a migration the practice acts.
pub const STAGES: [&str; 3] = ["before", "during", "after"];

/// The Hub's regions.
pub const REGIONS: [&str; 5] = ["africa", "americas", "asia", "europe", "oceania"];

pub const PRACTICE_TYPES: [&str; 6] = [
    "law_or_policy",
    "programme",
    "service",
    "tool",
    "partnership",
    "research",
];

/// How well the practice's results are known, weakest first.
pub const EVIDENCE_STRENGTHS: [&str; 4] = [
    "anecdotal",
    "monitored",
    "evaluated",
    "rigorously_evaluated",
];

/// Languages a practice may be written in. Each has its own analyser in the search index.
pub const LANGUAGES: [&str; 9] = ["en", "fr", "es", "ar", "de", "pt", "ru", "tr", "it"];

/// ISO 3166-1 alpha-2 codes in use, checked by shape and against this list.
pub fn is_country_code(code: &str) -> bool {
    code.len() == 2 && COUNTRY_CODES.split(' ').any(|known| known == code)
}

const COUNTRY_CODES: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ \
BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ \
DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT \
GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY \
KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX \
MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS \
RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN \
TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

/// A dimension a search can be narrowed by and counted over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FacetKind {
    Objective,
    Principle,
    Region,
    Country,
    Stage,
    PracticeType,
    Evidence,
    Year,
    Language,
}

impl FacetKind {
    pub const ALL: [FacetKind; 9] = [
        FacetKind::Objective,
        FacetKind::Principle,
        FacetKind::Region,
        FacetKind::Country,
        FacetKind::Stage,
        FacetKind::PracticeType,
        FacetKind::Evidence,
        FacetKind::Year,
        FacetKind::Language,
    ];

    /// The query parameter and index field name.
    pub fn as_str(self) -> &'static str {
        match self {
            FacetKind::Objective => "objective",
            FacetKind::Principle => "principle",
            FacetKind::Region => "region",
            FacetKind::Country => "country",
            FacetKind::Stage => "stage",
            FacetKind::PracticeType => "type",
            FacetKind::Evidence => "evidence",
            FacetKind::Year => "year",
            FacetKind::Language => "language",
        }
    }

    pub fn parse(text: &str) -> Option<FacetKind> {
        FacetKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == text)
    }

    /// The Fluent key naming a value of this facet, or `None` when the value is shown as is
    /// (countries and years).
    pub fn value_label_key(self, value: &str) -> Option<String> {
        match self {
            FacetKind::Country | FacetKind::Year => None,
            _ => Some(format!("practice-{}-{value}", self.as_str())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facet_kinds_round_trip_through_their_names() {
        for kind in FacetKind::ALL {
            assert_eq!(FacetKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(FacetKind::parse("colour"), None);
    }

    #[test]
    fn country_codes_are_checked_against_the_list() {
        assert!(is_country_code("DE"));
        assert!(is_country_code("EC"));
        assert!(!is_country_code("XX"));
        assert!(!is_country_code("D"));
        assert!(!is_country_code("DE AE"));
    }
}
