//! AFL++ target: see `stepwise_fuzz::asl`.
fn main() {
    stepwise_fuzz::abort_on_uncontained_panic();
    afl::fuzz_nohook!(|data: &[u8]| {
        stepwise_fuzz::asl(data);
    });
}
