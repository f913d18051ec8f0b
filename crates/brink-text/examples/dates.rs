//! Prints the date expressions of a text file resolved against a date:
//! `cargo run -p brink-text --example dates FILE YYYY-MM-DD`.

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: dates FILE [YYYY-MM-DD]");
    let date = args.next().and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
    let text = String::from_utf8_lossy(&std::fs::read(path).expect("read")).into_owned();
    for f in brink_text::dates::find_dates(&text, 0, date) {
        println!("{:>6} {:<28} {:?} {:?} {:?}", f.span.start, f.text, f.date, f.end, f.precision);
    }
}
