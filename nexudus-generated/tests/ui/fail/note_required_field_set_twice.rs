// A required field can be set once: the setter is gone after the first call.
use nexudus_generated::spaces::CreateCoworkerNote;

fn main() {
    let _request = CreateCoworkerNote::builder().coworker_id(1).coworker_id(2).notes("x").build();
}
