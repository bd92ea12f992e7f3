//! Prints the JSON Schema of the catalogue file format.
fn main() {
    print!("{}", catalogue_core::json_schema());
}
