//! AFL++ target: see `stepwise_fuzz::jsonpath`.
fn main() {
    stepwise_fuzz::abort_on_uncontained_panic();
    afl::fuzz_nohook!(|data: &[u8]| {
        stepwise_fuzz::jsonpath(data);
    });
}
