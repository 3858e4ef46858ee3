//! AFL++ target: see `stepwise_fuzz::jsonata`.
fn main() {
    stepwise_fuzz::abort_on_uncontained_panic();
    afl::fuzz_nohook!(|data: &[u8]| {
        stepwise_fuzz::jsonata(data);
    });
}
