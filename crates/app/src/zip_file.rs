//! The one ZIP writer: deflated entries, local headers and a central directory, nothing else
//! (no ZIP64, no encryption, no extra fields). Archives we write are small (a subject-access
//! export is a few hundred kilobytes), so a whole archive is built in memory. `flate2` and
//! `crc32fast` were already in the build through the HTTP compression layer; the `zip` crate
//! would add far more than these hundred lines.

use std::io::Write;

use crate::error::{Error, Result};

/// One file of an archive.
pub struct Entry<'a> {
    pub name: &'a str,
    pub content: &'a [u8],
}

const LOCAL_HEADER: u32 = 0x0403_4b50;
const CENTRAL_HEADER: u32 = 0x0201_4b50;
const END_OF_CENTRAL_DIRECTORY: u32 = 0x0605_4b50;
const DEFLATE: u16 = 8;
const VERSION: u16 = 20;
/// Bit 11: names are UTF-8.
const UTF8_NAMES: u16 = 1 << 11;
/// 1980-01-01 00:00 in MS-DOS form: the archive carries no clock of its own.
const DOS_DATE: u16 = (1 << 5) | 1;

fn u16_of(value: usize) -> Result<u16> {
    u16::try_from(value)
        .map_err(|_| Error::Internal("zip: too many entries or name too long".into()))
}

fn u32_of(value: usize) -> Result<u32> {
    u32::try_from(value).map_err(|_| Error::Internal("zip: archive larger than 4 GiB".into()))
}

/// Writes the entries into a ZIP archive.
pub fn write(entries: &[Entry<'_>]) -> Result<Vec<u8>> {
    let mut archive = Vec::new();
    let mut central = Vec::new();
    for entry in entries {
        let mut encoder =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(entry.content).map_err(Error::internal)?;
        let compressed = encoder.finish().map_err(Error::internal)?;
        let crc = crc32fast::hash(entry.content);
        let offset = u32_of(archive.len())?;
        let name = entry.name.as_bytes();
        let common = |out: &mut Vec<u8>| -> Result<()> {
            for value in [VERSION, UTF8_NAMES, DEFLATE, 0, DOS_DATE] {
                out.extend_from_slice(&value.to_le_bytes());
            }
            for value in [crc, u32_of(compressed.len())?, u32_of(entry.content.len())?] {
                out.extend_from_slice(&value.to_le_bytes());
            }
            out.extend_from_slice(&u16_of(name.len())?.to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes());
            Ok(())
        };
        archive.extend_from_slice(&LOCAL_HEADER.to_le_bytes());
        common(&mut archive)?;
        archive.extend_from_slice(name);
        archive.extend_from_slice(&compressed);

        central.extend_from_slice(&CENTRAL_HEADER.to_le_bytes());
        central.extend_from_slice(&VERSION.to_le_bytes());
        common(&mut central)?;
        // Comment length, disk number, internal and external attributes, local header offset.
        for value in [0u16, 0, 0] {
            central.extend_from_slice(&value.to_le_bytes());
        }
        central.extend_from_slice(&0u32.to_le_bytes());
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name);
    }
    let central_offset = u32_of(archive.len())?;
    let count = u16_of(entries.len())?;
    archive.extend_from_slice(&central);
    archive.extend_from_slice(&END_OF_CENTRAL_DIRECTORY.to_le_bytes());
    for value in [0u16, 0, count, count] {
        archive.extend_from_slice(&value.to_le_bytes());
    }
    archive.extend_from_slice(&u32_of(central.len())?.to_le_bytes());
    archive.extend_from_slice(&central_offset.to_le_bytes());
    archive.extend_from_slice(&0u16.to_le_bytes());
    Ok(archive)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Python's `zipfile` is the independent reader: it checks the central directory, every
    /// local header and every CRC (`testzip`), and returns the contents.
    #[test]
    fn python_reads_back_what_was_written() {
        let big = "Ünïcode et répétitions ".repeat(2000);
        let archive = write(&[
            Entry {
                name: "data.json",
                content: b"{\"a\": 1}",
            },
            Entry {
                name: "résumé.html",
                content: big.as_bytes(),
            },
            Entry {
                name: "empty.txt",
                content: b"",
            },
        ])
        .unwrap_or_default();
        let dir = std::env::temp_dir().join(format!("zip-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_default();
        let path = dir.join("test.zip");
        std::fs::write(&path, &archive).unwrap_or_default();
        let script = "import sys, zipfile\n\
z = zipfile.ZipFile(sys.argv[1])\n\
assert z.testzip() is None\n\
print(z.namelist())\n\
print(len(z.read('résumé.html').decode('utf-8')))\n\
print(z.read('data.json').decode())\n";
        let output = std::process::Command::new("python3")
            .arg("-c")
            .arg(script)
            .arg(&path)
            .output();
        let _ = std::fs::remove_dir_all(&dir);
        let output = output.unwrap_or_else(|error| panic!("python3: {error}"));
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let text = String::from_utf8_lossy(&output.stdout);
        assert_eq!(
            text,
            format!(
                "['data.json', 'résumé.html', 'empty.txt']\n{}\n{{\"a\": 1}}\n",
                big.chars().count()
            )
        );
        assert!(archive.len() < big.len() / 10, "the repetition is deflated");
    }
}
