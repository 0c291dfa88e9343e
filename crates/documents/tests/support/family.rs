//! A family-reunification case used by the completeness tests and the benchmark: six people,
//! five documents each, passports with real (emitted) machine-readable zones.

use documents::completeness::{DocumentRequirement, RequiredDocument};
use documents::mrz::{Format, MrzFields, emit_mrz};
use documents::names::PersonName;
use documents::records::{CaseContext, DeclaredPerson, DocumentRecord};
use jiff::civil::{Date, date};

pub(crate) struct Member {
    pub key: &'static str,
    pub surname: &'static str,
    pub given_names: &'static str,
    pub birth: Date,
    pub passport_number: &'static str,
}

pub(crate) const FAMILY: [Member; 6] = [
    Member {
        key: "sponsor",
        surname: "Haddad",
        given_names: "Samir",
        birth: date(1985, 3, 14),
        passport_number: "N01234567",
    },
    Member {
        key: "spouse",
        surname: "Haddad",
        given_names: "Layla",
        birth: date(1988, 7, 2),
        passport_number: "N07654321",
    },
    Member {
        key: "children[0]",
        surname: "Haddad",
        given_names: "Omar",
        birth: date(2012, 1, 30),
        passport_number: "N11112222",
    },
    Member {
        key: "children[1]",
        surname: "Haddad",
        given_names: "Mariam",
        birth: date(2015, 9, 9),
        passport_number: "N33334444",
    },
    Member {
        key: "children[2]",
        surname: "Haddad",
        given_names: "Yusuf",
        birth: date(2019, 12, 24),
        passport_number: "N55556666",
    },
    Member {
        key: "parent",
        surname: "Haddad",
        given_names: "Fatima",
        birth: date(1955, 5, 5),
        passport_number: "N77778888",
    },
];

pub(crate) const KINDS: [&str; 5] = [
    "passport",
    "birth_certificate",
    "police_certificate",
    "medical_certificate",
    "photo",
];

pub(crate) fn yymmdd(value: Date) -> String {
    format!(
        "{:02}{:02}{:02}",
        value.year() % 100,
        value.month(),
        value.day()
    )
}

pub(crate) fn passport_mrz(member: &Member, expiry: Date) -> String {
    let fields = MrzFields {
        format: Format::Td3,
        document_code: "P".to_owned(),
        issuing_state: "SYR".to_owned(),
        surname: member.surname.to_owned(),
        given_names: member.given_names.to_owned(),
        document_number: member.passport_number.to_owned(),
        nationality: "SYR".to_owned(),
        birth_date: yymmdd(member.birth),
        sex: '<',
        expiry_date: yymmdd(expiry),
        optional_data: String::new(),
        optional_data_2: String::new(),
    };
    emit_mrz(&fields)
        .map(|lines| lines.join("\n"))
        .unwrap_or_default()
}

pub(crate) fn context() -> CaseContext {
    CaseContext {
        application_date: date(2026, 11, 27),
        travel_date: Some(date(2027, 3, 1)),
        people: FAMILY
            .iter()
            .map(|member| DeclaredPerson {
                key: member.key.to_owned(),
                name: PersonName {
                    surname: member.surname.to_owned(),
                    given_names: member.given_names.to_owned(),
                },
                birth_date: Some(member.birth),
                nationalities: vec!["SYR".to_owned()],
            })
            .collect(),
    }
}

pub(crate) fn documents() -> Vec<DocumentRecord> {
    let mut documents = Vec::new();
    for member in &FAMILY {
        let name = PersonName {
            surname: member.surname.to_owned(),
            given_names: member.given_names.to_owned(),
        };
        let expiry = date(2030, 6, 30);
        for kind in KINDS {
            let mut record = DocumentRecord {
                id: format!("{}-{kind}", member.key),
                kind: kind.to_owned(),
                holder: member.key.to_owned(),
                holder_name: Some(name.clone()),
                birth_date: Some(member.birth),
                issued_on: Some(date(2026, 9, 1)),
                translated_into: vec!["de".to_owned()],
                legalised: true,
                ..DocumentRecord::default()
            };
            if kind == "passport" {
                record.issuing_state = Some("SYR".to_owned());
                record.number = Some(member.passport_number.to_owned());
                record.nationality = Some("SYR".to_owned());
                record.issued_on = Some(date(2025, 6, 30));
                record.expires_on = Some(expiry);
                record.mrz = Some(passport_mrz(member, expiry));
            }
            documents.push(record);
        }
    }
    documents
}

pub(crate) fn checklist() -> Vec<RequiredDocument> {
    let mut items = Vec::new();
    for member in &FAMILY {
        for kind in KINDS {
            let requirements = match kind {
                "passport" => vec![DocumentRequirement::ValidBeyondTravelMonths(3)],
                "birth_certificate" => vec![
                    DocumentRequirement::TranslatedInto("de".to_owned()),
                    DocumentRequirement::Legalised,
                ],
                "police_certificate" | "medical_certificate" => {
                    vec![DocumentRequirement::IssuedWithinMonths(6)]
                }
                _ => Vec::new(),
            };
            items.push(RequiredDocument {
                id: kind.to_owned(),
                person: member.key.to_owned(),
                title: kind.replace('_', " "),
                accepted_kinds: vec![kind.to_owned()],
                requirements,
                citation: "AufenthG § 29".to_owned(),
                conditional: false,
            });
        }
    }
    items
}
