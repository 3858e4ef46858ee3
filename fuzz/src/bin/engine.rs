//! AFL++ target: see `stepwise_fuzz::engine`.
fn main() {
    afl::fuzz!(|data: &[u8]| {
        stepwise_fuzz::engine(data);
    });
}
