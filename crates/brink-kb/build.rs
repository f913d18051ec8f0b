//! Embeds every `kb/**/*.toml` of the repository into the binary.
//!
//! Why a build script rather than a hand-kept list of `include_str!`: data authors add files
//! (`kb/people/asia.toml`, `kb/agents.toml`, ...) while the code is written, and a forgotten
//! list entry would silently drop a whole region. Cargo re-runs this script whenever a file or
//! directory under `kb/` changes, so a new file is picked up by the next build.

use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    println!("cargo:rerun-if-changed={}", dir.display());
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|e| e == "toml") {
            println!("cargo:rerun-if-changed={}", p.display());
            out.push(p);
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let kb_dir = manifest.join("../../kb");
    let kb_dir = kb_dir.canonicalize().unwrap_or(kb_dir);
    let mut files = Vec::new();
    collect(&kb_dir, &mut files);
    let mut src = String::from("/// Every `kb/**/*.toml` file: (path relative to the repository, contents).\npub static FILES: &[(&str, &str)] = &[\n");
    for f in &files {
        let rel = f.strip_prefix(kb_dir.parent().unwrap_or(&kb_dir)).unwrap_or(f);
        src.push_str(&format!("    ({:?}, include_str!({:?})),\n", rel.to_string_lossy(), f.to_string_lossy()));
    }
    src.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("kb_files.rs");
    std::fs::write(out, src).unwrap();
}
