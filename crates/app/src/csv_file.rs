//! CSV files for spreadsheet programs: UTF-8 with a byte-order mark (so non-Latin text opens
//! correctly), CRLF line ends, quoting where needed, and any cell that could start a formula
//! neutralised.

/// A CSV file being written row by row.
#[derive(Debug, Clone)]
pub struct CsvFile {
    text: String,
}

impl Default for CsvFile {
    fn default() -> Self {
        CsvFile::new()
    }
}

impl CsvFile {
    pub fn new() -> CsvFile {
        CsvFile {
            text: String::from("\u{FEFF}"),
        }
    }

    pub fn row<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) {
        let cells: Vec<String> = cells
            .into_iter()
            .map(|cell| quote(&neutralise_formula(cell.as_ref())))
            .collect();
        self.text.push_str(&cells.join(","));
        self.text.push_str("\r\n");
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.text.into_bytes()
    }
}

/// A cell starting with `=`, `+`, `-`, `@`, tab or carriage return would be run as a formula by
/// spreadsheet programs; a leading apostrophe makes it text.
pub fn neutralise_formula(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}

fn quote(cell: &str) -> String {
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_start_with_a_bom_and_quote_what_needs_quoting() {
        let mut file = CsvFile::new();
        file.row(["a", "b,c", "say \"hi\""]);
        file.row(["=1+1", "-2", "@x"]);
        let text = String::from_utf8(file.into_bytes()).unwrap_or_default();
        assert_eq!(
            text,
            "\u{FEFF}a,\"b,c\",\"say \"\"hi\"\"\"\r\n'=1+1,'-2,'@x\r\n"
        );
    }
}
