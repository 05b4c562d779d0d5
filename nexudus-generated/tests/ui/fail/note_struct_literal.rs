// Requests cannot be written as struct literals, which would skip the builder's checks.
use nexudus_generated::spaces::CreateCoworkerNote;

fn main() {
    let _request = CreateCoworkerNote { coworker_id: 1, notes: "x".to_owned() };
}
