//! Reads inputs and prints each document's metadata and noise spans:
//! `cargo run -p brink-read --example noise PATH...`.

use brink_core::Stage;
use brink_read::{read_paths, CleanStage, ReadItem, ReadOptions};

fn main() {
    let paths: Vec<_> = std::env::args().skip(1).map(Into::into).collect();
    for item in read_paths(&paths, &ReadOptions::default()) {
        match item {
            ReadItem::Doc(mut d) => {
                CleanStage.process(&mut d);
                println!("== {} date={:?} ({:?}) title={:?} warnings={:?}", d.id, d.date, d.date_origin, d.title, d.warnings);
                println!("   starts: {:?}", d.text.chars().take(60).collect::<String>());
                for n in &d.noise {
                    println!("   [{}] {:?}", n.rule, d.slice(n.span));
                }
            }
            ReadItem::Failed { origin, reason } => println!("!! {origin}: {reason}"),
        }
    }
}
