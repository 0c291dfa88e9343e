//! Completeness reports and their plain-language summaries, on a six-person family case.

mod support;

use documents::completeness::{ItemStatus, Verdict, completeness_report};
use documents::names::NameDifference;
use documents::records::{DocumentNumberLookup, Finding, NoRegister, RecordField};
use documents::summary::{SUMMARY_LANGUAGES, missing_messages, render_summary};
use jiff::civil::date;
use support::family;

fn status_of<'a>(
    report: &'a documents::completeness::CompletenessReport,
    person: &str,
    id: &str,
) -> &'a ItemStatus {
    let item = report
        .items
        .iter()
        .find(|item| item.item.person == person && item.item.id == id);
    match item {
        Some(item) => &item.status,
        None => panic!("no item {person}/{id}"),
    }
}

#[test]
fn a_complete_family_file_is_complete() {
    let report = completeness_report(
        &family::checklist(),
        &family::documents(),
        &family::context(),
        &NoRegister,
    );
    let problems: Vec<_> = report
        .items
        .iter()
        .filter(|item| item.status != ItemStatus::Satisfied)
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(report.verdict, Verdict::Complete);
    assert_eq!(report.items.len(), 30);
}

#[test]
fn each_kind_of_problem_is_reported_on_its_item() {
    let mut documents = family::documents();
    let by_id = |documents: &mut Vec<documents::records::DocumentRecord>, id: &str| -> usize {
        documents
            .iter()
            .position(|document| document.id == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    // Missing: Omar's photo.
    let photo = by_id(&mut documents, "children[0]-photo");
    documents.remove(photo);
    // Expires too soon: Layla's passport (record and MRZ agree on the early expiry).
    let passport = by_id(&mut documents, "spouse-passport");
    documents[passport].expires_on = Some(date(2027, 4, 1));
    documents[passport].mrz = Some(family::passport_mrz(&family::FAMILY[1], date(2027, 4, 1)));
    // Too old: the sponsor's police certificate.
    let police = by_id(&mut documents, "sponsor-police_certificate");
    documents[police].issued_on = Some(date(2025, 1, 1));
    // Birth date differs from the declared one: Mariam's birth certificate.
    let birth = by_id(&mut documents, "children[1]-birth_certificate");
    documents[birth].birth_date = Some(date(2015, 9, 19));
    // MRZ number contradicts the record: Yusuf's passport.
    let yusuf = by_id(&mut documents, "children[2]-passport");
    documents[yusuf].number = Some("N55556667".to_owned());
    // Translation missing: Fatima's birth certificate.
    let fatima = by_id(&mut documents, "parent-birth_certificate");
    documents[fatima].translated_into.clear();
    let report = completeness_report(
        &family::checklist(),
        &documents,
        &family::context(),
        &NoRegister,
    );
    assert_eq!(report.verdict, Verdict::Incomplete);
    assert_eq!(
        status_of(&report, "children[0]", "photo"),
        &ItemStatus::Missing
    );
    assert_eq!(
        status_of(&report, "spouse", "passport"),
        &ItemStatus::Invalid(vec![Finding::ExpiresTooSoon { months: 3 }])
    );
    assert_eq!(
        status_of(&report, "sponsor", "police_certificate"),
        &ItemStatus::Invalid(vec![Finding::TooOld { months: 6 }])
    );
    assert_eq!(
        status_of(&report, "children[1]", "birth_certificate"),
        &ItemStatus::Invalid(vec![Finding::BirthDateDiffers])
    );
    assert_eq!(
        status_of(&report, "children[2]", "passport"),
        &ItemStatus::Invalid(vec![Finding::MrzContradictsRecord {
            field: RecordField::Number
        }])
    );
    assert_eq!(
        status_of(&report, "parent", "birth_certificate"),
        &ItemStatus::Invalid(vec![Finding::TranslationMissing {
            language: "de".to_owned()
        }])
    );
    assert_eq!(report.counts(), [24, 1, 5, 0]);
}

struct Register;

impl DocumentNumberLookup for Register {
    fn other_holders(&self, issuing_state: &str, number: &str, holder: &str) -> Vec<String> {
        if issuing_state == "SYR" && number == "N01234567" && holder == "sponsor" {
            vec!["case FR-DEU-2025-000042 / principal".to_owned()]
        } else {
            Vec::new()
        }
    }
}

#[test]
fn reviews_do_not_block_but_are_not_complete() {
    let mut documents = family::documents();
    // An Arabic-script name on the birth certificate that is a phonetic match only.
    let sponsor_birth = documents
        .iter()
        .position(|d| d.id == "sponsor-birth_certificate")
        .unwrap_or(0);
    documents[sponsor_birth].holder_name = Some(documents::names::PersonName {
        surname: "حداد".to_owned(),
        given_names: "سمير".to_owned(),
    });
    let report = completeness_report(
        &family::checklist(),
        &documents,
        &family::context(),
        &Register,
    );
    assert_eq!(report.verdict, Verdict::NeedsReview);
    assert_eq!(
        status_of(&report, "sponsor", "birth_certificate"),
        &ItemStatus::NeedsReview(vec![Finding::NameDiffers {
            reason: NameDifference::PhoneticTranscriptionOnly
        }])
    );
    assert_eq!(
        status_of(&report, "sponsor", "passport"),
        &ItemStatus::NeedsReview(vec![Finding::NumberUsedByAnotherPerson {
            other_holder: "case FR-DEU-2025-000042 / principal".to_owned()
        }])
    );
}

#[test]
fn summaries_read_in_english_and_arabic() {
    let mut documents = family::documents();
    documents.retain(|document| document.id != "children[0]-photo");
    let police = documents
        .iter()
        .position(|d| d.id == "sponsor-police_certificate")
        .unwrap_or(0);
    documents[police].issued_on = Some(date(2025, 1, 1));
    let context = family::context();
    let report = completeness_report(&family::checklist(), &documents, &context, &NoRegister);
    let english = render_summary(&report, &context, "en");
    let strip = |text: &str| text.replace(['\u{2068}', '\u{2069}'], "");
    assert_eq!(
        strip(&english.headline),
        "The application is not complete yet: 1 missing, 1 not acceptable, 0 to check (of 30 documents)."
    );
    let items = english
        .items
        .iter()
        .map(|item| strip(item))
        .collect::<Vec<_>>();
    assert!(
        items.contains(&"Omar Haddad: photo is missing. Required by AufenthG § 29.".to_owned()),
        "{items:#?}"
    );
    assert!(items.contains(
        &"Samir Haddad: police certificate cannot be accepted: it must have been issued within the last 6 months. Required by AufenthG § 29."
            .to_owned()
    ));
    let arabic = render_summary(&report, &context, "ar-SY");
    assert_eq!(arabic.language, "ar");
    assert!(arabic.right_to_left);
    assert_eq!(
        strip(&arabic.headline),
        "الطلب غير مكتمل بعد: ناقص 1، غير مقبول 1، للمراجعة 0 (من أصل 30 مستندات)."
    );
    assert!(
        arabic
            .items
            .iter()
            .any(|item| strip(item) == "Omar Haddad: photo غير موجود. مطلوب بموجب AufenthG § 29.")
    );
    assert!(
        arabic
            .items
            .iter()
            .any(|item| strip(item).contains("يجب أن يكون صادرًا خلال آخر 6 أشهر"))
    );
    // Unknown languages fall back to English.
    assert_eq!(render_summary(&report, &context, "ti").language, "en");
}

#[test]
fn every_bundle_parses_and_english_and_arabic_are_complete() {
    for language in SUMMARY_LANGUAGES {
        assert_eq!(
            missing_messages(language),
            Vec::<String>::new(),
            "{language}"
        );
    }
}

#[test]
fn a_record_with_only_an_mrz_is_checked_through_its_mrz() {
    let mut documents = family::documents();
    let index = documents
        .iter()
        .position(|d| d.id == "children[1]-passport")
        .unwrap_or(0);
    let mariam = &family::FAMILY[3];
    let wrong_birth = family::Member {
        birth: date(2015, 9, 19),
        ..family::FAMILY[3]
    };
    let record = &mut documents[index];
    record.birth_date = None;
    record.nationality = None;
    record.holder_name = None;
    record.expires_on = None;
    record.number = None;
    record.mrz = Some(family::passport_mrz(&wrong_birth, date(2026, 1, 31)));
    let report = completeness_report(
        &family::checklist(),
        &documents,
        &family::context(),
        &NoRegister,
    );
    assert_eq!(
        status_of(&report, "children[1]", "passport"),
        &ItemStatus::Invalid(vec![
            Finding::Expired,
            Finding::BirthDateDiffers,
            Finding::ExpiresTooSoon { months: 3 }
        ])
    );
    // The same MRZ with the declared birth date and a later expiry passes.
    documents[index].mrz = Some(family::passport_mrz(mariam, date(2030, 6, 30)));
    let report = completeness_report(
        &family::checklist(),
        &documents,
        &family::context(),
        &NoRegister,
    );
    assert_eq!(
        status_of(&report, "children[1]", "passport"),
        &ItemStatus::Satisfied
    );
}
