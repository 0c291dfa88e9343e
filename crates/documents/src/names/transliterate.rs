//! ICAO Doc 9303 Part 3 §6 transliteration: Table A (Latin with diacritics), Table B (Cyrillic)
//! and Table C (Arabic, with the Persian letters), each character mapped to its legal renderings.
//!
//! Table C values follow Part 3 Appendix B.5 (the X-escape scheme based on Buckwalter, `X`
//! placed before the letter it modifies). Harakat, shadda and tatweel are not written. Where the
//! tables give language-dependent values (Cyrillic `Г` as `G` or `H`), every value is a rendering.

/// The most renderings [`mrz_renderings`] returns for one name (the product can explode).
pub const MAX_RENDERINGS: usize = 64;

/// One character's legal renderings; an empty string means "not written".
fn renderings_of(character: char) -> Option<&'static [&'static str]> {
    let options: &'static [&'static str] = match character {
        'A'..='Z' => return None,
        // Table A: Latin characters with diacritics (Part 3 §6A).
        'À' | 'Á' | 'Â' | 'Ã' | 'Ā' | 'Ă' | 'Ą' => &["A"],
        'Ä' => &["AE", "A"],
        'Å' => &["AA", "A"],
        'Æ' => &["AE"],
        'Ç' | 'Ć' | 'Ĉ' | 'Ċ' | 'Č' => &["C"],
        'Ð' | 'Ď' | 'Đ' => &["D"],
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ĕ' | 'Ė' | 'Ę' | 'Ě' => &["E"],
        'Ĝ' | 'Ğ' | 'Ġ' | 'Ģ' => &["G"],
        'Ĥ' | 'Ħ' => &["H"],
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ĩ' | 'Ī' | 'Ĭ' | 'Į' | 'İ' => &["I"],
        'Ĳ' => &["IJ"],
        'Ĵ' => &["J"],
        'Ķ' => &["K"],
        'Ĺ' | 'Ļ' | 'Ľ' | 'Ŀ' | 'Ł' => &["L"],
        'Ñ' => &["N", "NXX"],
        'Ń' | 'Ņ' | 'Ň' | 'Ŋ' => &["N"],
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ō' | 'Ŏ' | 'Ő' => &["O"],
        'Ö' => &["OE", "O"],
        'Ø' | 'Œ' => &["OE"],
        'Ŕ' | 'Ŗ' | 'Ř' => &["R"],
        'Ś' | 'Ŝ' | 'Ş' | 'Š' | 'Ș' => &["S"],
        'ẞ' => &["SS"],
        'Ţ' | 'Ť' | 'Ŧ' | 'Ț' => &["T"],
        'Þ' => &["TH"],
        'Ù' | 'Ú' | 'Û' | 'Ũ' | 'Ū' | 'Ŭ' | 'Ů' | 'Ű' | 'Ų' => &["U"],
        'Ü' => &["UE", "UXX", "U"],
        'Ŵ' => &["W"],
        'Ý' | 'Ŷ' | 'Ÿ' => &["Y"],
        'Ź' | 'Ż' | 'Ž' => &["Z"],
        // Table B: Cyrillic (Part 3 §6B); language variants are alternatives.
        'А' => &["A"],
        'Б' => &["B"],
        'В' => &["V"],
        'Г' => &["G", "H"],
        'Ґ' | 'Ѓ' => &["G"],
        'Д' | 'Ђ' => &["D"],
        'Е' => &["E"],
        'Ё' => &["E", "IO"],
        'Є' => &["IE", "YE"],
        'Ж' => &["ZH"],
        'З' => &["Z"],
        'Ѕ' | 'Џ' => &["DZ"],
        'И' => &["I", "Y"],
        'І' | 'Й' => &["I"],
        'Ї' => &["I", "YI"],
        'Ј' => &["J"],
        'К' | 'Ќ' => &["K"],
        'Л' => &["L"],
        'Љ' => &["LJ"],
        'М' => &["M"],
        'Н' => &["N"],
        'Њ' => &["NJ"],
        'О' => &["O"],
        'П' => &["P"],
        'Р' => &["R"],
        'С' => &["S"],
        'Т' => &["T"],
        'Ћ' => &["C"],
        'У' | 'Ў' => &["U"],
        'Ф' => &["F"],
        'Х' => &["KH"],
        'Ц' => &["TS"],
        'Ч' => &["CH"],
        'Ш' => &["SH"],
        'Щ' => &["SHCH"],
        'Ъ' => &["IE"],
        'Ы' => &["Y"],
        'Ь' => &[""],
        'Э' => &["E"],
        'Ю' => &["IU"],
        'Я' => &["IA"],
        // Table C: Arabic (Part 3 §6C, Appendix B.5).
        'ء' => &["XE"],
        'آ' => &["XAA"],
        'أ' => &["XAE"],
        'ؤ' => &["U"],
        'إ' => &["I"],
        'ئ' => &["XI"],
        'ا' => &["A"],
        'ٱ' => &["XXA"],
        'ب' => &["B"],
        // Teh marbuta: XTA, or XAH at the end of a name component (App. B.5.5).
        'ة' => &["XTA", "XAH"],
        'ت' => &["T"],
        'ث' => &["XTH"],
        'ج' => &["J"],
        'ح' => &["XH"],
        'خ' => &["XKH"],
        'د' => &["D"],
        'ذ' => &["XDH"],
        'ر' => &["R"],
        'ز' => &["Z"],
        'س' => &["S"],
        'ش' => &["XSH"],
        'ص' => &["XSS"],
        'ض' => &["XDZ"],
        'ط' => &["XTT"],
        'ظ' => &["XZZ"],
        'ع' => &["E"],
        'غ' => &["G"],
        'ف' => &["F"],
        'ق' => &["Q"],
        'ك' => &["K"],
        'ل' => &["L"],
        'م' => &["M"],
        'ن' => &["N"],
        'ه' => &["H"],
        'و' => &["W"],
        'ى' => &["XAY"],
        'ي' => &["Y"],
        'پ' => &["P"],
        'چ' => &["XC"],
        'ژ' => &["XJ"],
        'ک' => &["XKK"],
        'گ' => &["XGG"],
        'ی' => &["XYA", "Y", "XAY"],
        // Harakat, shadda, sukun, dagger alif and tatweel are not written (App. B.1, B.5.3).
        '\u{064B}'..='\u{0652}' | '\u{0670}' | '\u{0640}' => &[""],
        // Apostrophes and other punctuation inside a name are dropped (Part 3 §4.6).
        '\'' | '’' | 'ʼ' | '.' | '`' => &[""],
        _ => return None,
    };
    Some(options)
}

/// Combining marks after a base letter, as in decomposed (NFD) input.
fn combine(base: char, mark: char) -> Option<char> {
    Some(match (base, mark) {
        ('A', '\u{0308}') => 'Ä',
        ('O', '\u{0308}') => 'Ö',
        ('U', '\u{0308}') => 'Ü',
        ('A', '\u{030A}') => 'Å',
        ('N', '\u{0303}') => 'Ñ',
        _ => return None,
    })
}

/// One position of a name: fixed text, a separator between components, or alternatives.
#[derive(Debug)]
enum Piece {
    Fixed(String),
    Separator,
    Choice(&'static [&'static str]),
}

fn pieces(name: &str) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = Vec::new();
    let upper: Vec<char> = name.chars().flat_map(char::to_uppercase).collect();
    let mut index = 0;
    while index < upper.len() {
        let mut character = upper[index];
        if let Some(&mark) = upper.get(index + 1)
            && let Some(combined) = combine(character, mark)
        {
            character = combined;
            index += 1;
        }
        index += 1;
        if character.is_whitespace() || matches!(character, '-' | '<' | ',' | '‐') {
            if !matches!(pieces.last(), None | Some(Piece::Separator)) {
                pieces.push(Piece::Separator);
            }
            continue;
        }
        match renderings_of(character) {
            None if character.is_ascii_uppercase() => match pieces.last_mut() {
                Some(Piece::Fixed(text)) => text.push(character),
                _ => pieces.push(Piece::Fixed(character.to_string())),
            },
            Some(&[single]) => match pieces.last_mut() {
                Some(Piece::Fixed(text)) => text.push_str(single),
                _ => pieces.push(Piece::Fixed(single.to_owned())),
            },
            Some(options) => pieces.push(Piece::Choice(options)),
            // Combining marks without a table entry, digits and other symbols are not written.
            None => {}
        }
    }
    while matches!(pieces.last(), Some(Piece::Separator)) {
        pieces.pop();
    }
    pieces
}

/// Every legal MRZ rendering of a name as written (components joined by `<`), at most
/// [`MAX_RENDERINGS`], the preferred (first-listed) rendering first.
pub fn mrz_renderings(name: &str) -> Vec<String> {
    let mut renderings = vec![String::new()];
    for piece in pieces(name) {
        match piece {
            Piece::Fixed(text) => renderings.iter_mut().for_each(|r| r.push_str(&text)),
            Piece::Separator => renderings.iter_mut().for_each(|r| r.push('<')),
            Piece::Choice(options) => {
                let mut next = Vec::with_capacity(renderings.len() * options.len());
                'outer: for rendering in &renderings {
                    for option in options {
                        if next.len() == MAX_RENDERINGS {
                            break 'outer;
                        }
                        next.push(format!("{rendering}{option}"));
                    }
                }
                renderings = next;
            }
        }
    }
    for rendering in &mut renderings {
        // A component that vanished (e.g. only harakat) must not leave `<<` behind.
        while rendering.contains("<<") {
            *rendering = rendering.replace("<<", "<");
        }
        *rendering = rendering.trim_matches('<').to_owned();
    }
    let mut seen = std::collections::HashSet::new();
    renderings.retain(|rendering| seen.insert(rendering.clone()));
    renderings
}

/// The first-listed rendering of each character: what an issuer following Part 3 §6 prints.
pub fn preferred_rendering(name: &str) -> String {
    mrz_renderings(name).into_iter().next().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_diacritics_have_all_legal_renderings() {
        // Part 3 §6A, Table A.
        assert_eq!(mrz_renderings("Müller"), ["MUELLER", "MUXXLLER", "MULLER"]);
        assert_eq!(
            mrz_renderings("Åsa Öberg"),
            ["AASA<OEBERG", "AASA<OBERG", "ASA<OEBERG", "ASA<OBERG"]
        );
        assert_eq!(mrz_renderings("Peña"), ["PENA", "PENXXA"]);
        assert_eq!(mrz_renderings("Łukasz Żółć"), ["LUKASZ<ZOLC"]);
        assert_eq!(mrz_renderings("D'Artagnan"), ["DARTAGNAN"]);
        assert_eq!(mrz_renderings("Jean-Pierre"), ["JEAN<PIERRE"]);
        // Decomposed input (NFD) gives the same set as composed input.
        assert_eq!(mrz_renderings("Mu\u{0308}ller"), mrz_renderings("Müller"));
    }

    #[test]
    fn cyrillic_follows_table_b() {
        assert_eq!(preferred_rendering("Чайковский"), "CHAIKOVSKII");
        assert_eq!(preferred_rendering("Щербаков"), "SHCHERBAKOV");
        assert!(mrz_renderings("Григорій").contains(&"HRYHORII".to_owned()));
    }

    #[test]
    fn arabic_follows_the_x_scheme() {
        // Part 3 Appendix B.5 worked example: ابو بكر محمد بن زكريا الرازي.
        assert_eq!(
            preferred_rendering("ابو بكر محمد بن زكريا الرازي"),
            "ABW<BKR<MXHMD<BN<ZKRYA<ALRAZY"
        );
        // Teh marbuta: XTA or XAH (App. B.5.5); harakat are not written.
        assert_eq!(mrz_renderings("فاطِمة"), ["FAXTTMXTA", "FAXTTMXAH"]);
    }

    #[test]
    fn renderings_are_capped() {
        let many = "Ü".repeat(10);
        assert_eq!(mrz_renderings(&many).len(), MAX_RENDERINGS);
    }
}
