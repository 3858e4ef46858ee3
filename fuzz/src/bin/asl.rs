//! AFL++ target: see `stepwise_fuzz::asl`.
fn main() {
    afl::fuzz!(|data: &[u8]| {
        stepwise_fuzz::asl(data);
    });
}
