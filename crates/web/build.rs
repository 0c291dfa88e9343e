//! The interface's messages are compiled into the binary from `locales/`; a new or changed
//! file there (a new language is a new folder) must rebuild this crate.

fn main() {
    println!("cargo:rerun-if-changed=../../locales");
}
