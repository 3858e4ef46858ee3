//! Writes a synthetic machine of about N states as JSON: `cargo run -p stepwise-layout
//! --example synth -- 200 > synth-200.asl.json` (bench-compare/ uses it).

fn main() {
    let n = std::env::args()
        .nth(1)
        .and_then(|a| a.parse::<usize>().ok())
        .unwrap_or(200);
    let v = stepwise_layout::synth::machine(n);
    match serde_json::to_string_pretty(&v) {
        Ok(s) => println!("{s}"),
        Err(e) => {
            eprintln!("synth: {e}");
            std::process::exit(2);
        }
    }
}
