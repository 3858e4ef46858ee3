//! AddBranch: a new branch on a Parallel.

use crate::common::{assert_valid_but_unreachable, edit, parallel, refuse, s};
use serde_json::json;
use stepwise_asl::edit::{Edit, EditError};

#[test]
fn add_branch_to_a_parallel() {
    let mut v = parallel();
    v["States"]["Pass"] = json!({"Type": "Pass", "End": true});
    let o = edit(
        &mut v,
        Edit::AddBranch {
            pointer: s("/States/Fork"),
        },
    );
    assert_eq!(o.select, vec!["/States/Fork/Branches/2/States/Pass 2"]);
    assert_eq!(o.label, "Add branch to Fork");
    assert_eq!(
        v["States"]["Fork"]["Branches"][2],
        json!({"StartAt": "Pass 2", "States": {"Pass 2": {"Type": "Pass", "End": true}}})
    );
    assert_valid_but_unreachable(&v, &["/States/Pass"]);
    assert!(matches!(
        refuse(
            &mut v,
            Edit::AddBranch {
                pointer: s("/States/Done")
            }
        ),
        EditError::NotApplicable { .. }
    ));
}
