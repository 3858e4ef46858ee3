//! Duplicate: copies placed next to their originals.

use crate::common::{assert_valid_but_unreachable, chain, edit, keys, map, parallel, s};
use stepwise_asl::edit::Edit;

#[test]
fn duplicate_next_to_the_original() {
    let mut v = chain();
    let o = edit(
        &mut v,
        Edit::Duplicate {
            pointers: vec![s("/States/B")],
        },
    );
    assert_eq!(o.select, vec!["/States/B copy"]);
    assert_eq!(o.label, "Duplicate B");
    assert_eq!(keys(&v, "/States"), vec!["A", "B", "B copy", "C"]);
    assert_eq!(v["States"]["B copy"], v["States"]["B"]);
    let o = edit(
        &mut v,
        Edit::Duplicate {
            pointers: vec![s("/States/B")],
        },
    );
    assert_eq!(o.select, vec!["/States/B copy 2"]);
    assert_valid_but_unreachable(&v, &["/States/B copy", "/States/B copy 2"]);
}

#[test]
fn duplicated_states_lead_to_each_other() {
    let mut v = chain();
    let o = edit(
        &mut v,
        Edit::Duplicate {
            pointers: vec![s("/States/A"), s("/States/B")],
        },
    );
    assert_eq!(o.label, "Duplicate 2 states");
    assert_eq!(o.select, vec!["/States/A copy", "/States/B copy"]);
    assert_eq!(v["States"]["A copy"]["Next"], "B copy");
    assert_eq!(v["States"]["B copy"]["Next"], "C");
    assert_eq!(keys(&v, "/States"), vec!["A", "A copy", "B", "B copy", "C"]);
    assert_valid_but_unreachable(&v, &["/States/A copy", "/States/B copy"]);
}

#[test]
fn duplicate_a_parallel_renames_its_nested_states() {
    let mut v = parallel();
    edit(
        &mut v,
        Edit::Duplicate {
            pointers: vec![s("/States/Fork")],
        },
    );
    let copy = &v["States"]["Fork copy"];
    assert_eq!(copy["Next"], "Done");
    assert_eq!(copy["Branches"][0]["StartAt"], "B1 copy");
    assert_eq!(copy["Branches"][0]["States"]["B1 copy"]["Next"], "B2 copy");
    assert_eq!(copy["Branches"][1]["StartAt"], "C1 copy");
    assert_valid_but_unreachable(&v, &["/States/Fork copy"]);

    // Inside a branch, and a Map processor with its ProcessorConfig.
    let o = edit(
        &mut v,
        Edit::Duplicate {
            pointers: vec![s("/States/Fork/Branches/0/States/B2")],
        },
    );
    assert_eq!(o.select, vec!["/States/Fork/Branches/0/States/B2 copy 2"]);

    let mut v = map();
    edit(
        &mut v,
        Edit::Duplicate {
            pointers: vec![s("/States/Each")],
        },
    );
    let p = &v["States"]["Each copy"]["ItemProcessor"];
    assert_eq!(
        keys(&v, "/States/Each copy/ItemProcessor"),
        vec!["ProcessorConfig", "StartAt", "States"]
    );
    assert_eq!(p["StartAt"], "I1 copy");
    assert_eq!(p["States"]["I1 copy"]["Next"], "I2 copy");
    assert_valid_but_unreachable(&v, &["/States/Each copy"]);
}
