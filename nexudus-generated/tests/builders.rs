//! Compile-time guarantees of the generated builders, proven with trybuild: complete
//! builders compile; a builder missing a required field does not, and the compiler's
//! message names the field.

#[test]
fn builders_compile_only_with_every_required_field() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/fail/*.rs");
}
