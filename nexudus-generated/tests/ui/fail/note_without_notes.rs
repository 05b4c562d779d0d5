// CreateCoworkerNote needs Notes.
use nexudus_generated::spaces::CreateCoworkerNote;

fn main() {
    let _request = CreateCoworkerNote::builder().coworker_id(42).build();
}
