//! AFL++ target: see `stepwise_fuzz::intrinsics`.
fn main() {
    afl::fuzz!(|data: &[u8]| {
        stepwise_fuzz::intrinsics(data);
    });
}
