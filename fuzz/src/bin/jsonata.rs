//! AFL++ target: see `stepwise_fuzz::jsonata`.
fn main() {
    afl::fuzz!(|data: &[u8]| {
        stepwise_fuzz::jsonata(data);
    });
}
