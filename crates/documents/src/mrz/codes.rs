//! The ICAO Doc 9303 Part 3 §5 code table for issuing states, organisations and nationalities.
//!
//! The table is ISO 3166-1 alpha-3 (as shipped by Debian's `iso-codes`) plus the codes that
//! Doc 9303 Part 3 §5 adds: `D` for Germany, the five British nationality classes, `RKS`, `EUE`,
//! the United Nations codes, the `X..` codes of other issuing organisations, the
//! `XXA`/`XXB`/`XXC`/`XXX` codes for persons without a defined nationality, the deprecated
//! `ANT`/`NTZ`, and the specimen codes `UTO` (Part 3 §5) and `YTO` (Part 3 Appendix A examples).
//! Codes are stored without their `<` padding (`D`, not `D<<`) and sorted for binary search.

/// What kind of entity a code names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CodeCategory {
    /// A state or territory (ISO 3166-1 alpha-3, `D`, `RKS`).
    State,
    /// A class of British national (`GBD`, `GBN`, `GBO`, `GBP`, `GBS`).
    BritishNationalityClass,
    /// An organisation that issues travel documents (`EUE`, `UNO`, `UNA`, `UNK`, `X..`, `IAO`).
    Organisation,
    /// A person without a defined nationality: stateless, refugee or unspecified (`XX?`).
    NoNationality,
    /// A code that ICAO has withdrawn (`ANT`, `NTZ`).
    Deprecated,
    /// A code for specimen documents only (`UTO`, `YTO`).
    Specimen,
}

/// One row of the code table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IssuerCode {
    /// The code without `<` padding.
    pub code: &'static str,
    /// English name of the state or organisation.
    pub name: &'static str,
    /// What kind of entity the code names.
    pub category: CodeCategory,
}

/// Looks up a three-character MRZ code field, ignoring trailing `<` padding.
pub fn lookup_code(field: &str) -> Option<&'static IssuerCode> {
    let code = field.trim_end_matches('<').as_bytes();
    let slot = dense_index(code)?;
    let row = *code_index().get(slot)?;
    CODE_TABLE.get(usize::from(row.checked_sub(1)?))
}

/// Codes are one to three capital letters: 27³ slots (0 for "no letter").
const INDEX_SLOTS: usize = 27 * 27 * 27;

/// The slot of a code of up to three capital letters, or `None` for anything else.
fn dense_index(code: &[u8]) -> Option<usize> {
    if code.is_empty() || code.len() > 3 {
        return None;
    }
    let mut slot = 0;
    for position in 0..3 {
        let digit = match code.get(position) {
            None => 0,
            Some(byte @ b'A'..=b'Z') => usize::from(byte - b'A') + 1,
            Some(_) => return None,
        };
        slot = slot * 27 + digit;
    }
    Some(slot)
}

/// Slot → table row + 1 (0 for "no such code"), built once.
fn code_index() -> &'static [u16] {
    static INDEX: std::sync::OnceLock<Vec<u16>> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = vec![0u16; INDEX_SLOTS];
        for (row, code) in CODE_TABLE.iter().enumerate() {
            if let (Some(slot), Ok(row)) =
                (dense_index(code.code.as_bytes()), u16::try_from(row + 1))
            {
                index[slot] = row;
            }
        }
        index
    })
}

/// Every code in the table, sorted by code.
pub fn code_table() -> &'static [IssuerCode] {
    CODE_TABLE
}

static CODE_TABLE: &[IssuerCode] = &[
    IssuerCode {
        code: "ABW",
        name: "Aruba",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "AFG",
        name: "Afghanistan",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "AGO",
        name: "Angola",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "AIA",
        name: "Anguilla",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "ALA",
        name: "Åland Islands",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "ALB",
        name: "Albania",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "AND",
        name: "Andorra",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "ANT",
        name: "Netherlands Antilles (deprecated)",
        category: CodeCategory::Deprecated,
    },
    IssuerCode {
        code: "ARE",
        name: "United Arab Emirates",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "ARG",
        name: "Argentina",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "ARM",
        name: "Armenia",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "ASM",
        name: "American Samoa",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "ATA",
        name: "Antarctica",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "ATF",
        name: "French Southern Territories",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "ATG",
        name: "Antigua and Barbuda",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "AUS",
        name: "Australia",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "AUT",
        name: "Austria",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "AZE",
        name: "Azerbaijan",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "BDI",
        name: "Burundi",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "BEL",
        name: "Belgium",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "BEN",
        name: "Benin",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "BES",
        name: "Bonaire, Sint Eustatius and Saba",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "BFA",
        name: "Burkina Faso",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "BGD",
        name: "Bangladesh",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "BGR",
        name: "Bulgaria",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "BHR",
        name: "Bahrain",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "BHS",
        name: "Bahamas",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "BIH",
        name: "Bosnia and Herzegovina",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "BLM",
        name: "Saint Barthélemy",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "BLR",
        name: "Belarus",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "BLZ",
        name: "Belize",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "BMU",
        name: "Bermuda",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "BOL",
        name: "Bolivia",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "BRA",
        name: "Brazil",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "BRB",
        name: "Barbados",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "BRN",
        name: "Brunei Darussalam",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "BTN",
        name: "Bhutan",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "BVT",
        name: "Bouvet Island",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "BWA",
        name: "Botswana",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "CAF",
        name: "Central African Republic",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "CAN",
        name: "Canada",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "CCK",
        name: "Cocos (Keeling) Islands",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "CHE",
        name: "Switzerland",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "CHL",
        name: "Chile",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "CHN",
        name: "China",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "CIV",
        name: "Côte d'Ivoire",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "CMR",
        name: "Cameroon",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "COD",
        name: "Congo, The Democratic Republic of the",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "COG",
        name: "Congo",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "COK",
        name: "Cook Islands",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "COL",
        name: "Colombia",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "COM",
        name: "Comoros",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "CPV",
        name: "Cabo Verde",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "CRI",
        name: "Costa Rica",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "CUB",
        name: "Cuba",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "CUW",
        name: "Curaçao",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "CXR",
        name: "Christmas Island",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "CYM",
        name: "Cayman Islands",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "CYP",
        name: "Cyprus",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "CZE",
        name: "Czechia",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "D",
        name: "Germany (ICAO code; Doc 9303 Part 3 §5)",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "DEU",
        name: "Germany",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "DJI",
        name: "Djibouti",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "DMA",
        name: "Dominica",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "DNK",
        name: "Denmark",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "DOM",
        name: "Dominican Republic",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "DZA",
        name: "Algeria",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "ECU",
        name: "Ecuador",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "EGY",
        name: "Egypt",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "ERI",
        name: "Eritrea",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "ESH",
        name: "Western Sahara",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "ESP",
        name: "Spain",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "EST",
        name: "Estonia",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "ETH",
        name: "Ethiopia",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "EUE",
        name: "European Union",
        category: CodeCategory::Organisation,
    },
    IssuerCode {
        code: "FIN",
        name: "Finland",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "FJI",
        name: "Fiji",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "FLK",
        name: "Falkland Islands (Malvinas)",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "FRA",
        name: "France",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "FRO",
        name: "Faroe Islands",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "FSM",
        name: "Micronesia, Federated States of",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "GAB",
        name: "Gabon",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "GBD",
        name: "British Overseas Territories Citizen",
        category: CodeCategory::BritishNationalityClass,
    },
    IssuerCode {
        code: "GBN",
        name: "British National (Overseas)",
        category: CodeCategory::BritishNationalityClass,
    },
    IssuerCode {
        code: "GBO",
        name: "British Overseas Citizen",
        category: CodeCategory::BritishNationalityClass,
    },
    IssuerCode {
        code: "GBP",
        name: "British Protected Person",
        category: CodeCategory::BritishNationalityClass,
    },
    IssuerCode {
        code: "GBR",
        name: "United Kingdom",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "GBS",
        name: "British Subject",
        category: CodeCategory::BritishNationalityClass,
    },
    IssuerCode {
        code: "GEO",
        name: "Georgia",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "GGY",
        name: "Guernsey",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "GHA",
        name: "Ghana",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "GIB",
        name: "Gibraltar",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "GIN",
        name: "Guinea",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "GLP",
        name: "Guadeloupe",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "GMB",
        name: "Gambia",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "GNB",
        name: "Guinea-Bissau",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "GNQ",
        name: "Equatorial Guinea",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "GRC",
        name: "Greece",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "GRD",
        name: "Grenada",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "GRL",
        name: "Greenland",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "GTM",
        name: "Guatemala",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "GUF",
        name: "French Guiana",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "GUM",
        name: "Guam",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "GUY",
        name: "Guyana",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "HKG",
        name: "Hong Kong",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "HMD",
        name: "Heard Island and McDonald Islands",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "HND",
        name: "Honduras",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "HRV",
        name: "Croatia",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "HTI",
        name: "Haiti",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "HUN",
        name: "Hungary",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "IAO",
        name: "International Civil Aviation Organization",
        category: CodeCategory::Organisation,
    },
    IssuerCode {
        code: "IDN",
        name: "Indonesia",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "IMN",
        name: "Isle of Man",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "IND",
        name: "India",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "IOT",
        name: "British Indian Ocean Territory",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "IRL",
        name: "Ireland",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "IRN",
        name: "Iran",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "IRQ",
        name: "Iraq",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "ISL",
        name: "Iceland",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "ISR",
        name: "Israel",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "ITA",
        name: "Italy",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "JAM",
        name: "Jamaica",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "JEY",
        name: "Jersey",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "JOR",
        name: "Jordan",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "JPN",
        name: "Japan",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "KAZ",
        name: "Kazakhstan",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "KEN",
        name: "Kenya",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "KGZ",
        name: "Kyrgyzstan",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "KHM",
        name: "Cambodia",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "KIR",
        name: "Kiribati",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "KNA",
        name: "Saint Kitts and Nevis",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "KOR",
        name: "South Korea",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "KWT",
        name: "Kuwait",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "LAO",
        name: "Laos",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "LBN",
        name: "Lebanon",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "LBR",
        name: "Liberia",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "LBY",
        name: "Libya",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "LCA",
        name: "Saint Lucia",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "LIE",
        name: "Liechtenstein",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "LKA",
        name: "Sri Lanka",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "LSO",
        name: "Lesotho",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "LTU",
        name: "Lithuania",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "LUX",
        name: "Luxembourg",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "LVA",
        name: "Latvia",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "MAC",
        name: "Macao",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "MAF",
        name: "Saint Martin (French part)",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "MAR",
        name: "Morocco",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "MCO",
        name: "Monaco",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "MDA",
        name: "Moldova",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "MDG",
        name: "Madagascar",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "MDV",
        name: "Maldives",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "MEX",
        name: "Mexico",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "MHL",
        name: "Marshall Islands",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "MKD",
        name: "North Macedonia",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "MLI",
        name: "Mali",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "MLT",
        name: "Malta",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "MMR",
        name: "Myanmar",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "MNE",
        name: "Montenegro",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "MNG",
        name: "Mongolia",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "MNP",
        name: "Northern Mariana Islands",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "MOZ",
        name: "Mozambique",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "MRT",
        name: "Mauritania",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "MSR",
        name: "Montserrat",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "MTQ",
        name: "Martinique",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "MUS",
        name: "Mauritius",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "MWI",
        name: "Malawi",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "MYS",
        name: "Malaysia",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "MYT",
        name: "Mayotte",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "NAM",
        name: "Namibia",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "NCL",
        name: "New Caledonia",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "NER",
        name: "Niger",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "NFK",
        name: "Norfolk Island",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "NGA",
        name: "Nigeria",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "NIC",
        name: "Nicaragua",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "NIU",
        name: "Niue",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "NLD",
        name: "Netherlands",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "NOR",
        name: "Norway",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "NPL",
        name: "Nepal",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "NRU",
        name: "Nauru",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "NTZ",
        name: "Neutral Zone (deprecated)",
        category: CodeCategory::Deprecated,
    },
    IssuerCode {
        code: "NZL",
        name: "New Zealand",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "OMN",
        name: "Oman",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "PAK",
        name: "Pakistan",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "PAN",
        name: "Panama",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "PCN",
        name: "Pitcairn",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "PER",
        name: "Peru",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "PHL",
        name: "Philippines",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "PLW",
        name: "Palau",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "PNG",
        name: "Papua New Guinea",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "POL",
        name: "Poland",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "PRI",
        name: "Puerto Rico",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "PRK",
        name: "North Korea",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "PRT",
        name: "Portugal",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "PRY",
        name: "Paraguay",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "PSE",
        name: "Palestine, State of",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "PYF",
        name: "French Polynesia",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "QAT",
        name: "Qatar",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "REU",
        name: "Réunion",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "RKS",
        name: "Kosovo",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "ROU",
        name: "Romania",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "RUS",
        name: "Russian Federation",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "RWA",
        name: "Rwanda",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "SAU",
        name: "Saudi Arabia",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "SDN",
        name: "Sudan",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "SEN",
        name: "Senegal",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "SGP",
        name: "Singapore",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "SGS",
        name: "South Georgia and the South Sandwich Islands",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "SHN",
        name: "Saint Helena, Ascension and Tristan da Cunha",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "SJM",
        name: "Svalbard and Jan Mayen",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "SLB",
        name: "Solomon Islands",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "SLE",
        name: "Sierra Leone",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "SLV",
        name: "El Salvador",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "SMR",
        name: "San Marino",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "SOM",
        name: "Somalia",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "SPM",
        name: "Saint Pierre and Miquelon",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "SRB",
        name: "Serbia",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "SSD",
        name: "South Sudan",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "STP",
        name: "Sao Tome and Principe",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "SUR",
        name: "Suriname",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "SVK",
        name: "Slovakia",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "SVN",
        name: "Slovenia",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "SWE",
        name: "Sweden",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "SWZ",
        name: "Eswatini",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "SXM",
        name: "Sint Maarten (Dutch part)",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "SYC",
        name: "Seychelles",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "SYR",
        name: "Syria",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "TCA",
        name: "Turks and Caicos Islands",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "TCD",
        name: "Chad",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "TGO",
        name: "Togo",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "THA",
        name: "Thailand",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "TJK",
        name: "Tajikistan",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "TKL",
        name: "Tokelau",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "TKM",
        name: "Turkmenistan",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "TLS",
        name: "Timor-Leste",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "TON",
        name: "Tonga",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "TTO",
        name: "Trinidad and Tobago",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "TUN",
        name: "Tunisia",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "TUR",
        name: "Türkiye",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "TUV",
        name: "Tuvalu",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "TWN",
        name: "Taiwan",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "TZA",
        name: "Tanzania",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "UGA",
        name: "Uganda",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "UKR",
        name: "Ukraine",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "UMI",
        name: "United States Minor Outlying Islands",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "UNA",
        name: "Specialized agency of the United Nations or one of its officials",
        category: CodeCategory::Organisation,
    },
    IssuerCode {
        code: "UNK",
        name: "Resident of Kosovo to whom a travel document has been issued by UNMIK",
        category: CodeCategory::Organisation,
    },
    IssuerCode {
        code: "UNO",
        name: "United Nations Organization or one of its officials",
        category: CodeCategory::Organisation,
    },
    IssuerCode {
        code: "URY",
        name: "Uruguay",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "USA",
        name: "United States",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "UTO",
        name: "Utopia (ICAO specimen documents)",
        category: CodeCategory::Specimen,
    },
    IssuerCode {
        code: "UZB",
        name: "Uzbekistan",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "VAT",
        name: "Holy See (Vatican City State)",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "VCT",
        name: "Saint Vincent and the Grenadines",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "VEN",
        name: "Venezuela",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "VGB",
        name: "Virgin Islands, British",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "VIR",
        name: "Virgin Islands, U.S.",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "VNM",
        name: "Vietnam",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "VUT",
        name: "Vanuatu",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "WLF",
        name: "Wallis and Futuna",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "WSM",
        name: "Samoa",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "XBA",
        name: "African Development Bank",
        category: CodeCategory::Organisation,
    },
    IssuerCode {
        code: "XCC",
        name: "Caribbean Community or one of its emissaries",
        category: CodeCategory::Organisation,
    },
    IssuerCode {
        code: "XCE",
        name: "Council of Europe",
        category: CodeCategory::Organisation,
    },
    IssuerCode {
        code: "XCO",
        name: "Common Market for Eastern and Southern Africa",
        category: CodeCategory::Organisation,
    },
    IssuerCode {
        code: "XDC",
        name: "Southern African Development Community",
        category: CodeCategory::Organisation,
    },
    IssuerCode {
        code: "XEC",
        name: "Economic Community of West African States",
        category: CodeCategory::Organisation,
    },
    IssuerCode {
        code: "XES",
        name: "Organisation of Eastern Caribbean States",
        category: CodeCategory::Organisation,
    },
    IssuerCode {
        code: "XIM",
        name: "African Export-Import Bank",
        category: CodeCategory::Organisation,
    },
    IssuerCode {
        code: "XMP",
        name: "Parliamentary Assembly of the Mediterranean",
        category: CodeCategory::Organisation,
    },
    IssuerCode {
        code: "XOM",
        name: "Sovereign Military Order of Malta or one of its emissaries",
        category: CodeCategory::Organisation,
    },
    IssuerCode {
        code: "XPO",
        name: "International Criminal Police Organization",
        category: CodeCategory::Organisation,
    },
    IssuerCode {
        code: "XXA",
        name: "Stateless person (1954 Convention)",
        category: CodeCategory::NoNationality,
    },
    IssuerCode {
        code: "XXB",
        name: "Refugee (1951 Convention and 1967 Protocol)",
        category: CodeCategory::NoNationality,
    },
    IssuerCode {
        code: "XXC",
        name: "Refugee (other than under the 1951 Convention)",
        category: CodeCategory::NoNationality,
    },
    IssuerCode {
        code: "XXX",
        name: "Person of unspecified nationality",
        category: CodeCategory::NoNationality,
    },
    IssuerCode {
        code: "YEM",
        name: "Yemen",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "YTO",
        name: "Specimen code used in Doc 9303 Part 3 Appendix A examples",
        category: CodeCategory::Specimen,
    },
    IssuerCode {
        code: "ZAF",
        name: "South Africa",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "ZMB",
        name: "Zambia",
        category: CodeCategory::State,
    },
    IssuerCode {
        code: "ZWE",
        name: "Zimbabwe",
        category: CodeCategory::State,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_unique() {
        assert!(
            CODE_TABLE
                .windows(2)
                .all(|pair| pair[0].code < pair[1].code)
        );
    }

    #[test]
    fn icao_additions_are_present() {
        // Doc 9303 Part 3 §5: codes beyond ISO 3166-1 that appear in migration caseloads.
        for code in [
            "D<<", "GBD", "GBN", "GBO", "GBP", "GBS", "RKS", "EUE", "UNO", "UNA", "UNK", "XBA",
            "XIM", "XCC", "XCE", "XCO", "XEC", "XPO", "XES", "XMP", "XOM", "XDC", "XXA", "XXB",
            "XXC", "XXX", "UTO",
        ] {
            assert!(lookup_code(code).is_some(), "{code} missing");
        }
        assert_eq!(
            lookup_code("XXA").map(|row| row.category),
            Some(CodeCategory::NoNationality)
        );
        assert_eq!(
            lookup_code("ANT").map(|row| row.category),
            Some(CodeCategory::Deprecated)
        );
        assert!(lookup_code("ZZZ").is_none());
        assert!(lookup_code("GB<").is_none());
    }
}
